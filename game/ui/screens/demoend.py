"""The card at the end of the demo cut (`play --demo`): where the demo stops and how to get the full game.

Like ChoiceScript's `*end_trial`: the story stops at the pack's `demo.end` scene instead of going on.
Any key or click goes back to the title.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from game.booth.kiosk import DEMO_END_LINES, DEMO_END_TITLE
from game.ui.screens.base import GameScreen
from game.ui.widgets.banner import Banner
from game.ui.widgets.sizenotice import SizeNotice


class DemoEndScreen(GameScreen):
    DEFAULT_CSS = """
    DemoEndScreen { align: center middle; }
    DemoEndScreen #demo-box { width: 72; max-width: 100%; height: auto; max-height: 100%; padding: 1 2;
                              border: round $accent; }
    DemoEndScreen #demo-title { text-style: bold; color: $accent; width: 100%; text-align: center; margin: 1 0; }
    DemoEndScreen #demo-reached { width: 100%; text-align: center; color: $text-muted; }
    DemoEndScreen #demo-how { width: 100%; text-align: center; margin: 1 0; }
    DemoEndScreen #demo-hint { width: 100%; text-align: center; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        story = self.host.story
        playthrough = self.host.playthrough
        assert playthrough is not None, "the demo's end card follows a game"
        scene = playthrough.scene()
        with Vertical(id="demo-box"):
            yield Banner(story.title)
            yield Static(Content(DEMO_END_TITLE.format(title=story.title) + "."), id="demo-title")
            yield Static(Content(f"The story goes on from here: {scene.title}."), id="demo-reached")
            yield Static(Content("\n".join(DEMO_END_LINES)), id="demo-how")
            yield Static(Content("Press any key to go back to the title."), id="demo-hint")

    def _leave(self) -> None:
        if self.is_current:
            self.host.to_title()

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self._leave()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self._leave()

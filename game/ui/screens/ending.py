"""The ending screen: the ending, what really happened on this route, the endings found, what next."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.keys import bindings
from game.ui.screens.base import GameScreen
from game.ui.widgets.footer import Footer  # Textual's Footer leaks a widget set per choice
from game.ui.widgets.sizenotice import SizeNotice

KIND_LABEL = {"best": "The best ending", "good": "An ending", "bittersweet": "A bittersweet ending",
              "bad": "A hard ending"}


class EndingScreen(GameScreen):
    BINDINGS = bindings("ending")  # game/play/keys.py: every key of the game

    DEFAULT_CSS = """
    EndingScreen { align: center middle; }
    EndingScreen #ending-box { width: 110; max-width: 100%; height: 100%; padding: 0 1; }
    EndingScreen #ending-kind { color: $text-muted; text-align: center; width: 100%; margin-top: 1; }
    EndingScreen #ending-title { text-style: bold; color: $accent; text-align: center; width: 100%; margin: 1 0; }
    EndingScreen #ending-cols { height: 1fr; }
    EndingScreen #ending-text { width: 3fr; height: 100%; padding: 0 1; }
    EndingScreen #epilogue { text-style: italic; margin-top: 1; }
    EndingScreen #truth { width: 2fr; height: 100%; padding: 0 1; border-left: tall $panel; }
    EndingScreen #truth-title { text-style: bold; color: $accent; }
    EndingScreen #found { width: 100%; text-align: center; color: $text-muted; height: auto; }
    EndingScreen #run-code { width: 100%; text-align: center; color: $text-muted; height: auto; }
    EndingScreen #ending-menu { width: 30; min-width: 14; height: auto; border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        host = self.host
        playthrough = host.playthrough
        assert playthrough is not None and playthrough.scene().ending is not None
        session = playthrough.session
        scene = session.scene()
        ending = scene.ending
        assert ending is not None
        facts = playthrough.route_facts()
        story = session.story
        found = host.gallery.found_endings(story)
        new = host.new_ending
        with Vertical(id="ending-box"):
            yield Static(Content(KIND_LABEL.get(ending.kind, "An ending")), id="ending-kind")
            yield Static(Content(ending.title.upper()), id="ending-title")
            with Horizontal(id="ending-cols"):
                with VerticalScroll(id="ending-text"):
                    yield Static(Content.styled("What your crew did", "bold $accent"))
                    yield Static(Content("\n\n".join(session.text())), id="ending-body")
                    yield Static(Content(ending.epilogue), id="epilogue")
                with VerticalScroll(id="truth"):
                    yield Static(Content("What really happened"), id="truth-title")
                    if facts:
                        body = Content("\n\n").join(
                            Content.assemble(f"\u2022 {f.text}", (f"\n  {f.source_title or f.source}", "$text-muted"))
                            for f in facts)
                    else:
                        body = Content.styled("This story cites no real facts on this route.", "$text-muted")
                    yield Static(body, id="truth-facts")
            line = f"Endings found: {len(found)} of {len(story.endings)}"
            yield Static(Content(("New ending!  " if new else "") + line), id="found")
            code = host.run_code  # made by the host when the ending was reached, not while composing
            if code:  # one line that replays this run: `first-take replay --code CODE`
                yield Static(Content(f"Run code: {code}"), id="run-code")
            options = [Option("Play again", id="again"), Option("Rewind one choice", id="rewind"),
                       Option("Title screen", id="title"), Option("Quit", id="quit")]
            if host.config.kiosk:  # kiosk: the ending is logged; no way out
                options = [o for o in options if o.id not in ("rewind", "quit")]
            with Center():
                yield OptionList(*options, id="ending-menu")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ending-menu", OptionList).focus()

    @on(OptionList.OptionSelected, "#ending-menu")
    async def _menu(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        actions = {"again": "screen.play_again", "rewind": "app.rewind", "title": "screen.to_title", "quit": "app.quit"}
        await self.app.run_action(actions[event.option.id or "quit"], self)

    def action_play_again(self) -> None:
        self.host.new_game()

    def action_to_title(self) -> None:
        self.host.to_title()

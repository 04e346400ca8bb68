"""The fact file: the real events behind the story, unlocked by passing the scenes that cite them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.ui.screens.base import GameModal
from game.ui.widgets.sizenotice import SizeNotice


class FactsScreen(GameModal[None]):
    BINDINGS = [Binding("escape", "close", "Close"), Binding("f", "close", "Close", show=False)]

    DEFAULT_CSS = """
    FactsScreen #facts { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        story = self.host.story
        known = set(self.host.known_facts())
        blocks: list[Content] = []
        for fid, fact in story.facts.items():
            if fid in known:
                source = fact.source_title or fact.source
                blocks.append(Content.assemble(("\u2022 ", "$accent"), fact.text,
                                               (f"\n  Source: {source}" if source else "", "$text-muted")))
            else:
                blocks.append(Content.styled("\u2022 ???  (not found yet: pass the scene that tells it)", "$text-muted"))
        total = len(story.facts)
        with Vertical(classes="dialog"):
            yield Static(Content(f"Fact file: {len(known & set(story.facts))} of {total} facts found"),
                         classes="dialog-title")
            with VerticalScroll(id="facts"):
                if blocks:
                    yield Static(Content("\n\n").join(blocks), id="facts-text")
                else:
                    yield Static(Content("This story has no fact file."), id="facts-text")
            yield Static(Content("The real events behind the story, as the sources reported them.   Escape: back"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#facts", VerticalScroll).focus()

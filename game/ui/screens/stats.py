"""The stats overlay (`t`): the sidebar's numbers and the items carried, with their descriptions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.ui.screens.base import GameModal
from game.ui.widgets.sidebar import StatsPanel
from game.ui.widgets.sizenotice import SizeNotice


class StatsScreen(GameModal[None]):
    BINDINGS = [Binding("escape", "close", "Close"), Binding("t", "close", "Close", show=False)]

    DEFAULT_CSS = """
    StatsScreen > .dialog { width: 60; max-width: 100%; }
    StatsScreen #stats-scroll { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        with Vertical(classes="dialog"):
            yield Static(Content("Stats and items"), classes="dialog-title")
            with VerticalScroll(id="stats-scroll"):
                yield StatsPanel(id="stats-detail")
            yield Static(Content("Escape: back"), classes="dialog-hint")

    def on_mount(self) -> None:
        session = self.host.session
        assert session is not None  # the app opens this screen only during a playthrough
        self.query_one(StatsPanel).show(session.story, session.state, describe_items=True)
        self.query_one("#stats-scroll", VerticalScroll).focus()

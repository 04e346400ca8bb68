"""The title screen: the name in large type, then New game / Quit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.banner import Banner


class TitleScreen(Screen):
    BINDINGS = [("n", "new_game", "New game"), ("q", "app.quit", "Quit")]

    DEFAULT_CSS = """
    TitleScreen { align: center middle; }
    TitleScreen #title-box { width: 60; max-width: 100%; height: auto; }
    TitleScreen #tagline { width: 100%; text-align: center; color: $text-muted; margin: 1 0; }
    TitleScreen #menu { width: 30; min-width: 12; height: auto; border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        story = self.app.story  # type: ignore[attr-defined]
        with Vertical(id="title-box"):
            yield Banner(story.title)
            yield Static(Content(story.description), id="tagline")
            with Center():
                yield OptionList(Option("New game", id="new"), Option("Quit", id="quit"), id="menu")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).focus()

    @on(OptionList.OptionSelected, "#menu")
    def _menu(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "new":
            self.action_new_game()
        elif event.option.id == "quit":
            self.app.exit()

    def action_new_game(self) -> None:
        self.app.new_game()  # type: ignore[attr-defined]

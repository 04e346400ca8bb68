"""The ending screen: the ending's title, its epilogue, and a way to play again."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

KIND_LABEL = {"best": "The best ending", "good": "An ending", "bittersweet": "A bittersweet ending",
              "bad": "A hard ending"}


class EndingScreen(Screen):
    BINDINGS = [("p", "play_again", "Play again"), ("t", "to_title", "Title"), ("q", "app.quit", "Quit")]

    DEFAULT_CSS = """
    EndingScreen { align: center middle; }
    EndingScreen #ending-box { width: 80; max-width: 100%; height: auto; max-height: 100%; padding: 1 2; }
    EndingScreen #ending-kind { color: $text-muted; text-align: center; width: 100%; }
    EndingScreen #ending-title { text-style: bold; color: $accent; text-align: center; width: 100%; margin: 1 0; }
    EndingScreen #ending-text { height: auto; max-height: 14; }
    EndingScreen #epilogue { text-style: italic; text-align: center; width: 100%; margin: 1 0; }
    EndingScreen #ending-menu { width: 30; min-width: 12; height: auto; border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        session = self.app.session  # type: ignore[attr-defined]
        scene = session.scene()
        ending = scene.ending
        with Vertical(id="ending-box"):
            yield Static(Content(KIND_LABEL.get(ending.kind, "An ending")), id="ending-kind")
            yield Static(Content(ending.title.upper()), id="ending-title")
            with VerticalScroll(id="ending-text"):
                yield Static(Content("\n\n".join(session.text())))
            yield Static(Content(ending.epilogue), id="epilogue")
            with Center():
                yield OptionList(Option("Play again", id="again"), Option("Title screen", id="title"),
                                 Option("Quit", id="quit"), id="ending-menu")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ending-menu", OptionList).focus()

    @on(OptionList.OptionSelected, "#ending-menu")
    def _menu(self, event: OptionList.OptionSelected) -> None:
        {"again": self.action_play_again, "title": self.action_to_title, "quit": self.app.exit}[event.option.id]()

    def action_play_again(self) -> None:
        self.app.new_game()  # type: ignore[attr-defined]

    def action_to_title(self) -> None:
        self.app.show_title()  # type: ignore[attr-defined]

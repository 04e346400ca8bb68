"""The title screen: the name in large type, endings found so far, and the main menu."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.widgets.banner import Banner
from game.ui.widgets.footer import Footer  # Textual's Footer leaks a widget set per choice
from game.ui.widgets.sizenotice import SizeNotice
from game.ui.screens.base import GameScreen


def endings_line(found: list[str], total: int) -> Content:
    if not total:
        return Content("")
    if not found:
        return Content.styled(f"Endings found: 0 of {total}", "$text-muted")
    return Content.assemble((f"Endings found: {len(found)} of {total}", "bold"), ("  \u2014  " + ", ".join(found), "$text-muted"))


class TitleScreen(GameScreen):
    BINDINGS = [
        Binding("n", "new_game", "New game"),
        Binding("c", "continue_game", "Continue"),
        Binding("l", "app.load", "Load"),
        Binding("o", "app.settings", "Settings"),
        Binding("q", "app.quit", "Quit"),
    ]

    DEFAULT_CSS = """
    TitleScreen { align: center middle; }
    TitleScreen #title-box { width: 72; max-width: 100%; height: auto; max-height: 100%; }
    TitleScreen #tagline { width: 100%; text-align: center; color: $text-muted; margin: 1 0 0 0; }
    TitleScreen #endings { width: 100%; text-align: center; margin: 1 0; }
    TitleScreen #menu { width: 30; min-width: 14; height: auto; border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        app = self.app
        story = app.story  # type: ignore[attr-defined]
        found = [s.ending.title for s in app.gallery.found_endings(story)]  # type: ignore[attr-defined]
        options: list[Option] = []
        newest = app.newest_save()  # type: ignore[attr-defined]
        if newest is not None:
            options.append(Option(Content.assemble("Continue", (f"  ({newest.save.summary.get('scene_title', '')})"
                                                                if newest.save else "", "$text-muted")), id="continue"))
        options.append(Option("New game", id="new"))
        if app.config.allow_load:  # type: ignore[attr-defined]
            options.append(Option("Load game", id="load"))
        options += [Option("Settings", id="settings"), Option("Help", id="help")]
        if app.kiosk is None:  # type: ignore[attr-defined]  # a kiosk has no way out for players
            options.append(Option("Quit", id="quit"))
        with Vertical(id="title-box"):
            yield Banner(story.title)
            yield Static(Content(story.description), id="tagline")
            yield Static(endings_line(found, len(story.endings)), id="endings")
            with Center():
                yield OptionList(*options, id="menu")
        yield Footer()

    def on_mount(self) -> None:
        menu = self.query_one("#menu", OptionList)
        menu.highlighted = 0
        menu.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue_game":
            return self.app.newest_save() is not None  # type: ignore[attr-defined]
        return True

    @on(OptionList.OptionSelected, "#menu")
    def _menu(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        app = self.app
        actions = {"continue": self.action_continue_game, "new": self.action_new_game,
                   "load": app.action_load, "settings": app.action_settings,  # type: ignore[attr-defined]
                   "help": app.action_help, "quit": app.action_quit}  # type: ignore[attr-defined]
        action = actions.get(event.option.id or "")
        if action is not None:
            action()

    def action_new_game(self) -> None:
        self.app.new_game()  # type: ignore[attr-defined]

    def action_continue_game(self) -> None:
        self.app.continue_game()  # type: ignore[attr-defined]

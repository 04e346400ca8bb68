"""The title screen: the name in large type, endings found so far, and the main menu."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.keys import bindings
from game.ui.screens.base import GameScreen
from game.ui.widgets.banner import Banner
from game.ui.widgets.footer import Footer  # Textual's Footer leaks a widget set per choice
from game.ui.widgets.sizenotice import SizeNotice


def endings_line(found: list[str], total: int) -> Content:
    if not total:
        return Content("")
    if not found:
        return Content.styled(f"Endings found: 0 of {total}", "$text-muted")
    return Content.assemble((f"Endings found: {len(found)} of {total}", "bold"), ("  \u2014  " + ", ".join(found), "$text-muted"))


class TitleScreen(GameScreen):
    BINDINGS = bindings("title")  # game/play/keys.py: every key of the game

    DEFAULT_CSS = """
    TitleScreen { align: center middle; }
    TitleScreen #title-box { width: 72; max-width: 100%; height: auto; max-height: 100%; }
    TitleScreen #tagline { width: 100%; text-align: center; color: $text-muted; margin: 1 0 0 0; }
    TitleScreen #endings { width: 100%; text-align: center; margin: 1 0; }
    TitleScreen #menu { width: 30; min-width: 14; height: auto; border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        host = self.host
        story = host.story
        found = [s.ending.title for s in host.gallery.found_endings(story) if s.ending]
        options: list[Option] = []
        newest = host.newest_save()  # looked up by the host when the slots changed, not here
        if newest is not None:
            options.append(Option(Content.assemble("Continue", (f"  ({newest.save.summary.get('scene_title', '')})"
                                                                if newest.save else "", "$text-muted")), id="continue"))
        options.append(Option("New game", id="new"))
        if host.config.allow_load:
            options.append(Option("Load game", id="load"))
        options += [Option("Settings", id="settings"), Option("Help", id="help")]
        if not host.config.kiosk:  # a kiosk has no way out for players
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
        if action == "continue_game":  # no file is read here: the host remembers the newest save
            return self.host.allowed("continue") is True
        return True

    @on(OptionList.OptionSelected, "#menu")
    async def _menu(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        actions = {"continue": "screen.continue_game", "new": "screen.new_game", "load": "app.load",
                   "settings": "app.settings", "help": "app.help", "quit": "app.quit"}
        action = actions.get(event.option.id or "")
        if action is not None:
            await self.app.run_action(action, self)

    def action_new_game(self) -> None:
        self.host.new_game()

    def action_continue_game(self) -> None:
        self.host.continue_()

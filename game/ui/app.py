"""The Textual app and `make_app`, the one factory used by the CLI and the tests.

The app is a front end of :class:`game.play.host.GameHost`: the host owns the game and its files and
decides what is allowed; the app turns the host's events into screens and notifications, and keys,
menus and the command palette into the host's intents. Screens reach the host through the typed
``host`` property of game/ui/screens/base.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.screen import Screen

from game.engine.model import Story
from game.engine.session import Session
from game.play.config import GameConfig
from game.play.host import Answer, GameHost, Notice
from game.play.playthrough import Playthrough
from game.storage.gallery import Gallery
from game.storage.settings import DEFAULT_THEME, TEXT_SPEEDS, Settings
from game.storage.slots import QUICK, SlotStore
from game.ui.keys import bindings, palette_entries
from game.ui.kiosk import KioskMode
from game.ui.screens.base import Sized
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.debug import DebugScreen
from game.ui.screens.demoend import DemoEndScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.facts import FactsScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.journal import JournalScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.saveload import SaveLoadScreen, SaveNameScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.stats import StatsScreen
from game.ui.screens.title import TitleScreen
from game.ui.themes import register_themes, theme_names


class FirstTakeApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "FIRST TAKE"
    BINDINGS = bindings("app")  # game/play/keys.py: every key of the game

    def __init__(self, host: GameHost) -> None:
        super().__init__()
        self.host = host
        host.frontend = self
        register_themes(self)
        self.kiosk = KioskMode(self, host) if host.config.kiosk else None  # raises KeySpecError without a key
        self.settings_changed()

    # -- the host's events ---------------------------------------------------------------------
    def show_title(self) -> None:
        self._switch(TitleScreen())

    def show_scene(self) -> None:
        play = next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)
        if play is None:
            self._switch(PlayScreen())
            return
        while self.screen is not play and len(self.screen_stack) > 2:
            self.pop_screen()
        play.show_scene()

    def show_ending(self) -> None:
        self._switch(EndingScreen())

    def show_demo_end(self) -> None:
        self._switch(DemoEndScreen())

    def tell(self, notice: Notice) -> None:
        self.notify(notice.text, title=notice.title, severity=notice.severity,
                    timeout=8 if notice.lasting else 3 if notice.severity == "information" else 5,
                    markup=False)  # host text quotes pack text and file contents: never markup

    def confirm(self, question: str, options: list[tuple[str, str]], answer: Answer) -> None:
        if not isinstance(self.screen, ConfirmScreen):
            self.push_screen(ConfirmScreen(question, options), answer)

    def settings_changed(self) -> None:
        s = self.host.settings
        if s.theme in self.available_themes:
            self.theme = s.theme
        else:
            self.theme = DEFAULT_THEME
            self.host.notices.append(f"Unknown theme '{s.theme}' in settings; using {DEFAULT_THEME}.")
        self.animation_level = "none" if s.reduced_motion else "full"

    def theme_names(self) -> list[str]:
        return theme_names(self)

    def _switch(self, screen: Screen) -> None:
        while len(self.screen_stack) > 2:  # close overlays first
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @property
    def reveal_speed(self) -> int:
        """Characters per second for the text reveal; 0 shows scenes at once."""
        settings, config = self.host.settings, self.host.config
        if settings.reduced_motion:
            return 0
        if config.text_speed is not None:
            return TEXT_SPEEDS.get(config.text_speed, 0)
        return 0 if self.is_headless else settings.chars_per_second  # tests read whole scenes

    # -- the game, read through the app (tests and tools look at the app) ------------------------
    @property
    def story(self) -> Story:
        return self.host.story

    @property
    def config(self) -> GameConfig:
        return self.host.config

    @property
    def playthrough(self) -> Playthrough | None:
        return self.host.playthrough

    @property
    def session(self) -> Session | None:
        return self.host.session

    @property
    def slots(self) -> SlotStore:
        return self.host.slots

    @property
    def gallery(self) -> Gallery:
        return self.host.gallery

    @property
    def settings(self) -> Settings:
        return self.host.settings

    @property
    def timer_scale(self) -> float:
        return self.host.timer_scale

    @property
    def watch_reloads(self) -> int:
        return self.host.reloads

    def update_settings(self, settings: Settings) -> None:
        self.host.update_settings(settings)

    def choose(self, choice_id: str) -> None:
        self.host.choose(choice_id)

    # -- lifecycle -----------------------------------------------------------------------------
    def on_mount(self) -> None:
        config = self.host.config
        if config.watch and config.pack_dir is not None:
            # Late on purpose, for startup: live reload needs the whole loader and PyYAML, and only
            # modders' `play --pack DIR --watch` uses it.
            from game.ui.watch import PackWatch

            PackWatch(self, self.host, config.pack_dir).start()
        self.title = self.host.story.title
        if self.kiosk is not None:
            self.kiosk.start()
        self.host.start()

    def on_unmount(self) -> None:
        if self.kiosk is not None:
            self.kiosk.close()  # a game still open is logged as closed; the player's folder goes

    # -- keys, menus and the palette -----------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.host.allowed(action)

    def action_new_game(self) -> None:
        self.host.new_game()

    def action_continue(self) -> None:
        self.host.continue_()

    def action_title(self) -> None:
        self.host.to_title()

    def action_rewind(self) -> None:
        self.host.rewind()

    def action_save(self) -> None:
        if self.host.allowed("save") is not True:
            return

        def chosen(slot: str | None) -> None:
            p = self.host.playthrough
            if slot is None or p is None:
                return
            info = self.host.slots.info(slot)
            label = self.host.default_label(info)

            def named(name: str | None) -> None:
                # The name screen shows what the slot holds, damaged or not: Enter there is the player's yes.
                if name is not None:
                    self.host.save(slot, name, confirmed=True)

            self.push_screen(SaveNameScreen(info, label), named)

        self.push_screen(SaveLoadScreen.for_host(self.host, "save"), chosen)

    def action_load(self) -> None:
        def chosen(slot: str | None) -> None:
            if slot is not None:
                self.host.load(slot)

        if self.host.allowed("load") is True:
            self.push_screen(SaveLoadScreen.for_host(self.host, "load"), chosen)

    def action_quicksave(self) -> None:
        if self.host.allowed("quicksave") is True:
            self.host.save(QUICK)

    def action_quickload(self) -> None:
        if self.host.allowed("quickload") is not True:
            return
        if not self.host.slots.info(QUICK).exists:
            self.notify("There is no quicksave yet (F5 makes one).", severity="warning")
            return
        self.host.load(QUICK)

    def action_debug(self) -> None:
        """F12 with --debug: variables, items and a jump to any scene."""
        if not self.host.config.debug or self.host.playthrough is None:
            return
        if isinstance(self.screen, DebugScreen):
            self.screen.dismiss(None)
            return
        def jump(scene_id: str | None) -> None:
            if scene_id:
                self.host.jump(scene_id)

        self.push_screen(DebugScreen(), jump)

    def action_journal(self) -> None:
        if self.host.playthrough is not None:
            self.push_screen(JournalScreen(self.host.playthrough.journal()))

    def action_facts(self) -> None:
        self.push_screen(FactsScreen())

    def action_stats(self) -> None:
        if self.host.playthrough is not None:
            self.push_screen(StatsScreen())

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_quit(self) -> None:  # type: ignore[override]
        """ctrl+q: quit at once, unless choices were made since the last save; then ask."""
        if self.host.allowed("quit") is False:
            return
        if not self.host.unsaved:
            self.exit(0)
            return

        def answer(choice: str | None) -> None:
            if choice == "quit" or (choice == "save" and self.host.save(QUICK)):
                self.exit(0)

        self.confirm("Quit now? Choices since your last save are kept only in the autosave.",
                     [("save", "Quicksave and quit"), ("quit", "Quit"), ("cancel", "Keep playing")], answer)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every screen and action of the game, by name, in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        entries = [(title, help_text, action, getattr(self, f"action_{action}"))
                   for title, help_text, action in palette_entries()]  # game/play/keys.py
        for title, help_text, action, callback in entries:
            if self.host.allowed(action):
                yield SystemCommand(title, help_text, callback)

    # -- terminal size and the text reveal -----------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        """Re-class every screen at once, before any of them lays out at the new size."""
        for screen in self.screen_stack:
            if isinstance(screen, Sized):
                screen.apply_size((event.size.width, event.size.height))

    async def on_event(self, event: events.Event) -> None:
        """Any key shows the whole scene while it is being revealed; Enter and space only do that."""
        if (self.kiosk is not None and isinstance(event, events.InputEvent) and not event.is_forwarded
                and self.kiosk.on_input(event)):
            return  # the operator's key sequence: the app is leaving
        if isinstance(event, events.Key) and not event.is_forwarded:
            screen = self.screen_stack[-1] if self.screen_stack else None
            if isinstance(screen, PlayScreen) and screen.is_mounted and screen.revealing:
                screen.skip_reveal()
                if event.key in ("enter", "space"):
                    return
        await super().on_event(event)


def make_app(story: Story, config: GameConfig, clock: Callable[[], float] = time.monotonic) -> FirstTakeApp:
    """Build the host for a loaded story and the app over it; the CLI and the tests both come here."""
    return FirstTakeApp(GameHost(story, config, clock=clock))

"""The Textual app and `make_app`, the one factory used by the CLI and the tests.

The app owns the game in progress (a Playthrough), the save slots, the endings gallery and the
settings; screens ask it to act (choose, save, rewind...) and read from it. Save and load go
through `check_action`, so a kiosk build can switch them off with two config flags.
"""

from __future__ import annotations

from typing import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from game import __version__
from game.play.config import GameConfig
from game.engine.model import Story
from game.engine.session import Session
from game.storage.gallery import Gallery
from game.play.playthrough import Playthrough
from game.play.replay import Recorder
from game.storage.slots import QUICK, SlotInfo, SlotStore
from game.storage.settings import DEFAULT_THEME, TEXT_SPEEDS, Settings, SettingsStore
from game.ui.saving import SavingMixin
from game.ui.screens.base import Sized
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.demoend import DemoEndScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.facts import FactsScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.journal import JournalScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.stats import StatsScreen
from game.ui.screens.title import TitleScreen
from game.ui.themes import register_themes, theme_names


class FirstTakeApp(SavingMixin, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "FIRST TAKE"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("f1", "help", "Help", show=False),
        Binding("f12", "debug", "Debug", show=False),
    ]

    def __init__(self, story: Story, config: GameConfig) -> None:
        super().__init__()
        self.story = story
        self.config = config
        self.playthrough: Playthrough | None = None
        self.slots = SlotStore(config.saves_folder, story, __version__)
        self.gallery = Gallery(config.data_dir / "gallery.json")
        self.settings_store = SettingsStore(config.settings_path)
        self.settings, notice = self.settings_store.load()
        self.notices = [n for n in (notice, self.gallery.notice) if n]
        self.new_ending = False
        self.recorder = Recorder.for_config(config, story)  # `play --record FILE`
        self._saved_log: list[tuple[str, str]] | None = None
        register_themes(self)
        self.timer_scale = 0.0
        self._apply_settings()
        self.demo_end = story.demo[1] if config.demo and story.demo else None  # `play --demo` stops there
        self.kiosk = None
        if config.kiosk:  # `play --kiosk`: game/ui/kiosk.py (raises KeySpecError without an operator key)
            from game.ui.kiosk import KioskMode

            self.kiosk = KioskMode(self)

    # -- what screens read ---------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self.playthrough.session if self.playthrough is not None else None

    @property
    def reveal_speed(self) -> int:
        """Characters per second for the text reveal; 0 shows scenes at once."""
        if self.settings.reduced_motion:
            return 0
        if self.config.text_speed is not None:
            return TEXT_SPEEDS.get(self.config.text_speed, 0)
        if self.is_headless:  # tests and snapshots read and draw whole scenes
            return 0
        return self.settings.chars_per_second

    @property
    def unsaved(self) -> bool:
        """Choices made since the last save to a slot or quicksave (the autosave aside)."""
        p = self.playthrough
        return p is not None and not p.is_over and p.state.log != self._saved_log

    def newest_save(self) -> SlotInfo | None:
        return self.slots.newest() if self.config.allow_load else None

    def known_facts(self) -> list[str]:
        """Facts found in any playthrough, plus this one's (in case the gallery could not be written)."""
        known = list(self.gallery.known_facts(self.story))
        if self.playthrough is not None:
            known += [f for f in self.playthrough.session.unlocked_facts() if f not in known]
        return known

    def theme_names(self) -> list[str]:
        return theme_names(self)

    # -- settings ------------------------------------------------------------------------------
    def _apply_settings(self) -> None:
        s = self.settings
        if s.theme in self.available_themes:
            self.theme = s.theme
        else:
            self.theme = DEFAULT_THEME
            self.notices.append(f"Unknown theme '{s.theme}' in settings; using {DEFAULT_THEME}.")
        self.animation_level = "none" if s.reduced_motion else "full"
        self.timer_scale = self.config.timer_scale * s.timer_factor if self.config.timers else 0.0

    def update_settings(self, settings: Settings) -> None:
        self.settings = settings
        self._apply_settings()
        try:
            self.settings_store.save(settings)
        except OSError as err:
            self.notify(f"Could not save settings: {err.strerror or err}", severity="error")

    # -- flow ----------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.config.watch and self.config.pack_dir is not None:
            from game.ui.watch import PackWatch  # modders only: `play --pack DIR --watch`

            PackWatch(self, self.config.pack_dir).start()
        self.title = self.story.title
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=10)
        if self.kiosk is not None:
            self.kiosk.start()
        self.show_title()

    def on_unmount(self) -> None:
        if self.kiosk is not None:
            self.kiosk.close()  # a game still open is logged as closed; the player's folder goes

    def show_title(self) -> None:
        if self.kiosk is not None:
            self.kiosk.before_title()
        self.playthrough = None
        self._switch(TitleScreen())

    def new_game(self) -> None:
        c = self.config
        self.playthrough = Playthrough.new(self.story, c.seed or 0, c.set_vars, c.from_scene)
        self._saved_log = list(self.playthrough.state.log)
        if self.kiosk is not None:
            self.kiosk.game_started()
        self._show_current()

    def continue_game(self) -> None:
        newest = self.newest_save()
        if newest is None:
            self.notify("There is no save to continue.", severity="warning")
            return
        self.load_slot(newest.slot)

    def choose(self, choice_id: str) -> None:
        assert self.playthrough is not None
        self.playthrough.choose(choice_id)
        self._show_current()

    def timeout(self) -> None:
        if self.playthrough is not None and not self.playthrough.is_over:
            self.playthrough.timeout()
            self._show_current()

    def _show_current(self) -> None:
        p = self.playthrough
        assert p is not None
        if self.recorder is not None and not self.recorder.update(p.state, self.config.from_scene):
            self.notify(self.recorder.error or "Could not record the route.", severity="error")
        self.gallery.record_facts(self.story, p.session.unlocked_facts())
        if self.kiosk is not None and (p.is_over or p.state.scene == self.demo_end):
            self.kiosk.game_over()
        if p.state.scene == self.demo_end and not p.is_over:
            self._switch(DemoEndScreen())  # the end of the demo cut, as ChoiceScript's *end_trial
            return
        if p.is_over:
            self.new_ending = self.gallery.record_ending(self.story, p.scene())
            self._switch(EndingScreen())
            return
        self._autosave()
        play = next((s for s in self.screen_stack if isinstance(s, PlayScreen)), None)
        if play is None:
            self._switch(PlayScreen())
            return
        while self.screen is not play and len(self.screen_stack) > 2:
            self.pop_screen()
        play.show_scene()

    def _switch(self, screen: Screen) -> None:
        while len(self.screen_stack) > 2:  # close overlays first
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- actions (keys, menus and the command palette) -----------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        playing = self.playthrough is not None and not self.playthrough.is_over
        if self.kiosk is not None and action in ("quit", "help_quit", "command_palette", "load", "quickload"):
            return False  # kiosk: no way out but the operator's keys, no load menu (hidden, not greyed out)
        if self.kiosk is not None and action == "rewind" and self.playthrough is not None and not playing:
            return False  # kiosk: an ending is logged once; "Play again" starts the next game
        if action in ("save", "quicksave"):
            return True if self.config.allow_save and playing else None
        if action in ("load", "quickload"):
            return True if self.config.allow_load else None
        if action in ("rewind", "journal", "stats"):
            return True if self.playthrough is not None else None
        return True

    def action_rewind(self) -> None:
        p = self.playthrough
        if p is None or self.check_action("rewind", ()) is not True:
            return
        if not p.rewind(1):
            self.notify("This is the start of the game: there is nothing to rewind.", severity="warning", timeout=3)
            return
        self._show_current()

    def action_debug(self) -> None:
        """F12 with --debug: variables, items and a jump to any scene."""
        if not self.config.debug or self.playthrough is None:
            return
        from game.ui.screens.debug import DebugScreen

        if isinstance(self.screen, DebugScreen):
            self.screen.dismiss(None)
            return

        def jump(scene_id: str | None) -> None:
            if scene_id and self.playthrough is not None:
                self.playthrough.jump(scene_id)
                self._show_current()

        self.push_screen(DebugScreen(), jump)

    def action_journal(self) -> None:
        if self.playthrough is not None:
            self.push_screen(JournalScreen())

    def action_facts(self) -> None:
        self.push_screen(FactsScreen())

    def action_stats(self) -> None:
        if self.playthrough is not None:
            self.push_screen(StatsScreen())

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_title(self) -> None:
        self.show_title()

    def action_new_game(self) -> None:
        self.new_game()

    def action_continue(self) -> None:
        self.continue_game()

    def action_quit(self) -> None:  # type: ignore[override]
        """ctrl+q: quit at once, unless choices were made since the last save; then ask."""
        if self.kiosk is not None:
            return
        if not self.unsaved:
            self.exit(0)
            return

        def answer(choice: str | None) -> None:
            if choice == "save":
                if self.save_to(QUICK):
                    self.exit(0)
            elif choice == "quit":
                self.exit(0)

        if not isinstance(self.screen, ConfirmScreen):
            self.push_screen(ConfirmScreen(
                "Quit now? Choices since your last save are kept only in the autosave.",
                [("save", "Quicksave and quit"), ("quit", "Quit"), ("cancel", "Keep playing")]), answer)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every screen and action of the game, by name, in the command palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        entries = [
            ("New game", "Start the story from the beginning", "new_game", self.action_new_game),
            ("Continue", "Resume the newest save", "continue", self.action_continue),
            ("Save", "Save the game to a slot", "save", self.action_save),
            ("Load", "Load a saved game", "load", self.action_load),
            ("Quicksave", "Save to the quicksave slot (F5)", "quicksave", self.action_quicksave),
            ("Quickload", "Load the quicksave (F9)", "quickload", self.action_quickload),
            ("Rewind", "Go back one choice (z)", "rewind", self.action_rewind),
            ("Journal", "Everything read and chosen this game (j)", "journal", self.action_journal),
            ("Fact file", "The real events behind the story (f)", "facts", self.action_facts),
            ("Stats", "The crew's numbers and items (t)", "stats", self.action_stats),
            ("Settings", "Text speed, theme, timed choices, reduced motion (o)", "settings", self.action_settings),
            ("Help", "Every key (? or F1)", "help", self.action_help),
            ("Title screen", "Back to the title screen", "title", self.action_title),
        ]
        for title, help_text, action, callback in entries:
            if action == "continue" and self.newest_save() is None:
                continue
            if self.check_action(action, ()):
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


def make_app(story: Story, config: GameConfig) -> FirstTakeApp:
    """Build the app for a loaded story; the CLI and the tests both come through here."""
    return FirstTakeApp(story, config)

"""Kiosk mode in the app: the operator's exit, the idle reset, the attract loop and the booth log.

The app holds one KioskMode when `play --kiosk` runs: it is the host's :class:`game.play.host.Booth`
(a new game, an ending, back to the title) and sees every key and click first; everything a kiosk
changes about the game lives here or in game/booth/kiosk.py, and the player's files are swapped
through the host (``use_storage``), so the app stays the same game with or without a booth around it.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

from textual import events
from textual.app import App
from textual.timer import Timer

from game.booth.kiosk import AttractReel, BoothSessions, IdleClock, PlayerFolder, SequenceMatcher, parse_operator_key
from game.booth.log import default_log_path
from game.play.host import GameHost, PlayerStorage
from game.storage.settings import Settings
from game.ui.screens.attract import AttractScreen
from game.ui.screens.stillthere import StillThereScreen
from game.ui.screens.title import TitleScreen

ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp, events.MouseMove)


class KioskMode:
    """What a booth adds to the app. Raises KeySpecError when the operator key is missing or unusable."""

    def __init__(self, app: App[int], host: GameHost) -> None:
        config = host.config
        self.app = app
        self.host = host
        self.matcher = SequenceMatcher(parse_operator_key(config.operator_key))
        self.clock = IdleClock(config.idle_timeout, config.attract_after)
        self.booth = BoothSessions(host.story, Path(config.booth_log) if config.booth_log else
                                   default_log_path(config.data_dir), demo=config.demo)
        self.operator_settings: Settings = host.settings  # each player starts from the operator's settings
        self.folder = PlayerFolder()
        self._reel: AttractReel | None = None
        self._timer: Timer | None = None
        self.left_by_operator = False
        host.booth = self
        host.use_storage(PlayerStorage.in_folder(self.folder.path, host.story))
        shown = str(config.data_dir)  # start-up notices (a damaged settings file) without the folder's path
        host.notices = [n.replace(shown, "the data folder") for n in host.notices]

    # -- the player's scratch folder -----------------------------------------------------------
    def wipe(self) -> None:
        """Forget the player: a new scratch folder, the operator's settings, no notifications."""
        self.folder.renew()
        self.host.use_storage(PlayerStorage.in_folder(self.folder.path, self.host.story), self.operator_settings)
        self.app.clear_notifications()

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> None:
        """On mount: start watching the idle clock; end cleanly when the terminal or tab goes away."""
        app = self.app
        app.use_command_palette = False  # the palette offers Quit and screenshots to disk
        self.clock.touch()
        self._timer = app.set_interval(self.clock.tick, self._tick)
        if not app.is_headless:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGHUP):
                try:
                    loop.add_signal_handler(sig, lambda: app.exit(0))
                except (NotImplementedError, RuntimeError, ValueError):  # not on this platform
                    pass

    def close(self) -> None:
        """The app is ending: a game still open is logged as "closed"; the scratch folder goes."""
        self._finish("operator" if self.left_by_operator else "closed")
        self.folder.remove()

    def operator_exit(self) -> None:
        self.left_by_operator = True
        self._finish("operator")
        self.folder.remove()
        self.app.exit(0)

    # -- what the app tells the kiosk ----------------------------------------------------------
    def on_input(self, event: events.Event) -> bool:
        """Every key and click (before the game sees it): the idle clock, and the operator's sequence.
        True when the sequence completed and the app is leaving."""
        if not isinstance(event, ACTIVITY):
            return False
        self.clock.touch()
        if isinstance(event, events.Key) and self.matcher.feed(event.key, event.character):
            self.operator_exit()
            return True
        return False

    def game_started(self) -> None:
        self.booth.begin()

    def game_over(self) -> None:
        """An ending, or the end of the demo cut: the player's line, with outcome "ending"."""
        self._finish("ending")

    def before_title(self) -> None:
        """Going back to the title: a game left open counts as walked away; the next player starts clean."""
        self._finish("idle")
        self.wipe()

    def reset(self, outcome: str = "idle") -> None:
        """The idle countdown ran out (or the operator reset): log the game, wipe, show the title."""
        self._finish(outcome)
        self.host.to_title()
        self.clock.touch()

    def _finish(self, outcome: str) -> None:
        p = self.host.playthrough
        if p is None or not self.booth.open:
            return
        self.booth.finish(p.state, "ending" if p.is_over else outcome)
        if self.booth.error and self.app.is_running:
            self.app.notify(self.booth.error.capitalize() + ".", severity="error", timeout=5)

    # -- the idle clock ------------------------------------------------------------------------
    @property
    def reel(self) -> AttractReel:
        if self._reel is None:
            self._reel = AttractReel.for_story(self.host.story)
        return self._reel

    def _tick(self) -> None:
        app = self.app
        if not app.screen_stack:  # before the first screen, or shutting down: `app.screen` would raise
            return
        screen = app.screen
        if isinstance(screen, (AttractScreen, StillThereScreen)):
            return
        due = self.clock.due(on_title=isinstance(screen, TitleScreen))
        if due == "attract":
            app.push_screen(AttractScreen(self.reel, self.host.config.attract_speed), lambda _: self.clock.touch())
        elif due == "still_there":
            if self.host.playthrough is None:  # an overlay left open over the title
                self.reset()
                return

            def answered(stay: bool | None) -> None:
                if stay is False:
                    self.reset("idle")
                else:
                    self.clock.touch()

            app.push_screen(StillThereScreen(self.host.config.idle_countdown, self.clock.clock), answered)

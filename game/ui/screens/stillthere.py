"""'Still there?': the kiosk's idle countdown. Any key or click keeps the game; silence resets it.

Dismissed with True (the player is back) or False (the countdown ran out: the app wipes the game).
The key that answers is swallowed, so it never also takes a choice on the screen below.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from game.ui.screens.base import GameModal
from game.ui.widgets.sizenotice import SizeNotice

BAR = 30


class StillThereScreen(GameModal[bool]):
    DEFAULT_CSS = """
    StillThereScreen > .dialog { width: 56; max-width: 100%; height: auto; max-height: 100%; padding: 1 2;
                                 border: thick $warning; }
    StillThereScreen #still-title { text-style: bold; color: $warning; width: 100%; text-align: center; }
    StillThereScreen #still-hint { width: 100%; text-align: center; margin: 1 0; }
    StillThereScreen #still-count { width: 100%; text-align: center; color: $text-muted; }
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.seconds = max(0.0, seconds)
        self.clock = clock  # the kiosk's idle clock: tests advance it instead of waiting
        self._deadline = 0.0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        with Vertical(classes="dialog"):
            yield Static(Content("Still there?"), id="still-title")
            yield Static(Content("Press any key to keep playing."), id="still-hint")
            yield Static(id="still-count")

    def on_mount(self) -> None:
        self._deadline = self.clock() + self.seconds
        self._draw(self.seconds)
        self._timer = self.set_interval(max(0.01, min(0.25, self.seconds / 20)), self._tick)

    @property
    def remaining(self) -> float:
        return max(0.0, self._deadline - self.clock())

    def _draw(self, remaining: float) -> None:
        filled = round(BAR * remaining / self.seconds) if self.seconds else 0
        text = f"Back to the title in {math.ceil(remaining)} s\n{'#' * filled}{'-' * (BAR - filled)}"
        self.query_one("#still-count", Static).update(Content(text))

    def _tick(self) -> None:
        remaining = self.remaining
        self._draw(remaining)
        if remaining <= 0:
            self._answer(False)

    def _answer(self, stay: bool) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.is_current:
            self.dismiss(stay)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self._answer(True)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self._answer(True)

    def action_close(self) -> None:  # Escape, through GameModal's binding, also means "I'm here"
        self._answer(True)

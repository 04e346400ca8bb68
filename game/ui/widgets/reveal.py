"""Scene text that can appear a few characters at a time (a typewriter), skippable at any moment.

The not-yet-shown part is laid out but drawn in the background colour, so lines never re-wrap or
jump while the text appears, and `content` always holds the whole scene.
"""

from __future__ import annotations

import time

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

FRAME = 1 / 30


class RevealText(Static):
    DEFAULT_CSS = """
    RevealText { width: 100%; }
    """

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(Content(""), **kwargs)
        self.full_text = ""
        self._cps = 0
        self._started = 0.0
        self._timer: Timer | None = None

    @property
    def revealing(self) -> bool:
        return self._timer is not None

    def show_text(self, text: str, chars_per_second: int = 0) -> None:
        """Show `text`, revealed at `chars_per_second` (0: all at once)."""
        self._stop()
        self.full_text = text
        if chars_per_second <= 0 or not text:
            self.update(Content(text))
            return
        self._cps = chars_per_second
        self._started = time.monotonic()
        self.update(self._partial(0))
        self._timer = self.set_interval(FRAME, self._step)

    def skip(self) -> None:
        """Show everything now (any key, a click, or leaving the scene)."""
        if self._timer is not None:
            self._stop()
            self.update(Content(self.full_text))

    def _partial(self, shown: int) -> Content:
        return Content.assemble(self.full_text[:shown], (self.full_text[shown:], "$background"))

    def _step(self) -> None:
        shown = int((time.monotonic() - self._started) * self._cps)
        if shown >= len(self.full_text):
            self.skip()
        else:
            self.update(self._partial(shown), layout=False)

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_click(self) -> None:
        self.skip()

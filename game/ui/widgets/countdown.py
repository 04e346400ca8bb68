"""The countdown shown under a timed choice."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static


class Countdown(Static):
    """A bar that empties as time runs out; the screen owns the clock and sets `remaining`."""

    DEFAULT_CSS = """
    Countdown { height: 1; padding: 0 1; color: $warning; display: none; }
    Countdown.-active { display: block; }
    """

    remaining: reactive[float] = reactive(0.0)
    total: reactive[float] = reactive(0.0)

    def watch_remaining(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if self.total <= 0:
            self.update("")
            return
        width = max(0, min(40, self.size.width - 16))
        filled = round(width * max(0.0, self.remaining) / self.total)
        bar = "#" * filled + "-" * (width - filled)
        self.update(Content(f"TIME {bar} {max(0.0, self.remaining):4.1f}s"))

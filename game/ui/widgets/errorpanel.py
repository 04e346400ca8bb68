"""The panel that shows a pack's located errors during live reload, while the game keeps running."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class ErrorPanel(VerticalScroll):
    """Docked at the bottom of whatever screen is showing; the last good story keeps playing."""

    DEFAULT_CSS = """
    ErrorPanel {
        dock: bottom; height: auto; max-height: 12; border: heavy $error; background: $surface;
        padding: 0 1; layer: overlay;
    }
    ErrorPanel > Static { width: 100%; }
    """

    def __init__(self, text: str) -> None:
        super().__init__(id="pack-errors")
        self.border_title = "The pack has errors: still playing the last good version"
        self.border_subtitle = "fix and save to reload"
        self._text = text

    def compose(self):  # noqa: ANN201
        yield Static(Content(self._text), id="pack-errors-text")

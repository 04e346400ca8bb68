"""The game's name in large type, for the title screen."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

BANNER = r"""
 ___ ___ ___  ___ _____   _____ _   _  _____
| __|_ _| _ \/ __|_   _| |_   _/_\ | |/ / __|
| _| | ||   /\__ \ | |     | |/ _ \| ' <| _|
|_| |___|_|_\|___/ |_|     |_/_/ \_\_|\_\___|
""".strip("\n")
_WIDTH = max(len(line) for line in BANNER.splitlines())
BANNER = "\n".join(line.ljust(_WIDTH) for line in BANNER.splitlines())  # equal widths centre as a block


class Banner(Static):
    """Large title text; falls back to plain letters when the terminal is too narrow for it."""

    DEFAULT_CSS = """
    Banner { width: 100%; height: auto; content-align: center middle; text-align: center; color: $accent; }
    """

    def __init__(self, title: str = "FIRST TAKE", **kwargs) -> None:  # noqa: ANN003
        super().__init__(Content(BANNER), **kwargs)
        self.plain_title = title

    def on_resize(self) -> None:
        wide = self.size.width >= _WIDTH
        self.update(Content(BANNER if wide else self.plain_title))

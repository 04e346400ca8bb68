"""Shown instead of a screen's contents when the terminal is too small to lay it out."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 16
SIDEBAR_WIDTH = 100  # the stats sidebar shows from this many columns


def size_classes(width: int, height: int) -> dict[str, bool]:
    """The classes every game screen carries for the terminal's size (see app.tcss)."""
    small = width < MIN_WIDTH or height < MIN_HEIGHT
    return {"-too-small": small, "-narrow": not small and width < SIDEBAR_WIDTH,
            "-wide": not small and width >= SIDEBAR_WIDTH}


class SizeNotice(Static):
    DEFAULT_CSS = """
    SizeNotice { display: none; width: 100%; height: 100%; content-align: center middle;
                 text-align: center; color: $warning; }
    """

    def __init__(self) -> None:
        super().__init__(Content(f"Please make the window larger: FIRST TAKE needs {MIN_WIDTH} x {MIN_HEIGHT}."),
                         classes="size-notice")

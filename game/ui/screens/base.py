"""Base classes for every FIRST TAKE screen: size classes, the size notice, Escape to close."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from game.ui.widgets.sizenotice import size_classes

T = TypeVar("T")


class Sized:
    """Keeps the -too-small / -narrow / -wide classes in step with the terminal (see app.tcss)."""

    def apply_size(self, size: tuple[int, int] | None = None) -> None:
        width, height = size if size is not None else self.app.size  # type: ignore[attr-defined]
        for name, on in size_classes(width, height).items():
            self.set_class(on, name)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.apply_size()

    def on_screen_resume(self) -> None:
        self.apply_size()


class GameScreen(Sized, Screen):
    """A full screen of the game (title, play, ending)."""


class GameModal(Sized, ModalScreen[T]):
    """An overlay (journal, saves, help...): Escape closes it."""

    BINDINGS = [Binding("escape", "close", "Close")]

    DEFAULT_CSS = """
    GameModal { align: center middle; }
    GameModal > .dialog { width: 90%; max-width: 110; height: 90%; max-height: 40;
                          border: round $accent; background: $surface; padding: 0 1; }
    GameModal .dialog-title { text-style: bold; color: $accent; width: 100%; height: 1; }
    GameModal .dialog-hint { color: $text-muted; width: 100%; height: auto; }
    """

    def action_close(self) -> None:
        self.dismiss(None)

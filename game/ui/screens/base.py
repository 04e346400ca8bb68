"""Base classes for every FIRST TAKE screen: size classes, the size notice, Escape to close."""

from __future__ import annotations

from typing import Protocol, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from game.play.host import GameHost
from game.ui.widgets.sizenotice import size_classes

T = TypeVar("T")


class HostedApp(Protocol):
    """What screens may ask of the app: the host, and how the app shows things. The app itself is
    never imported here (it imports every screen)."""

    host: GameHost

    @property
    def reveal_speed(self) -> int: ...

    def theme_names(self) -> list[str]: ...


class Hosted:
    """The one typed way from a screen to the game: ``self.host`` (and ``self.game_app`` for the rest)."""

    @property
    def game_app(self) -> HostedApp:
        return cast(HostedApp, self.app)  # type: ignore[attr-defined]

    @property
    def host(self) -> GameHost:
        return self.game_app.host


class Sized(Hosted):
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

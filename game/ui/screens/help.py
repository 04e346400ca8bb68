"""The help screen (`?` or F1): every key, and where each screen lives."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.ui.keys import bindings, help_lines
from game.ui.screens.base import GameModal
from game.ui.widgets.sizenotice import SizeNotice


def help_content(kiosk: bool = False) -> Content:
    shown = help_lines(kiosk)  # from game.play.keys.KEYS; a kiosk has no load, export, palette or quit
    width = max(len(k) for k, _ in shown) + 2
    lines = [Content.assemble((f"{k:<{width}}", "bold $accent"), v) for k, v in shown]
    if kiosk:
        lines += [Content(""), Content.styled("Nobody playing for a while? The game goes back to the title for the"
                                              " next player.", "$text-muted")]
    else:
        lines += [Content(""), Content.styled("The game autosaves at every scene.", "$text-muted"),
                  Content.styled("For screen readers: first-take play --plain", "$text-muted")]
    return Content("\n").join(lines)


class HelpScreen(GameModal[None]):
    BINDINGS = bindings("help")

    DEFAULT_CSS = """
    HelpScreen > .dialog { width: 84; max-width: 100%; }
    HelpScreen #help-scroll { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        with Vertical(classes="dialog"):
            yield Static(Content("Keys"), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_content(self.host.config.kiosk), id="help-text")
            yield Static(Content("Escape: back"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()

"""The help screen (`?` or F1): every key, and where each screen lives."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.ui.widgets.sizenotice import SizeNotice
from game.ui.screens.base import GameModal

KEYS: list[tuple[str, str]] = [
    ("1-9", "take that choice"),
    ("arrows, Enter", "move through the choices, take one (or click)"),
    ("any key, click", "show the whole scene while its text appears"),
    ("s / l", "save to a slot / load a save"),
    ("F5 / F9", "quicksave / quickload"),
    ("z, ctrl+z", "rewind one choice, back to the start"),
    ("j", "journal (e: export it as Markdown)"),
    ("f", "fact file: the real events behind the story"),
    ("t", "stats and items (also in the sidebar when wide)"),
    ("o", "settings: text speed, theme, timers, motion"),
    ("? or F1", "this help"),
    ("Escape", "close a screen"),
    ("ctrl+p", "command palette: every screen by name"),
    ("ctrl+q", "quit (asks first if there is unsaved play)"),
]


# At a kiosk there is no load menu, no export, no palette and no quit (only the operator leaves).
KIOSK_KEYS: dict[str, tuple[str, str] | None] = {
    "s / l": ("s", "save to a slot (kept until the game goes back to the title)"),
    "F5 / F9": ("F5", "quicksave"),
    "j": ("j", "journal: everything read and chosen"),
    "ctrl+p": None,
    "ctrl+q": None,
}


def help_content(kiosk: bool = False) -> Content:
    keys = [KIOSK_KEYS.get(k, (k, v)) if kiosk else (k, v) for k, v in KEYS]
    shown = [entry for entry in keys if entry is not None]
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
    BINDINGS = [Binding("escape", "close", "Close"), Binding("question_mark", "close", "Close", show=False)]

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

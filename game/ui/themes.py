"""Themes: Textual's own, plus a high-contrast one (Textual 8 ships none)."""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

from game.storage.settings import DEFAULT_THEME, HIGH_CONTRAST_THEME

HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    warning="#FFB000",
    error="#FF6B6B",
    success="#5CFF5C",
    dark=True,
    text_alpha=1.0,
    variables={
        "text-muted": "#E6E6E6",
        "border": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
    },
)


def register_themes(app: App) -> None:
    app.register_theme(HIGH_CONTRAST)


def theme_names(app: App) -> list[str]:
    """Ours first, then the default, then Textual's others in name order."""
    names = sorted(n for n in app.available_themes if n not in (HIGH_CONTRAST_THEME, DEFAULT_THEME))
    return [DEFAULT_THEME, HIGH_CONTRAST_THEME, *names]

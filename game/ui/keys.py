"""The Textual side of game/play/keys.py: each screen's bindings, the help screen's lines, the palette.

Screens take their BINDINGS from :func:`bindings`, the help screen its lines from :func:`help_lines`
and the app its command palette entries from :func:`palette_entries`, so a key is written once, in
game.play.keys.KEYS.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from game.play import keys as game_keys
from game.play.keys import Screen


def bindings(screen: Screen) -> list[BindingType]:
    """The Textual bindings of one screen ("app" for the app's own), in the order of KEYS."""
    out: list[BindingType] = []
    for k in game_keys.keys_on(screen):
        for i, key in enumerate(k.keys):
            first = i == 0
            out.append(Binding(key, k.action.format(key=key), k.label.format(key=key),
                               show=first and k.shown_on(screen),
                               key_display=(k.key_display or None) if first else None, priority=k.priority))
    return out


def help_lines(kiosk: bool = False) -> list[tuple[str, str]]:
    """The help screen's (keys, what they do) lines; at a kiosk, without the keys it has not."""
    lines: list[tuple[str, str]] = []
    for k in game_keys.KEYS:
        if not k.help or k.hidden or (kiosk and not k.kiosk):
            continue
        text = (k.kiosk_help if kiosk else "") or k.help
        if k.join == "pair" and lines:
            keys, before = lines[-1]
            lines[-1] = (f"{keys} / {k.keys_text}", f"{before} / {text}")
        elif k.join == "aside" and lines:
            keys, before = lines[-1]
            lines[-1] = (keys, f"{before} ({k.keys_text}: {text})")
        else:
            lines.append((k.keys_text, text))
    return lines


def palette_entries() -> list[tuple[str, str, str]]:
    """The command palette's (title, help text, action) entries, in the order of KEYS.

    The action names the app's action_* method and what the host's allowed() is asked about.
    """
    return [(k.palette, k.palette_help, k.palette_command) for k in game_keys.KEYS if k.palette]


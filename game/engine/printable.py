"""Text from outside the program made safe to show: no byte of it can drive a terminal.

Packs, saves, settings, run codes, file names and arguments come from strangers. A string from any
of them may hold ESC (CSI, OSC 52 clipboard writes, title changes), C1 controls (U+0080-U+009F,
which some terminals obey like ESC), a bare CR or backspace that overwrites what was printed, or
bidi overrides (U+202E) that make a line read differently from what it holds. Every front end shows
such text through :func:`printable` (multi-line) or :func:`printable_line` (one line: a newline in a
file name must not forge a second diagnostic). Each dangerous character is *shown*, as a visible
``\\x1b``/``\\u202e`` escape, rather than dropped, so a player or modder sees that something odd is
there. Pure functions, so the engine, the loader and every front end share one rule.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls; bidi embeddings, overrides and isolates;
# the line and paragraph separators (a newline to some terminals and editors); zero-width and
# invisible format characters that can hide text.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
_UNSAFE_LINE = re.compile(UNSAFE.pattern[:-1] + "\n\t]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x0A:
        return "\\n"
    if code == 0x09:
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` as a string with every terminal-driving character shown as an escape; keeps newlines."""
    return UNSAFE.sub(_shown, str(text))


def printable_line(text: object, limit: int = 0) -> str:
    """Like :func:`printable`, and newlines and tabs shown too; cut to ``limit`` characters if set."""
    shown = _UNSAFE_LINE.sub(_shown, str(text))
    if limit and len(shown) > limit:
        return shown[: max(limit - 1, 0)] + "\u2026"
    return shown


def is_printable(text: str) -> bool:
    """True when ``text`` holds no character :func:`printable` would change."""
    return UNSAFE.search(text) is None

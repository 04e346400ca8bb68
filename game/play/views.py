"""How values read to a player, the same in every front end (the TUI's sidebar, plain mode's `stats`)."""

from __future__ import annotations

from game.engine.model import VarDecl


def value_text(decl: VarDecl, value: object) -> str:
    """A variable's value in words: yes/no for a flag, "40%" or "6 of 10" where the pack asks for it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if decl.format == "percent" and isinstance(value, int):
        return f"{value}%"
    if decl.format == "bar" and isinstance(value, int) and decl.max is not None:
        return f"{value} of {decl.max}"
    return str(value)


def sentence(reason: str) -> str:
    """A pack's short text as the end of a sentence: one full stop, not two."""
    reason = reason.strip()
    return reason if reason.endswith((".", "!", "?")) else reason + "."

"""Plain mode (`first-take play --plain`): the game as appended lines of text; never imports textual."""

from __future__ import annotations

from game.plain.game import run_plain

__all__ = ["run_plain"]

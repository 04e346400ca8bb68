"""Pack files to engine objects: guarded YAML, typed fields, references, graph checks."""

from __future__ import annotations

from game.content.diagnostics import CODES, Diagnostic, render
from game.content.loader import LoadResult, PackError, load_pack

__all__ = ["CODES", "Diagnostic", "LoadResult", "PackError", "load_pack", "render"]

"""Shared by every command that needs a story: load a pack folder (merged with its base) or say why not."""

from __future__ import annotations

import sys
from pathlib import Path

from game.commands.errors import UsageError


def load_for_command(folder: str | Path | None, fmt: str = "text",  # noqa: ANN201 - (Story | None, exit code)
                     cache_dir: Path | None = None):
    """(story, 0) when the pack loads cleanly; (None, 1) after printing its problems; UsageError when no pack.

    With cache_dir, an unchanged pack that loaded clean before comes from the cache (play uses it).
    """
    from game.content import PackError, load_pack, render
    from game.content.paths import builtin_pack_dir

    path = Path(folder) if folder else builtin_pack_dir()
    try:
        result = load_pack(path, cache_dir=cache_dir)
    except PackError as err:
        raise UsageError(str(err)) from err
    if not result.ok or result.story is None:
        errors = [d for d in result.diagnostics if d.severity == "error"]
        print(render(errors, "github" if fmt == "github" else "text"), file=sys.stderr)
        print(f"first-take: the pack in {path} has errors; `first-take validate {path}` lists them", file=sys.stderr)
        return None, 1
    return result.story, 0

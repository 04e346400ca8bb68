"""Small JSON files of the player's (settings, endings gallery): read defensively, never lost.

A file that cannot be read is reported with a reason a player can understand and left where it is;
before the game writes over such a file it is first moved aside (``name.damaged``, then
``name.damaged-2``...), so nothing the player had is ever silently destroyed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from game.engine.saves import DamagedFile, atomic_write, read_json  # noqa: F401 - re-exported for settings, gallery


def write_json(path: Path, data: Any) -> None:
    atomic_write(path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def set_aside(path: Path) -> Path | None:
    """Move a damaged file out of the way (kept, never deleted); returns where it went."""
    path = Path(path)
    if not path.exists():
        return None
    for n in range(1, 1000):
        target = path.with_name(path.name + (".damaged" if n == 1 else f".damaged-{n}"))
        if not target.exists():
            try:
                os.replace(path, target)
            except OSError:
                return None
            return target
    return None

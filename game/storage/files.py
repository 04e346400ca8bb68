"""Small JSON files of the player's (settings, endings gallery): read defensively, never lost.

A file that cannot be read is reported with a reason a player can understand and left where it is;
before the game writes over such a file it is first moved aside (``name.damaged``, then
``name.damaged-2``...), so nothing the player had is ever silently destroyed.
"""

from __future__ import annotations

import errno
import json
import os
import stat
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


def write_user_file(path: Path, data: bytes) -> None:
    """Write a file at a path the user named (`--record FILE`, an export): a regular file or nothing
    is there. A device, a FIFO, a folder or a symlink is refused with OSError, never replaced: an
    atomic rename would turn `/dev/null` into a regular file."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = "a symbolic link" if stat.S_ISLNK(st.st_mode) else "not a regular file"
        raise OSError(errno.EEXIST, f"{path} is {kind}; give the path of a new or regular file")
    atomic_write(path, data)

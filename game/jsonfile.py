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

from .engine.saves import atomic_write

MAX_BYTES = 1024 * 1024


class DamagedFile(Exception):
    """The file exists but cannot be used; the message says why."""


def read_json(path: Path, max_bytes: int = MAX_BYTES) -> Any | None:
    """The parsed JSON, or None when there is no file; raises DamagedFile otherwise."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DamagedFile("it is a folder, not a file") from None
    except OSError as err:
        raise DamagedFile(f"cannot read it ({err.strerror or err})") from None
    if len(raw) > max_bytes:
        raise DamagedFile("it is too large")
    if not raw.strip():
        raise DamagedFile("it is empty")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedFile("it is not text") from None
    except json.JSONDecodeError as err:
        raise DamagedFile(f"it is not valid JSON (line {err.lineno}, column {err.colno})") from None
    except RecursionError:
        raise DamagedFile("it is nested too deeply") from None
    except ValueError:  # e.g. a number longer than Python converts (4,300 digits)
        raise DamagedFile("a value in it is out of range") from None


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

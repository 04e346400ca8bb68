"""The game's files on disk: written atomically, read defensively, never lost.

A write goes to a temp file in the same folder, is fsynced, replaces the target with ``os.replace``
and then the folder is fsynced, so a crash at any moment leaves either the old file or the new one,
never half of each. A file that cannot be read is reported with a reason a player can understand
and left where it is; before the game writes over such a file it is first moved aside
(``name.damaged``, then ``name.damaged-2``...), so nothing the player had is ever silently destroyed.
A path the user names (``--record FILE``) is written only when it is a regular file or nothing.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any


def atomic_write(path: Path, data: bytes) -> None:
    """Write bytes so that a crash leaves the old file or the new one, and no temp file behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # some platforms cannot open folders; the replace is still atomic
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def clean_temp_files(folder: Path, older_than: float = 60.0) -> int:
    """Remove temp files a killed writer left behind (never the real saves)."""
    removed = 0
    now = time.time()
    for tmp in Path(folder).glob(".*.tmp"):
        try:
            if now - tmp.stat().st_mtime >= older_than:
                tmp.unlink()
                removed += 1
        except OSError:
            pass
    return removed


class DamagedFile(Exception):
    """A JSON file that exists but cannot be used; the message is the reason, for a player."""


def read_json(path: Path, max_bytes: int = 1024 * 1024) -> Any | None:
    """The parsed JSON of a small file the game wrote (save, settings, gallery), or None if absent.

    Bounded and defensive: any other problem raises DamagedFile with a plain reason.
    """
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DamagedFile("a folder, not a file") from None
    except OSError as err:
        raise DamagedFile(f"cannot read it: {err.strerror or err}") from None
    if len(raw) > max_bytes:
        raise DamagedFile("too large")
    if not raw.strip():
        raise DamagedFile("empty")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DamagedFile("not text") from None
    except json.JSONDecodeError as err:
        raise DamagedFile(f"not valid JSON at line {err.lineno}, column {err.colno}") from None
    except RecursionError:
        raise DamagedFile("nested too deeply") from None
    except ValueError:  # e.g. a number longer than Python converts (4,300 digits)
        raise DamagedFile("a value is out of range") from None


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

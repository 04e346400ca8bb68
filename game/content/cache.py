"""A content-hash cache of loaded packs: JSON in the user cache dir, never pickle.

A pack that loaded clean is stored as the engine objects it became (dataclasses by name and field
order, tuples and mappings tagged), with the SHA-256 of every file the loader read and the name and
size of every file in the pack folder. A repeat load re-hashes those files; if anything changed,
was added or removed, or the game's own loading code changed (its files' sizes and mtimes are part
of the key), the pack is loaded from scratch. Anything odd about an entry (unreadable, damaged,
an unknown class) is a miss, never an error. Only whitelisted engine classes can be rebuilt, and
they are rebuilt through their constructors, so a cache file cannot make the game run anything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from game import __version__
from game.content import yamlsrc
from game.content.diagnostics import Diagnostic
from game.content.paths import builtin_facts_path
from game.engine import expr, model, text
from game.storage.files import atomic_write

CACHE_VERSION = 1
MAX_ENTRIES = 16  # packs remembered; the oldest are removed beyond this
MAX_ENTRY_BYTES = 64 * 1024 * 1024
ENV_CACHE_DIR = "FIRST_TAKE_CACHE_DIR"

_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    model.Story, model.Scene, model.Paragraph, model.Choice, model.Branch, model.Effect, model.Ending, model.Timer,
    model.Loc, model.VarDecl, model.ItemDecl, model.Fact, expr.Condition, expr.Lit, expr.Var, expr.Call, expr.Unary,
    expr.Binary, text.Template, Diagnostic)}
_FIELDS = {name: [f.name for f in dataclasses.fields(cls)] for name, cls in _CLASSES.items()}


class _Unknown(Exception):
    """A value the cache does not know how to store: the pack is simply not cached."""


def default_cache_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """$FIRST_TAKE_CACHE_DIR, else <data dir>/cache when a data dir is given (--data-dir or
    $FIRST_TAKE_DATA_DIR: tests and kiosks stay self-contained), else the platform's user cache dir."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env).expanduser()
    data = data_dir or os.environ.get("FIRST_TAKE_DATA_DIR")
    if data:
        return Path(data).expanduser() / "cache"
    from platformdirs import user_cache_dir  # late only for startup speed: most loads name their cache dir

    return Path(user_cache_dir("first-take", appauthor=False))


# -- encoding ------------------------------------------------------------------------------------
def encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, (dict, MappingProxyType)):
        if not all(isinstance(k, str) for k in value):
            raise _Unknown("mapping with non-text keys")
        return {"m": [[k, encode(v)] for k, v in value.items()]}
    name = type(value).__name__
    if _CLASSES.get(name) is not type(value):
        raise _Unknown(name)
    return {"d": name, "f": [encode(getattr(value, f)) for f in _FIELDS[name]]}


def _rebuild(obj: dict) -> Any:
    """json object_hook: builds each tagged object as the parser finishes it (children first)."""
    name = obj.get("d")
    if name is not None:
        fields = obj["f"]
        if len(fields) != len(_FIELDS[name]):  # KeyError for an unknown class: a miss
            raise _Unknown(name)
        return _CLASSES[name](*fields)
    if "t" in obj:
        return tuple(obj["t"])
    if "m" in obj:
        return dict(obj["m"])
    return obj


def decode(text: str | bytes) -> Any:
    """The inverse of json.dumps(encode(value))."""
    return json.loads(text, object_hook=_rebuild)


# -- keys and validation -------------------------------------------------------------------------
def _code_fingerprint() -> str:
    """Changes whenever the code that turns files into a Story may have changed."""
    h = hashlib.sha256(f"{CACHE_VERSION}|{__version__}|{sys.version}".encode())
    game = Path(__file__).resolve().parents[1]
    for folder in ("content", "engine"):
        for path in sorted((game / folder).glob("*.py")):
            st = path.stat()
            h.update(f"{path.name}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _tree(root: Path) -> list[list[Any]]:
    """Every file in the pack folder (names and sizes), as the loader's walk would see it."""
    out: list[list[Any]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            try:
                out.append([str(path.relative_to(root)), path.lstat().st_size])
            except OSError:
                out.append([str(path.relative_to(root)), -1])
    return out


def _sha(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return None


def _entry_path(root: Path, cache_dir: Path, code: str) -> Path:
    key = hashlib.sha256(f"{os.path.abspath(root)}|{root}|{os.getcwd()}|{code}".encode()).hexdigest()[:32]
    return cache_dir / f"pack-{key}.json"


# -- the cache -----------------------------------------------------------------------------------
def load_cached(root: Path, cache_dir: Path, build: Callable[[], Any], result_type: type) -> Any:
    """The LoadResult for root: from the cache when every file still matches, else build() (and store
    the result when it is clean). Never raises because of the cache."""
    try:
        code = _code_fingerprint()
        entry = _entry_path(root, cache_dir, code)
        hit = _read(entry, root, code, result_type)
    except Exception:  # noqa: BLE001 - a cache problem is a miss, never an error
        hit, entry, code = None, None, ""
    if hit is not None:
        return hit
    with yamlsrc.recording() as files:
        result = build()
    if entry is not None and result.ok and result.story is not None:
        try:
            _write(entry, root, code, files, result)
        except Exception:  # noqa: BLE001 - e.g. a read-only cache dir: just do not cache
            pass
    return result


def _read(entry: Path, root: Path, code: str, result_type: type) -> Any:
    """An entry is one line of JSON about the files it depends on, then the encoded result."""
    try:
        if entry.stat().st_size > MAX_ENTRY_BYTES:
            return None
        raw = entry.read_bytes()
        header_bytes, _, body = raw.partition(b"\n")
        header = json.loads(header_bytes)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or header.get("v") != CACHE_VERSION or header.get("code") != code:
        return None
    if header.get("tree") != _tree(root):
        return None
    for path, digest in header.get("files", []):
        if _sha(path) != digest:
            return None
    with yamlsrc.paused_gc():
        story, diags = decode(body)
    if not isinstance(story, model.Story) or not all(isinstance(d, Diagnostic) for d in diags):
        return None
    os.utime(entry)  # most recently used: kept longest
    return result_type(story, list(diags))


def _write(entry: Path, root: Path, code: str, files: list[tuple[str, str]], result: Any) -> None:
    allowed_outside = {os.path.abspath(builtin_facts_path())}
    base = os.path.abspath(root)
    for path, _ in files:
        full = os.path.abspath(path)
        if not (full.startswith(base + os.sep) or full in allowed_outside):
            return  # the pack read files from elsewhere (an extension?): too hard to validate, skip
    header = json.dumps({"v": CACHE_VERSION, "code": code, "root": str(root), "tree": _tree(root),
                         "files": [[p, d] for p, d in files]}, separators=(",", ":"))
    body = json.dumps(encode((result.story, list(result.diagnostics))), separators=(",", ":"))
    if len(header) + len(body) > MAX_ENTRY_BYTES:
        return
    atomic_write(entry, (header + "\n" + body).encode("utf-8"))
    _prune(entry.parent)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("pack-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        try:
            old.unlink()
        except OSError:
            pass

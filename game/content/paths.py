"""Where the built-in story and facts live: inside the wheel, or in the repository checkout."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent  # game/


def data_root() -> Path:
    """`game/data` in an installed wheel (hatch force-includes scenes/ and seeds/), else the repo root."""
    packaged = _PKG / "data"
    if (packaged / "scenes" / "pack.yaml").is_file():
        return packaged
    return _PKG.parent


def builtin_pack_dir() -> Path:
    return data_root() / "scenes"


def builtin_facts_path() -> Path:
    return data_root() / "seeds" / "facts.yaml"

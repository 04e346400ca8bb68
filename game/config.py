"""Run-time settings for one game process, built by the CLI (or tests) and handed to the UI.

Kept out of game/ui so that the CLI can build it without importing textual, and so that tests
inject a data dir instead of touching the real home directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_DATA_DIR = "FIRST_TAKE_DATA_DIR"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("first-take", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else $FIRST_TAKE_DATA_DIR, else the platform's user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


@dataclass
class GameConfig:
    data_dir: Path
    pack_dir: Path | None = None  # None: the built-in campaign
    seed: int | None = None
    timers: bool = True
    from_scene: str | None = None
    set_vars: dict[str, int | bool | str] = field(default_factory=dict)
    debug: bool = False

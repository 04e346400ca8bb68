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
    debug: bool = False  # `--debug`: F12 opens the debug panel
    watch: bool = False  # `--watch`: reload the pack when its files change (live reload)
    # Where slot files go; None means data_dir/saves. Kiosk mode points it at a temp folder.
    saves_dir: Path | None = None
    # Multiplies every countdown (tests use a small value instead of waiting); 0 turns timers off.
    timer_scale: float = 1.0
    # Overrides the player's text speed setting ("instant", "fast", ...); None: use the setting.
    text_speed: str | None = None
    # Kiosk and demo builds turn these off; the UI hides and refuses the actions.
    allow_save: bool = True
    allow_load: bool = True
    # `play --record FILE`: the route so far is kept in this file (game/replay.py Recorder).
    record_path: Path | None = None

    @property
    def saves_folder(self) -> Path:
        return Path(self.saves_dir) if self.saves_dir is not None else Path(self.data_dir) / "saves"

    @property
    def settings_path(self) -> Path:
        return Path(self.data_dir) / "settings.json"

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
    # `play --record FILE`: the route so far is kept in this file (game/play/recorder.py).
    record_path: Path | None = None
    # `play --kiosk` (game/booth/kiosk.py): no way out but the operator's key sequence, a scratch folder per
    # player, an idle reset with a "Still there?" countdown, the attract loop, a booth-log line per game.
    kiosk: bool = False
    operator_key: str | None = None  # the sequence as typed (`--operator-key`, FIRST_TAKE_OPERATOR_KEY)
    idle_timeout: float = 90.0  # seconds without a key or click before "Still there?" (tests: a fraction)
    idle_countdown: float = 15.0  # seconds "Still there?" counts down before the reset
    attract_after: float = 10.0  # seconds of an untouched title screen before the attract loop
    attract_speed: float = 1.0  # the attract loop's reading speed (2: twice as fast)
    booth_log: Path | None = None  # None: data_dir/booth/sessions.jsonl
    # `play --demo`: only the pack's demo cut (pack.yaml `demo: {start, end}`), ending on a card.
    demo: bool = False

    @property
    def saves_folder(self) -> Path:
        return Path(self.saves_dir) if self.saves_dir is not None else Path(self.data_dir) / "saves"

    @property
    def settings_path(self) -> Path:
        return Path(self.data_dir) / "settings.json"

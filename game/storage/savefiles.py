"""Save files: a save dict (game/engine/saves.py) written atomically, and read back defensively."""

from __future__ import annotations

import json
from pathlib import Path

from game.engine.model import Story
from game.engine.saves import MAX_SAVE_BYTES, SaveError, SaveFile, make_save, parse_save
from game.engine.state import GameState
from game.storage.files import DamagedFile, atomic_write, read_json


def write_save(path: Path, story: Story, state: GameState, game_version: str, label: str = "",
               origin: GameState | None = None) -> None:
    payload = make_save(story, state, game_version, label, origin)
    atomic_write(path, json.dumps(payload, indent=1, sort_keys=True).encode("utf-8"))


def read_save(path: Path) -> SaveFile:
    """Read and check a save file; raises SaveError with the reason when it cannot be used."""
    try:
        data = read_json(path, MAX_SAVE_BYTES)
    except DamagedFile as err:
        raise SaveError(f"the file is damaged ({err})") from None
    return parse_save(data)

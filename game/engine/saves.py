"""Saves as data: a state to the versioned save dict and back, checked, and fitted to the story.

No I/O: game/storage/savefiles.py reads and writes the files (atomically, defensively). Turning
data into a save never raises anything but :class:`SaveError`, whose message is meant for the player.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from game.engine.model import Story
from game.engine.state import GameState

SAVE_FORMAT = "first-take-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 8 * 1024 * 1024


class SaveError(Exception):
    """A save that cannot be used, with a reason a player can read."""


@dataclass
class SaveFile:
    """A save as read from disk, before it is fitted to the current story."""

    state: GameState
    pack_id: str
    pack_version: str
    content_hash: str
    game_version: str
    saved_at: str
    label: str = ""
    summary: dict[str, Any] = field(default_factory=dict)
    # The state right after the game began: replaying the log from it rebuilds the whole history
    # (rewind to the start, the journal). Optional: older saves and other tools may leave it out.
    origin: GameState | None = None


def make_save(story: Story, state: GameState, game_version: str, label: str = "",
              origin: GameState | None = None) -> dict[str, Any]:
    scene = story.scenes.get(state.scene)
    payload: dict[str, Any] = {
        "format": SAVE_FORMAT,
        "save_version": SAVE_VERSION,
        "game_version": game_version,
        "pack": {"id": story.id, "version": story.version, "hash": story.content_hash},
        "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "label": label,
        "summary": {
            "scene_title": scene.title if scene else state.scene,
            "part": scene.part if scene else "",
            "clock": scene.clock if scene else "",
            "play_time": round(state.play_time, 1),
            "turn": state.turn,
        },
        "state": state.to_dict(),
    }
    if origin is not None:
        payload["origin"] = origin.to_dict()
    return payload


def parse_save(data: Any) -> SaveFile:
    """Check a save's decoded JSON; raises SaveError with the reason when it cannot be used."""
    if data is None:
        raise SaveError("empty slot")
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError("this is not a FIRST TAKE save")
    version = data.get("save_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError("the save has no format version")
    if version > SAVE_VERSION:
        raise SaveError(f"the save was made by a newer game (save format {version}; this game reads {SAVE_VERSION})")
    if version < 1:
        raise SaveError(f"the save format {version} is not supported")
    pack = data.get("pack")
    if not isinstance(pack, dict):
        raise SaveError("the save does not say which story it belongs to")
    try:
        state = GameState.from_dict(data.get("state"))
    except ValueError as err:
        raise SaveError(f"the save is damaged ({err})") from None
    summary = data.get("summary")
    if not isinstance(summary, dict):
        summary = {}
    origin: GameState | None = None
    if data.get("origin") is not None:
        try:
            origin = GameState.from_dict(data["origin"])
        except ValueError:
            origin = None  # the history cannot be rebuilt, but the save itself is fine
    return SaveFile(state, str(pack.get("id", "")), str(pack.get("version", "")), str(pack.get("hash", "")),
                    str(data.get("game_version", "")), str(data.get("saved_at", "")), str(data.get("label", "")),
                    summary, origin)


def fit_values(story: Story, state: GameState) -> GameState:
    """Variables, items and visit counts made to match the story's declarations (in place)."""
    fitted: dict[str, Any] = {}
    for name, decl in story.variables.items():
        value = state.vars.get(name, decl.default)
        ok = {"int": isinstance(value, int) and not isinstance(value, bool), "bool": isinstance(value, bool),
              "str": isinstance(value, str)}[decl.type]
        fitted[name] = decl.clamp(value) if ok else decl.default
    state.vars = fitted
    state.items = [i for i in state.items if i in story.items]
    state.visits = {s: n for s, n in state.visits.items() if s in story.scenes}
    return state


def fit_to_story(story: Story, save: SaveFile) -> tuple[GameState, list[str]]:
    """Adapt a saved state to the story as it is now; returns the state and notes for the player.

    Variables the story no longer declares are dropped, new ones get their defaults, values of the
    wrong type are reset, items and visit counts of things that are gone are forgotten, and if the
    saved scene is gone the state moves to the latest scene in its history that still exists.
    Raises SaveError when the save belongs to another pack or nothing of its path survives.
    """
    if save.pack_id != story.id:
        raise SaveError(f"this save belongs to another story ('{save.pack_id}')")
    state = save.state.copy()
    notes: list[str] = []
    if save.content_hash and save.content_hash != story.content_hash:
        notes.append(f"The story has changed since this save (version {save.pack_version} -> {story.version}).")
    dropped = sorted(set(state.vars) - set(story.variables))
    added = sorted(set(story.variables) - set(state.vars))
    if dropped:
        notes.append("Dropped variables the story no longer has: " + ", ".join(dropped) + ".")
    if added:
        notes.append("New variables start at their defaults: " + ", ".join(added) + ".")
    fit_values(story, state)
    if state.scene not in story.scenes:
        gone = state.scene
        fallback = next((s for s, _ in reversed(state.log) if s in story.scenes), None)
        if fallback is None:
            raise SaveError(f"the saved scene '{gone}' is gone and no earlier scene of this save still exists")
        # Cut the log back to the last time the fallback scene was left.
        cut = max(i for i, (s, _) in enumerate(state.log) if s == fallback)
        state.log = state.log[:cut]
        state.turn = len(state.log)
        state.scene = fallback
        notes.append(f"The saved scene '{gone}' no longer exists; you are back at '{story.scenes[fallback].title}'.")
    return state, notes

"""Save slots on disk: nine named slots, an autosave and a quicksave per story.

Files live in ``<saves folder>/<pack id>/`` so two packs never fight over a slot. Listing never
raises: an unreadable file is reported with its reason (and kept); a save of another story is shown
as such. The JSON format itself is in game/engine/saves.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from game.engine.model import Story
from game.engine.saves import SaveError, SaveFile
from game.engine.state import GameState
from game.storage.files import clean_temp_files
from game.storage.savefiles import read_save, write_save


class Saveable(Protocol):
    """What a slot keeps of a game in progress (a :class:`game.play.playthrough.Playthrough`)."""

    @property
    def state(self) -> GameState: ...

    @property
    def origin(self) -> GameState | None: ...


SLOTS: tuple[str, ...] = tuple(str(n) for n in range(1, 10))
AUTO = "auto"
QUICK = "quick"
ALL_SLOTS: tuple[str, ...] = (AUTO, QUICK, *SLOTS)


def slot_title(slot: str) -> str:
    return {AUTO: "Autosave", QUICK: "Quicksave"}.get(slot, f"Slot {slot}")


def format_play_time(seconds: float) -> str:
    minutes = int(max(0.0, seconds)) // 60
    return f"{minutes // 60}h {minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m {int(seconds) % 60:02d}s"


@dataclass
class SlotInfo:
    """What the save/load screen shows for one slot."""

    slot: str
    path: Path
    exists: bool
    save: SaveFile | None = None
    error: str | None = None  # why an existing file cannot be loaded
    mtime: float = 0.0

    @property
    def title(self) -> str:
        return slot_title(self.slot)

    @property
    def usable(self) -> bool:
        return self.save is not None and self.error is None

    @property
    def damaged(self) -> bool:
        return self.exists and self.error is not None

    def describe(self, story: Story) -> str:
        """Part, scene title, mission day, play time and real date (or why it cannot be used)."""
        return "\n".join(self.describe_lines(story))

    def describe_lines(self, story: Story) -> tuple[str, str]:
        """Two short lines: what and where ("label" scene title), then part, clock, play time, date."""
        if not self.exists:
            return "empty", ""
        if self.save is None or self.error:
            return "DAMAGED", str(self.error)
        s = self.save.summary
        first = str(s.get("scene_title") or self.save.state.scene)
        if self.save.label and self.save.label != first:
            first = f"\u201c{self.save.label}\u201d  {first}"
        bits = [str(s.get("part") or ""), str(s.get("clock") or ""),
                "played " + format_play_time(self.save.state.play_time), self.save.saved_at.replace("T", " ")[:16]]
        second = " | ".join(b for b in bits if b)
        if self.save.content_hash and self.save.content_hash != story.content_hash:
            second += " | story changed since"
        return first, second


class SlotStore:
    def __init__(self, folder: Path, story: Story, game_version: str) -> None:
        self.story = story
        self.game_version = game_version
        self.folder = Path(folder) / story.id
        if self.folder.is_dir():
            clean_temp_files(self.folder)  # left by a writer that was killed mid-save

    def path(self, slot: str) -> Path:
        if slot not in ALL_SLOTS:
            raise ValueError(f"no slot {slot!r}")
        return self.folder / {AUTO: "autosave.json", QUICK: "quicksave.json"}.get(slot, f"slot-{slot}.json")

    def info(self, slot: str) -> SlotInfo:
        path = self.path(slot)
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            if not path.exists():
                return SlotInfo(slot, path, exists=False)
            mtime = 0.0
        try:
            save = read_save(path)
        except SaveError as err:
            return SlotInfo(slot, path, True, None, str(err), mtime)
        if save.pack_id != self.story.id:
            return SlotInfo(slot, path, True, save, f"this save belongs to another story ('{save.pack_id}')", mtime)
        return SlotInfo(slot, path, True, save, None, mtime)

    def list(self, include_auto: bool = True) -> list[SlotInfo]:
        return [self.info(s) for s in (ALL_SLOTS if include_auto else SLOTS)]

    def newest(self) -> SlotInfo | None:
        """The most recently written usable save (what "Continue" resumes)."""
        usable = [i for i in self.list() if i.usable]
        return max(usable, key=lambda i: (i.mtime, i.save.saved_at if i.save else ""), default=None)

    def write(self, slot: str, game: Saveable, label: str = "") -> Path:
        path = self.path(slot)
        write_save(path, self.story, game.state, self.game_version, label, game.origin)
        return path

    def read(self, slot: str) -> SaveFile:
        """A slot's save, to fit to the story (``Playthrough.restore``); raises SaveError with the
        reason a player sees."""
        info = self.info(slot)
        if not info.exists:
            raise SaveError(f"{info.title} is empty")
        if info.save is None or info.error:
            raise SaveError(f"{info.title} cannot be loaded: {info.error}")
        return info.save

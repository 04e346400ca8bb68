"""What the player has found across all playthroughs: endings and facts, per story.

One small JSON file in the data dir, written atomically only when something new is found. A damaged
file is reported once, kept, and moved aside before the first new find is written.
"""

from __future__ import annotations

import time
from pathlib import Path

from game.engine.model import Scene, Story
from game.storage.files import DamagedFile, read_json, set_aside, write_json

GALLERY_FORMAT = "first-take-gallery"
GALLERY_VERSION = 1


class Gallery:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.damaged = False
        self.notice: str | None = None
        self._packs: dict[str, dict] = {}
        self._load()

    def _load(self) -> None:
        try:
            data = read_json(self.path)
        except DamagedFile as err:
            self._damaged(str(err))
            return
        if data is None:
            return
        if not isinstance(data, dict) or data.get("format") != GALLERY_FORMAT or not isinstance(data.get("packs"), dict):
            self._damaged("it is not a FIRST TAKE endings file")
            return
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool) or version > GALLERY_VERSION:
            self._damaged(f"it has an unknown format version ({version!r})")
            return
        for pack_id, entry in data["packs"].items():
            if isinstance(pack_id, str) and isinstance(entry, dict):
                endings = entry.get("endings")
                if not isinstance(endings, dict):
                    endings = {}
                facts = entry.get("facts")
                if not isinstance(facts, list):
                    facts = []
                self._packs[pack_id] = {
                    "endings": {k: v for k, v in endings.items() if isinstance(k, str) and isinstance(v, dict)},
                    "facts": [f for f in facts if isinstance(f, str)],
                }

    def _damaged(self, reason: str) -> None:
        self.damaged = True
        self.notice = f"The endings gallery {self.path} is damaged ({reason}); it is kept, and a new one starts."

    def _pack(self, story: Story) -> dict:
        return self._packs.setdefault(story.id, {"endings": {}, "facts": []})

    def _save(self) -> None:
        if self.damaged:
            set_aside(self.path)
            self.damaged = False
        write_json(self.path, {"format": GALLERY_FORMAT, "version": GALLERY_VERSION, "packs": self._packs})

    # -- endings -------------------------------------------------------------------------------
    def record_ending(self, story: Story, scene: Scene) -> bool:
        """Remember an ending; True when it is a new find."""
        if scene.ending is None:
            return False
        endings = self._pack(story)["endings"]
        if scene.id in endings:
            return False
        endings[scene.id] = {"title": scene.ending.title, "kind": scene.ending.kind,
                             "found": time.strftime("%Y-%m-%d")}
        self._save_quietly()
        return True

    def found_endings(self, story: Story) -> list[Scene]:
        """Endings of this story found so far, in story order (only ones the story still has)."""
        found = self._packs.get(story.id, {}).get("endings", {})
        return [s for sid, s in story.endings.items() if sid in found]

    # -- facts ---------------------------------------------------------------------------------
    def record_facts(self, story: Story, fact_ids: list[str]) -> list[str]:
        """Remember facts met; returns the ones never met before."""
        known = self._pack(story)["facts"]
        new = [f for f in fact_ids if f not in known and f in story.facts]
        if new:
            known.extend(new)
            self._save_quietly()
        return new

    def known_facts(self, story: Story) -> list[str]:
        known = self._packs.get(story.id, {}).get("facts", [])
        return [f for f in known if f in story.facts]

    def _save_quietly(self) -> None:
        """A full disk must not end the game: remember the finds in memory and say so once."""
        try:
            self._save()
        except OSError as err:
            self.notice = f"Could not write the endings gallery ({err.strerror or err})."

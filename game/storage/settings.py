"""The player's preferences: text speed, theme, timed choices, reduced motion.

Stored as versioned JSON in the data dir and written atomically. A damaged, foreign or too new file
never stops the game: the defaults are used, the player is told why, and the file is kept (moved
aside only when the player saves new settings). Imports no UI code, so plain mode can use it too.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from game.storage.files import DamagedFile, read_json, set_aside, write_json

SETTINGS_FORMAT = "first-take-settings"
SETTINGS_VERSION = 1

# Characters revealed per second; 0 is instant.
TEXT_SPEEDS: dict[str, int] = {"slow": 45, "normal": 110, "fast": 300, "instant": 0}
# What each timer mode multiplies a countdown by; 0 turns timed choices off.
TIMER_MODES: dict[str, float] = {"on": 1.0, "longer": 2.0, "off": 0.0}
DEFAULT_THEME = "textual-dark"
HIGH_CONTRAST_THEME = "first-take-high-contrast"


@dataclass(frozen=True)
class Settings:
    text_speed: str = "normal"
    theme: str = DEFAULT_THEME
    timers: str = "on"
    reduced_motion: bool = False

    @property
    def chars_per_second(self) -> int:
        """0 means show the text at once (instant speed, or reduced motion)."""
        return 0 if self.reduced_motion else TEXT_SPEEDS.get(self.text_speed, 0)

    @property
    def timer_factor(self) -> float:
        return TIMER_MODES.get(self.timers, 1.0)

    def to_dict(self) -> dict[str, object]:
        return {"format": SETTINGS_FORMAT, "version": SETTINGS_VERSION, **asdict(self)}


def settings_from_dict(data: object) -> tuple[Settings, list[str]]:
    """Settings from parsed JSON; bad fields fall back to their defaults with a note each."""
    if not isinstance(data, dict) or data.get("format") != SETTINGS_FORMAT:
        raise DamagedFile("it is not a FIRST TAKE settings file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DamagedFile("it has no format version")
    if version > SETTINGS_VERSION:
        raise DamagedFile(f"it was written by a newer game (format {version}; this game reads {SETTINGS_VERSION})")
    notes: list[str] = []
    settings = Settings()
    checks = {
        "text_speed": lambda v: isinstance(v, str) and v in TEXT_SPEEDS,
        "theme": lambda v: isinstance(v, str) and 0 < len(v) <= 64,
        "timers": lambda v: isinstance(v, str) and v in TIMER_MODES,
        "reduced_motion": lambda v: isinstance(v, bool),
    }
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        if checks[f.name](value):
            settings = replace(settings, **{f.name: value})
        else:
            notes.append(f"ignored {f.name} {value!r}")
    return settings, notes


class SettingsStore:
    """Loads once, saves atomically; remembers whether the file on disk was damaged."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.damaged = False

    def load(self) -> tuple[Settings, str | None]:
        """The settings and, when something was wrong with the file, a notice for the player."""
        try:
            data = read_json(self.path)
        except DamagedFile as err:
            self.damaged = True
            return Settings(), f"Settings file {self.path} is damaged ({err}); using the defaults. The file is kept."
        if data is None:
            return Settings(), None
        try:
            settings, notes = settings_from_dict(data)
        except DamagedFile as err:
            self.damaged = True
            return Settings(), f"Settings file {self.path} cannot be used ({err}); using the defaults. The file is kept."
        if notes:
            return settings, "Some settings were not understood and are back to their defaults: " + "; ".join(notes) + "."
        return settings, None

    def save(self, settings: Settings) -> None:
        if self.damaged:
            set_aside(self.path)
            self.damaged = False
        write_json(self.path, settings.to_dict())

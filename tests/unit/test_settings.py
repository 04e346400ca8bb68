"""Settings: defaults, round trip, atomic write, and damaged files that are reported and kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.storage.settings import SETTINGS_VERSION, Settings, SettingsStore


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    settings, notice = SettingsStore(tmp_path / "settings.json").load()
    assert settings == Settings() and notice is None
    assert not (tmp_path / "settings.json").exists()  # reading never writes


def test_round_trip_is_versioned_and_atomic(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "settings.json"
    store = SettingsStore(path)
    chosen = Settings(text_speed="fast", theme="nord", timers="longer", reduced_motion=True)
    store.save(chosen)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == SETTINGS_VERSION and data["format"] == "first-take-settings"
    assert SettingsStore(path).load() == (chosen, None)
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp file left behind


def test_derived_values() -> None:
    assert Settings(text_speed="instant").chars_per_second == 0
    assert Settings(text_speed="slow", reduced_motion=True).chars_per_second == 0
    assert Settings(text_speed="fast").chars_per_second > Settings(text_speed="slow").chars_per_second > 0
    assert (Settings(timers="on").timer_factor, Settings(timers="longer").timer_factor,
            Settings(timers="off").timer_factor) == (1.0, 2.0, 0.0)


@pytest.mark.parametrize("content,reason", [
    (b'{"format": "first-take-settings", "version": 1, "text_sp', "not valid JSON"),
    (b"", "empty"),
    (b"\x00\xff\xfe", "not text"),
    (b"[1, 2, 3]", "not a FIRST TAKE settings file"),
    (b'{"format": "first-take-settings", "version": 7}', "newer game"),
    (b'{"format": "first-take-settings"}', "no format version"),
])
def test_damaged_file_gives_defaults_a_notice_and_is_kept(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    store = SettingsStore(path)
    settings, notice = store.load()
    assert settings == Settings()
    assert notice is not None and reason in notice and "kept" in notice
    assert path.read_bytes() == content
    store.save(Settings(text_speed="slow"))  # the player changes something: the old file is moved aside
    assert (tmp_path / "settings.json.damaged").read_bytes() == content
    assert SettingsStore(path).load() == (Settings(text_speed="slow"), None)


def test_bad_fields_fall_back_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"format": "first-take-settings", "version": 1, "text_speed": "warp",
                                "timers": "longer", "reduced_motion": "yes", "theme": ""}), encoding="utf-8")
    settings, notice = SettingsStore(path).load()
    assert settings == Settings(timers="longer")
    assert notice is not None and "text_speed" in notice and "reduced_motion" in notice and "theme" in notice


def test_a_second_damaged_copy_does_not_replace_the_first(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    for content in (b"one{", b"two{"):
        path.write_bytes(content)
        store = SettingsStore(path)
        store.load()
        store.save(Settings())
    assert (tmp_path / "settings.json.damaged").read_bytes() == b"one{"
    assert (tmp_path / "settings.json.damaged-2").read_bytes() == b"two{"

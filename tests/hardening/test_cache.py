"""The content-hash cache of loaded packs (game/content/cache.py): right or absent, never stale.

A repeat load must equal a fresh load; any change to a file the loader read, or to the set of files
in the pack, must be seen; a damaged or planted entry is a miss; a pack with errors is not stored;
entries are JSON (no pickle) and their number is capped.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import game.content.yamlsrc as yamlsrc
from game.content import load_pack
from game.content.cache import MAX_ENTRIES, default_cache_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(ROOT / "tests" / "packs" / "tiny", folder)
    return folder


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths parsed as YAML (a cache hit parses nothing)."""
    seen: list[str] = []
    real = yamlsrc.parse_text

    def counting(text: str, path: str):  # noqa: ANN202
        seen.append(path)
        return real(text, path)

    monkeypatch.setattr(yamlsrc, "parse_text", counting)
    return seen


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("pack-*.json"))


def test_a_repeat_load_comes_from_the_cache_and_equals_a_fresh_load(pack: Path, tmp_path: Path,
                                                                      reads: list[str]) -> None:
    cache = tmp_path / "cache"
    fresh = load_pack(pack)
    first = load_pack(pack, cache_dir=cache)
    assert len(entries(cache)) == 1
    reads.clear()
    again = load_pack(pack, cache_dir=cache)
    assert reads == []  # nothing was parsed
    assert again.ok and again.story == fresh.story == first.story
    assert again.diagnostics == fresh.diagnostics  # warnings too
    assert again.story.content_hash == fresh.story.content_hash


def test_the_campaign_round_trips_through_the_cache(tmp_path: Path) -> None:
    from game.content.paths import builtin_pack_dir

    fresh = load_pack(builtin_pack_dir())
    load_pack(builtin_pack_dir(), cache_dir=tmp_path / "cache")
    again = load_pack(builtin_pack_dir(), cache_dir=tmp_path / "cache")
    assert again.story == fresh.story and again.diagnostics == fresh.diagnostics


@pytest.mark.parametrize("change", ["edit_same_size", "add_file", "remove_file", "edit_art", "touch_only"])
def test_changes_are_seen(pack: Path, tmp_path: Path, reads: list[str], change: str) -> None:
    cache = tmp_path / "cache"
    (pack / "art").mkdir(exist_ok=True)
    (pack / "art" / "rocket.txt").write_text(" /\\\n/__\\\n", encoding="utf-8")
    scenes = pack / "scenes.yaml"
    scenes.write_text(scenes.read_text(encoding="utf-8").replace("    title: Orbit\n",
                                                                 "    title: Orbit\n    art: rocket\n"),
                      encoding="utf-8")
    (pack / "more.yaml").write_text("scenes: []\n", encoding="utf-8")
    load_pack(pack, cache_dir=cache)
    reads.clear()
    if change == "edit_same_size":
        scenes.write_text(scenes.read_text(encoding="utf-8").replace("The Hangar", "The Hangur"), encoding="utf-8")
    elif change == "add_file":
        (pack / "extra.yaml").write_text("scenes: []\n", encoding="utf-8")
    elif change == "remove_file":
        (pack / "more.yaml").unlink()
    elif change == "edit_art":
        (pack / "art" / "rocket.txt").write_text(" /\\\n/##\\\n", encoding="utf-8")
    else:
        os.utime(scenes)
    result = load_pack(pack, cache_dir=cache)
    assert result.ok
    if change == "touch_only":
        assert reads == []  # same bytes: still a hit
    else:
        assert reads  # re-parsed
    if change == "edit_same_size":
        assert result.story.scenes["hangar"].title == "The Hangur"
    if change == "edit_art":
        assert "##" in result.story.scenes["orbit"].art


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "planted_class", "wrong_type", "huge_number"])
def test_a_damaged_or_planted_entry_is_a_miss(pack: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    fresh = load_pack(pack, cache_dir=cache)
    entry = entries(cache)[0]
    header, _, body = entry.read_bytes().partition(b"\n")
    if damage == "garbage":
        entry.write_bytes(os.urandom(300))
    elif damage == "truncated":
        entry.write_bytes(header + b"\n" + body[: len(body) // 2])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "planted_class":  # a class outside the whitelist, e.g. something with side effects
        entry.write_bytes(header + b"\n" + body.replace(b'"d":"Scene"', b'"d":"Popen"', 1))
    elif damage == "wrong_type":
        entry.write_bytes(header + b"\n" + json.dumps([1, 2]).encode())
    else:
        entry.write_bytes(header + b"\n" + b"[" + b"9" * 5000 + b"]")
    again = load_pack(pack, cache_dir=cache)
    assert again.ok and again.story == fresh.story


def test_a_pack_with_errors_is_not_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = load_pack(ROOT / "tests" / "packs" / "broken", cache_dir=cache)
    assert not result.ok
    assert entries(cache) == []


def test_entries_are_json_and_capped(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for n in range(MAX_ENTRIES + 3):
        folder = tmp_path / f"pack{n}"
        shutil.copytree(ROOT / "tests" / "packs" / "tiny", folder)
        assert load_pack(folder, cache_dir=cache).ok
    found = entries(cache)
    assert len(found) == MAX_ENTRIES
    for entry in found:
        header, _, body = entry.read_bytes().partition(b"\n")
        assert json.loads(header)["v"] and isinstance(json.loads(body), dict)  # plain JSON, no pickle
    assert not list(cache.glob(".*.tmp"))


def test_an_unwritable_cache_dir_only_means_no_cache(pack: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    assert load_pack(pack, cache_dir=blocker / "cache").ok
    assert load_pack(pack, cache_dir=blocker / "cache").ok


def test_a_missing_pack_is_still_a_pack_error(tmp_path: Path) -> None:
    from game.content import PackError

    with pytest.raises(PackError):
        load_pack(tmp_path / "nothing", cache_dir=tmp_path / "cache")


def test_cache_dir_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FIRST_TAKE_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir("/x") == tmp_path / "c"
    monkeypatch.delenv("FIRST_TAKE_CACHE_DIR")
    assert default_cache_dir(tmp_path / "d") == tmp_path / "d" / "cache"
    monkeypatch.setenv("FIRST_TAKE_DATA_DIR", str(tmp_path / "e"))
    assert default_cache_dir(None) == tmp_path / "e" / "cache"

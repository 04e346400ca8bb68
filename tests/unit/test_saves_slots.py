"""Save slots, the save file format, damaged files, the endings gallery and the journal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game import __version__
from game.engine.journal import build_journal, to_markdown
from game.engine.saves import SAVE_FORMAT, SAVE_VERSION, SaveError
from game.play.playthrough import Playthrough
from game.storage.gallery import Gallery
from game.storage.slots import AUTO, QUICK, SlotStore
from game.storage.transcript import export_transcript
from tests.conftest import PACKS, load_ok

ROUTE = ["wait", "take_camera", "wait", "board", "shoot", "copy", "shoot"]


@pytest.fixture(scope="module")
def player():  # noqa: ANN201
    return load_ok(PACKS / "player")


def play(story, route=ROUTE, seed=7) -> Playthrough:  # noqa: ANN001
    p = Playthrough.new(story, seed)
    for choice in route:
        p.choose(choice)
    return p


def test_save_file_holds_versions_pack_and_whole_state(player, tmp_path: Path) -> None:  # noqa: ANN001
    p = play(player)
    p.state.play_time = 93.5
    store = SlotStore(tmp_path, player, __version__)
    path = store.write("3", p, "before the jolt")
    assert path == tmp_path / "player" / "slot-3.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == SAVE_FORMAT and data["save_version"] == SAVE_VERSION
    assert data["game_version"] == __version__
    assert data["pack"] == {"id": "player", "version": "1.0.0", "hash": player.content_hash}
    assert data["state"]["rng"] == p.state.rng and data["state"]["seed"] == 7
    assert data["state"]["log"] == [list(x) for x in p.state.log]
    assert data["origin"]["turn"] == 0 and data["origin"]["log"] == []
    assert data["label"] == "before the jolt"
    assert data["summary"]["scene_title"] == "The Cabin" and data["summary"]["clock"] == "Day 2 of 12"
    assert not [f for f in path.parent.iterdir() if f.name.endswith(".tmp")]


def test_load_restores_state_exactly_and_rewinds_to_the_start(player, tmp_path: Path) -> None:  # noqa: ANN001
    p = play(player)
    store = SlotStore(tmp_path, player, __version__)
    store.write("1", p)
    restored = Playthrough.restore(player, store.read("1"))
    q = restored.playthrough
    assert restored.notes == [] and restored.full_history and restored.moved_from is None
    assert q.state.same_as(p.state)
    # Rewind through the whole history, step by step, comparing with a fresh replay at each turn.
    for turn in range(len(ROUTE) - 1, -1, -1):
        assert q.rewind(1)
        assert q.state.same_as(play(player, ROUTE[:turn]).state)
    assert not q.rewind(1)


def test_info_describes_part_scene_day_play_time_and_date(player, tmp_path: Path) -> None:  # noqa: ANN001
    p = play(player)
    p.state.play_time = 125
    store = SlotStore(tmp_path, player, __version__)
    store.write("2", p, "mine")
    first, second = store.info("2").describe_lines(player)
    assert "mine" in first and "The Cabin" in first
    assert "II. Orbit" in second and "Day 2 of 12" in second and "2m 05s" in second
    assert second.split(" | ")[-1][:4].isdigit()  # the real date
    assert store.info("5").describe_lines(player) == ("empty", "")


DAMAGED = {
    "truncated": lambda good: good[: len(good) // 2],
    "not json": lambda good: b"this is not a save at all",
    "empty": lambda good: b"",
    "binary": lambda good: b"\xff\xfe\x00\x01garbage",
    "newer format": lambda good: good.replace(b'"save_version": 1', b'"save_version": 99'),
    "no version": lambda good: good.replace(b'"save_version": 1', b'"save_version": "one"'),
    "not a save": lambda good: b'{"hello": "world"}',
    "wrong types": lambda good: good.replace(b'"items": [', b'"items": 5, "was_items": ['),
    "foreign pack": lambda good: good.replace(b'"id": "player"', b'"id": "someone-else"'),
}
REASONS = {
    "truncated": "not valid JSON", "not json": "not valid JSON", "empty": "empty", "binary": "not text",
    "newer format": "newer game", "no version": "no format version", "not a save": "not a FIRST TAKE save",
    "wrong types": "damaged", "foreign pack": "another story",
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_damaged_saves_are_listed_with_a_reason_and_kept(player, tmp_path: Path, kind: str) -> None:  # noqa: ANN001
    store = SlotStore(tmp_path, player, __version__)
    path = store.write("4", play(player))
    bad = DAMAGED[kind](path.read_bytes())
    path.write_bytes(bad)
    info = next(i for i in store.list() if i.slot == "4")
    assert info.exists and info.damaged and not info.usable
    assert REASONS[kind] in info.error
    assert REASONS[kind] in " ".join(info.describe_lines(player))
    with pytest.raises(SaveError, match="cannot be loaded"):
        store.read("4")
    assert store.newest() is None  # "Continue" never offers a damaged save
    assert path.read_bytes() == bad  # never touched


def test_newest_is_the_latest_usable_save(player, tmp_path: Path) -> None:  # noqa: ANN001
    store = SlotStore(tmp_path, player, __version__)
    assert store.newest() is None
    store.write("1", play(player, ROUTE[:2]))
    store.write(QUICK, play(player, ROUTE[:5]))
    os.utime(store.path("1"), (1_000_000, 1_000_000))
    assert store.newest().slot == QUICK
    store.path(AUTO).write_text("{broken", encoding="utf-8")
    assert store.newest().slot == QUICK
    with pytest.raises(SaveError, match="empty"):
        store.read("9")


def test_slots_of_two_packs_never_collide(player, tiny, tmp_path: Path) -> None:  # noqa: ANN001
    SlotStore(tmp_path, player, __version__).write("1", play(player))
    other = SlotStore(tmp_path, tiny, __version__)
    assert not other.info("1").exists


def test_killed_writer_temp_files_are_cleaned_but_saves_kept(player, tmp_path: Path) -> None:  # noqa: ANN001
    store = SlotStore(tmp_path, player, __version__)
    store.write("1", play(player))
    stale = store.folder / ".slot-1.json.abc.tmp"
    stale.write_text("half", encoding="utf-8")
    os.utime(stale, (1_000_000, 1_000_000))
    SlotStore(tmp_path, player, __version__)
    assert not stale.exists() and store.path("1").exists()


def test_set_vars_and_from_scene_are_part_of_the_origin(player) -> None:  # noqa: ANN001
    p = Playthrough.new(player, 1, {"stamina": 9, "lead": 99}, "cabin")
    assert p.scene().id == "cabin" and p.state.vars["stamina"] == 9 and p.state.vars["lead"] == 5  # clamped
    p.choose("shoot")
    p.rewind(1)
    assert p.state.vars["stamina"] == 9 and p.scene().id == "cabin"


def test_journal_follows_the_game_and_rewinds_with_it(player, tmp_path: Path) -> None:  # noqa: ANN001
    p = play(player)
    entries = p.journal()
    assert len(entries) == len(ROUTE) + 1
    assert [e.choice for e in entries[:3]] == ["Wait and roll the dice", "Take the camera", "Wait and roll the dice"]
    assert entries[-1].choice is None and entries[-1].title == "The Cabin"
    # The text is what was read at the time: luck changed between the two waits.
    assert entries[0].paragraphs[0] != entries[2].paragraphs[0]
    assert "[b]This is not bold.[/b]" in entries[0].paragraphs[0]
    p.rewind(3)
    assert len(p.journal()) == len(ROUTE) - 2
    md = to_markdown(player, p.journal())
    assert md.startswith("# Orbit Test: transcript") and "> **You chose:** Take the camera" in md
    path = export_transcript(tmp_path, player, p.journal())
    assert path.parent == tmp_path / "transcripts" and path.read_text(encoding="utf-8") == md


def test_journal_without_origin_lists_titles(player) -> None:  # noqa: ANN001
    p = play(player)
    entries = build_journal(player, None, p.state)
    assert len(entries) == len(ROUTE) + 1
    assert entries[0].paragraphs == () and entries[0].choice == "Wait and roll the dice"
    assert entries[-1].paragraphs  # the current scene is always readable


def test_gallery_remembers_endings_and_facts(player, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "gallery.json"
    g = Gallery(path)
    assert g.record_ending(player, player.scenes["end_quiet"])
    assert not g.record_ending(player, player.scenes["end_quiet"])
    assert g.record_facts(player, ["f_launch", "nope"]) == ["f_launch"]
    again = Gallery(path)
    assert [s.id for s in again.found_endings(player)] == ["end_quiet"]
    assert again.known_facts(player) == ["f_launch"]


def test_damaged_gallery_is_reported_kept_and_moved_aside(player, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "gallery.json"
    path.write_text("[1, 2", encoding="utf-8")
    g = Gallery(path)
    assert g.damaged and "damaged" in g.notice and g.found_endings(player) == []
    assert path.read_text(encoding="utf-8") == "[1, 2"  # reading never rewrites
    g.record_ending(player, player.scenes["end_scrub"])
    assert (tmp_path / "gallery.json.damaged").read_text(encoding="utf-8") == "[1, 2"
    assert [s.id for s in Gallery(path).found_endings(player)] == ["end_scrub"]

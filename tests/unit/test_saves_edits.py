"""Saves survive edits to the story: a pack is edited after saving and the save is loaded each time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game import __version__
from game.engine.model import Story
from game.play.playthrough import Playthrough
from game.storage.slots import SlotStore
from tests.conftest import PACKS, load_ok

ROUTE = ["wait", "take_camera", "wait", "board", "shoot", "copy"]


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(PACKS / "player", folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def saved(folder: Path, tmp_path: Path) -> tuple[Story, Playthrough, SlotStore]:
    story = load_ok(folder)
    p = Playthrough.new(story, 5)
    for choice in ROUTE:
        p.choose(choice)
    store = SlotStore(tmp_path / "saves", story, __version__)
    store.write("1", p)
    return story, p, store


def reload(folder: Path, tmp_path: Path):  # noqa: ANN201
    story = load_ok(folder)
    return story, Playthrough.restore(story, SlotStore(tmp_path / "saves", story, __version__).read("1"))


def test_unchanged_pack_loads_without_notes(pack: Path, tmp_path: Path) -> None:
    _, p, _ = saved(pack, tmp_path)
    _, restored = reload(pack, tmp_path)
    assert restored.notes == [] and restored.playthrough.state.same_as(p.state)


def test_a_choice_added_above_the_saved_point(pack: Path, tmp_path: Path) -> None:
    _, p, _ = saved(pack, tmp_path)
    new_choice = ("      - id: pray\n        text: Say a quiet word to the rocket\n        goto: gate\n")
    edit(pack, "scenes.yaml", "    choices:\n      - id: wait\n", "    choices:\n" + new_choice + "      - id: wait\n")
    edit(pack, "scenes.yaml", "    choices:\n      - id: shoot\n",
         "    choices:\n      - id: rest\n        text: Rest\n        goto: cabin\n      - id: shoot\n")
    story, restored = reload(pack, tmp_path)
    q = restored.playthrough
    assert [v.id for v in q.session.choices()][0] == "rest"  # numbering moved; ids did not
    assert q.state.same_as(p.state)
    assert restored.full_history and restored.moved_from is None
    assert any("changed since this save" in n for n in restored.notes)
    # The whole history still replays: rewind all the way back, exactly.
    q.rewind(len(ROUTE))
    fresh = Playthrough.new(story, 5)
    assert q.state.same_as(fresh.state)


def test_a_removed_variable_is_dropped(pack: Path, tmp_path: Path) -> None:
    _, p, _ = saved(pack, tmp_path)
    edit(pack, "pack.yaml", "  luck: {type: int, default: 0, min: 0, max: 100}\n", "")
    edit(pack, "scenes.yaml", "Stamina {stamina}, luck {luck}.", "Stamina {stamina}.")
    edit(pack, "scenes.yaml", "effects: [{add: {stamina: 1}}, {roll: {luck: [1, 100]}}]", "effects: [{add: {stamina: 1}}]")
    edit(pack, "scenes.yaml", "effects: [{add: {footage: 20, stamina: -1}}, {roll: {luck: [1, 100]}}]",
         "effects: [{add: {footage: 20, stamina: -1}}]")
    _, restored = reload(pack, tmp_path)
    state = restored.playthrough.state
    assert "luck" not in state.vars
    assert state.vars["footage"] == p.state.vars["footage"] and state.vars["stamina"] == p.state.vars["stamina"]
    assert any("Dropped variables" in n and "luck" in n for n in restored.notes)
    assert state.scene == "cabin"


def test_an_added_variable_gets_its_default(pack: Path, tmp_path: Path) -> None:
    _, p, _ = saved(pack, tmp_path)
    edit(pack, "pack.yaml", "  backup: {type: bool, default: false}\n",
         "  backup: {type: bool, default: false}\n  morale: {type: int, default: 4, min: 0, max: 9}\n")
    _, restored = reload(pack, tmp_path)
    state = restored.playthrough.state
    assert state.vars["morale"] == 4 and state.vars["backup"] is True
    assert any("New variables" in n and "morale" in n for n in restored.notes)
    assert state.scene == p.state.scene


def test_the_saved_scene_deleted_falls_back_to_the_latest_scene_that_exists(pack: Path, tmp_path: Path) -> None:
    _, p, _ = saved(pack, tmp_path)
    text = (pack / "scenes.yaml").read_text(encoding="utf-8")
    start, end = text.index("  - id: cabin\n"), text.index("  - id: jolt\n")
    (pack / "scenes.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    edit(pack, "scenes.yaml", "        text: Board the capsule\n        goto: cabin\n",
         "        text: Board the capsule\n        goto: jolt\n")
    story, restored = reload(pack, tmp_path)
    q = restored.playthrough
    assert restored.moved_from == "cabin"
    assert q.scene().id == "gate"
    assert any("'cabin' no longer exists" in n and "The Gate" in n for n in restored.notes)
    # The state is the one the player had when last at the gate: three choices in, camera in hand.
    before = Playthrough.new(story, 5)
    for choice in ROUTE[:3]:
        before.choose(choice)
    assert q.state.same_as(before.state)
    assert "camera" in q.state.items and q.state.vars["footage"] == 0


def test_nothing_of_the_save_survives(pack: Path, tmp_path: Path) -> None:
    from game.engine.saves import SaveError

    saved(pack, tmp_path)
    edit(pack, "pack.yaml", "id: player", "id: renamed")
    story = load_ok(pack)
    with pytest.raises(SaveError, match="another story"):
        Playthrough.restore(story, SlotStore(tmp_path / "saves", load_ok(PACKS / "player"), "x").info("1").save)

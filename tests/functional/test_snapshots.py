"""Snapshots of every screen at 80x24 and 120x40 (pytest-textual-snapshot; SVGs in tests/__snapshots__/).

They play the small `player` test pack, not the campaign, so story edits never break them; the seed
is fixed, timers are off, the text appears at once (headless runs never reveal), and the data dir is
a relative path so the folder names shown on screen are the same on every machine. After a change
that is meant to alter a screen, look at the new SVGs and accept them with `pytest --snapshot-update`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game import __version__
from game.play.playthrough import Playthrough
from game.storage.slots import QUICK, SlotStore
from tests.functional.uihelp import player_app, player_story, press

SIZES = [(80, 24), (120, 40)]
IDS = ["80x24", "120x40"]
FIXED_DATE = "2021-10-05T11:55:00+0300"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return Path("data")


def steps(*keys: str):  # noqa: ANN201
    """A run_before that presses keys one at a time, letting each screen settle."""

    async def run(pilot) -> None:  # noqa: ANN001
        await pilot.pause()
        await press(pilot, *keys)

    return run


def write_slots(data: Path) -> None:
    """Three saves with fixed dates and play times, and one damaged file."""
    story = player_story()
    store = SlotStore(data / "saves", story, __version__)
    cabin = Playthrough.new(story, 1)
    for choice in ("take_camera", "board", "shoot", "copy"):
        cabin.choose(choice)
    cabin.state.play_time = 754
    store.write("1", cabin, "Before the jolt")
    gate = Playthrough.new(story, 1)
    gate.state.play_time = 12
    store.write(QUICK, gate)
    store.write("3", gate)
    for stamp, slot in enumerate((QUICK, "3", "1"), 1):  # slot 1 is the newest: the list starts on it
        path = store.path(slot)
        payload = json.loads(path.read_text(encoding="utf-8"))
        payload["saved_at"] = FIXED_DATE
        path.write_text(json.dumps(payload), encoding="utf-8")
        os.utime(path, (1_600_000_000 + stamp, 1_600_000_000 + stamp))
    store.path("2").write_text('{"format": "first-take-save", "save_ver', encoding="utf-8")


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_title(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_play(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps("n", "2", "1"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_save_load(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    write_slots(data)
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps("l"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_journal(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps("n", "2", "1", "2", "1", "j"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_fact_file(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps("n", "3", "f"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_stats(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps("n", "2", "2", "1", "2", "t"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_settings(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps("o"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_help(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps("n", "question_mark"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_ending(snap_compare, data: Path, size: tuple[int, int]) -> None:  # noqa: ANN001
    route = ("n", "3", "1", "1", "3", "2", "1")  # board, shoot twice, the jolt, film it, finish: the premiere
    assert snap_compare(player_app(data), terminal_size=size, run_before=steps(*route))

"""The game host's rules hold for every front end: a file the game could not read (or that a newer
game wrote) is never replaced without the player's yes, a path the user named is never replaced by
rename, a key meant for one scene is never applied to the next, and a timed scene whose choices are
all locked when time runs out is a pack's dead end, not a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual import events

from game.play.config import GameConfig
from game.play.host import GameHost, Headless
from tests.conftest import PACKS, load_ok, run_cli
from tests.functional.uihelp import player_app, press

PLAYER = str(PACKS / "player")
NEWER = json.dumps({"format": "first-take-save", "save_version": 2, "pack": {"id": "player"}, "state": {}})


def plain(data_dir: Path, *lines: str, extra: tuple[str, ...] = ()):  # noqa: ANN201
    return run_cli("--data-dir", str(data_dir), "play", "--plain", "--pack", PLAYER, "--seed", "1", "--no-timers",
                   *extra, input="".join(line + "\n" for line in lines))


def slot_file(data_dir: Path, name: str) -> Path:
    path = data_dir / "saves" / "player" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("old", ["{precious", NEWER], ids=["damaged", "newer-format"])
def test_plain_save_over_an_unreadable_slot_asks_and_no_keeps_it(data_dir: Path, old: str) -> None:
    path = slot_file(data_dir, "slot-1.json")
    path.write_text(old, encoding="utf-8")
    out = plain(data_dir, "1", "save 1", "no", "quit")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "Replace it?" in out.stdout and "Not saved" in out.stdout and "Saved in" not in out.stdout
    assert path.read_text(encoding="utf-8") == old


def test_plain_save_over_an_unreadable_slot_with_yes_keeps_the_old_file_as_damaged(data_dir: Path) -> None:
    path = slot_file(data_dir, "slot-1.json")
    path.write_text("{precious", encoding="utf-8")
    out = plain(data_dir, "1", "save 1", "yes", "quit")
    assert out.returncode == 0 and "Saved in Slot 1." in out.stdout
    assert path.with_name("slot-1.json.damaged").read_text(encoding="utf-8") == "{precious"
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "first-take-save"


@pytest.mark.parametrize("old", ["{precious", NEWER], ids=["damaged", "newer-format"])
def test_the_autosave_never_writes_over_an_unreadable_autosave(data_dir: Path, old: str) -> None:
    path = slot_file(data_dir, "autosave.json")
    path.write_text(old, encoding="utf-8")
    out = plain(data_dir, "1", "1", "quit")
    assert out.returncode == 0
    assert "autosave is off until you save over it" in out.stdout
    assert path.read_text(encoding="utf-8") == old


async def test_the_tui_autosave_keeps_an_unreadable_autosave_too(data_dir: Path) -> None:
    path = slot_file(data_dir, "autosave.json")
    path.write_text("{precious", encoding="utf-8")
    app = player_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "1", "1")
        assert app.host.playthrough is not None and app.host.playthrough.state.turn == 2
    assert path.read_text(encoding="utf-8") == "{precious"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks (POSIX)")
def test_record_refuses_a_path_that_is_not_a_regular_file(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "route.yaml"
    link.symlink_to(target)
    out = plain(data_dir, "1", "quit", extra=("--record", str(link)))
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "cannot write the route file" in out.stdout
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"
    fifo = tmp_path / "route.fifo"
    os.mkfifo(fifo)
    out = plain(data_dir, "1", "quit", extra=("--record", str(fifo)))
    assert out.returncode == 0 and "cannot write the route file" in out.stdout
    assert fifo.exists() and not fifo.is_file()


def test_record_still_writes_a_regular_file(data_dir: Path, tmp_path: Path) -> None:
    route = tmp_path / "route.yaml"
    route.write_text("old\n", encoding="utf-8")
    out = plain(data_dir, "1", "quit", extra=("--record", str(route)))
    assert out.returncode == 0 and "cannot write" not in out.stdout
    assert "seed: 1" in route.read_text(encoding="utf-8")


def test_the_host_drops_a_choice_meant_for_a_scene_it_has_left(tmp_path: Path) -> None:
    story = load_ok(PACKS / "player")
    host = GameHost(story, GameConfig(data_dir=tmp_path, seed=1, timers=False), Headless())
    host.new_game()
    assert host.choose("board", "gate") and host.session is not None
    assert host.session.state.scene == "cabin"
    assert not host.choose("stand_down", "gate")  # queued on the gate, arriving in the cabin
    assert not host.choose("board")  # no such choice here: refused, not raised
    assert host.session.state.log == [("gate", "board")]


async def test_keys_faster_than_a_redraw_never_reach_a_later_scene(data_dir: Path) -> None:
    """A number and Enter in the same tick: the number takes a choice; Enter, meant for the old list,
    must not take the highlighted choice of the new scene (it crashed with ChoiceError before)."""
    app = player_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n")
        session = app.host.session
        assert session is not None
        board = next(v.number for v in session.choices() if v.id == "board")
        for _ in range(3):
            app.post_message(events.Key(str(board), str(board)))
            app.post_message(events.Key("enter", None))
            app.post_message(events.Key("enter", None))
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.host.session is not None
        log = app.host.session.state.log
        assert log[0] == ("gate", "board")
        assert all(scene == "cabin" for scene, _ in log[1:])  # later keys went to the scene they met


def test_a_timeout_with_every_choice_locked_is_a_dead_end_not_a_crash(tmp_path: Path) -> None:
    pack = tmp_path / "locked"
    pack.mkdir()
    (pack / "pack.yaml").write_text("id: locked\ntitle: Locked\nversion: 1.0.0\nstart: a\n"
                                    "variables:\n  n: {type: int, default: 0}\n", encoding="utf-8")
    (pack / "scenes.yaml").write_text(
        "scenes:\n"
        "  - id: a\n    title: A\n    text: Hurry.\n    timer: {seconds: 2, default: w}\n"
        "    choices:\n      - {id: w, text: Wait, goto: b, if: 'n > 5'}\n"
        "  - id: b\n    title: B\n    text: Done.\n    ending: {title: End}\n", encoding="utf-8")
    story = load_ok(pack)
    frontend = Headless()
    host = GameHost(story, GameConfig(data_dir=tmp_path / "data", timers=True), frontend)
    host.new_game()
    assert not host.timeout("a")
    assert host.session is not None and host.session.state.scene == "a"
    assert any(n.code == "dead_end" for n in frontend.told)

"""Saves through the UI: continue after quitting, rewind ten choices, damaged and edited saves, kiosk flags."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.play.config import GameConfig
from game.storage.slots import AUTO, QUICK
from game.ui.app import make_app
from game.ui.screens.play import PlayScreen
from game.ui.screens.saveload import SaveLoadScreen
from game.ui.screens.title import TitleScreen
from tests.conftest import load_ok
from tests.functional.uihelp import PLAYER_PACK, notes, pick_slot, player_app, press, screen_name
from tests.helpers import screen_text
from tests.unit.test_saves_slots import DAMAGED, REASONS


async def test_save_quit_start_again_continue_is_identical(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "1", "2", "1", "2", "1", "s", "enter", "enter", "ctrl+q")
        saved = app.session.state.copy()
    assert app.return_code == 0
    stored = app.slots.info("1").save  # play time goes on between the save and ctrl+q: compare the file's
    assert stored is not None

    again = player_app(data_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Continue" in screen_text(again)
        await press(pilot, "enter")  # Continue is first and highlighted
        assert isinstance(again.screen, PlayScreen)
        state = again.session.state
        assert state.same_as(saved)
        assert (state.rng, state.seed, state.play_time) == (saved.rng, saved.seed, pytest.approx(stored.state.play_time, abs=0.01))
        assert again.playthrough.journal()[-1].title == "The Cabin"
        # The whole history came back too: rewind reaches the very start.
        for _ in range(5):
            await press(pilot, "z")
        assert state is not again.session.state and again.session.state.turn == 0


async def test_rewind_ten_choices_restores_the_state_of_ten_choices_before(data_dir: Path) -> None:
    app = player_app(data_dir)
    route = ["1", "1", "2", "1", "1", "2", "1", "1", "2", "1", "1", "1"]  # rolls the RNG on most steps
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n")
        history = [app.session.state.copy()]
        for key in route:
            await press(pilot, key)
            history.append(app.session.state.copy())
        assert app.session.state.rng != history[-11].rng
        for steps in range(1, 11):
            await press(pilot, "z")
            assert app.session.state.same_as(history[-1 - steps])
        assert app.session.state.rng == history[-11].rng
        assert app.playthrough.journal()[-1].turn == history[-11].turn  # the journal rewinds with it
        assert len(app.playthrough.journal()) == history[-11].turn + 1


@pytest.mark.parametrize("kind", sorted(DAMAGED))
async def test_each_kind_of_damaged_save_shows_its_message(data_dir: Path, kind: str) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await press(pilot, "n", "s", "enter", "enter")  # save in slot 1
        path = app.slots.path("1")
        bad = DAMAGED[kind](path.read_bytes())
        path.write_bytes(bad)
        await press(pilot, "l")
        text = screen_text(app)
        assert "DAMAGED" in text and REASONS[kind] in text
        await pick_slot(pilot, "1")
        assert isinstance(app.screen, SaveLoadScreen)  # nothing loaded, the list stays
        assert "cannot be loaded" in notes(app) and REASONS[kind] in notes(app)
        await press(pilot, "escape")
        assert path.read_bytes() == bad
        # Saving over it asks first, and keeps the damaged file beside the new save.
        await press(pilot, "s", "enter")
        assert "cannot be loaded" in screen_text(app) and ".damaged" in screen_text(app)
        await press(pilot, "enter")
        assert app.slots.info("1").usable
        assert (path.parent / "slot-1.json.damaged").read_bytes() == bad


async def test_damaged_quicksave_and_autosave_never_crash_the_title(data_dir: Path) -> None:
    app = player_app(data_dir)
    folder = data_dir / "saves" / "player"
    folder.mkdir(parents=True)
    (folder / "quicksave.json").write_text('{"format": "first-take-save", "save_version": 1', encoding="utf-8")
    (folder / "autosave.json").write_bytes(b"\x00" * 10)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and "Continue" not in screen_text(app)
        await press(pilot, "n", "f9")
        assert "cannot be loaded" in notes(app) and "not valid JSON" in notes(app)
        assert isinstance(app.screen, PlayScreen) and app.session.state.turn == 0


async def test_loading_a_save_whose_scene_was_deleted_offers_the_latest_scene_left(data_dir: Path,
                                                                                   tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PLAYER_PACK, pack)
    config = GameConfig(data_dir=data_dir, seed=1, timers=False)
    app = make_app(load_ok(pack), config)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "2", "1", "2", "1", "f5")  # camera, wait, board, shoot; quicksave in the cabin
    scenes = pack / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    text = text[: text.index("  - id: cabin\n")] + text[text.index("  - id: jolt\n"):]
    scenes.write_text(text.replace("goto: cabin", "goto: jolt"), encoding="utf-8")

    edited = make_app(load_ok(pack), config)
    async with edited.run_test(size=(80, 24), notifications=True) as pilot:
        await press(pilot, "l")
        await pick_slot(pilot, "quick")
        assert screen_name(edited) == "ConfirmScreen"
        assert "no longer in the story" in screen_text(edited) and "The Gate" in screen_text(edited)
        await press(pilot, "down", "enter")  # cancel: nothing changes
        assert isinstance(edited.screen, TitleScreen) and edited.playthrough is None
        await press(pilot, "l")
        await pick_slot(pilot, "quick")
        await press(pilot, "enter")  # accept
        assert isinstance(edited.screen, PlayScreen)
        # Back at the gate as it was when the crew left it: camera taken, one wait, two choices in.
        assert edited.session.scene().id == "gate" and edited.session.state.turn == 2
        assert "cabin" in notes(edited) and "changed since this save" in notes(edited)


async def test_continue_resumes_the_newest_save(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "3", "f5", "1")  # quicksave in the cabin, then the autosave moves on
        newest = app.session.state.copy()
        await press(pilot, "ctrl+q", "down", "enter")  # quit without saving
    again = player_app(data_dir)
    async with again.run_test(size=(80, 24)) as pilot:
        await press(pilot, "c")
        assert again.session.state.same_as(newest)
        assert again.slots.newest().slot == AUTO


@pytest.mark.parametrize("flag", ["allow_save", "allow_load"])
async def test_kiosk_flags_turn_saving_or_loading_off(data_dir: Path, flag: str) -> None:
    app = player_app(data_dir, **{flag: False})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert ("Load game" in screen_text(app)) == (flag != "allow_load")
        await press(pilot, "n", "1")
        await press(pilot, "s" if flag == "allow_save" else "l")
        assert isinstance(app.screen, PlayScreen)  # the key does nothing
        await press(pilot, "f5" if flag == "allow_save" else "f9")
        assert isinstance(app.screen, PlayScreen)
        if flag == "allow_save":
            assert not app.slots.info(QUICK).exists and not app.slots.info(AUTO).exists
        keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert ("s" in keys) == (flag != "allow_save") and ("l" in keys) == (flag != "allow_load")

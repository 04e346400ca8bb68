"""Every key of the game, pressed through Textual's Pilot, and every screen it opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList

from game.storage.slots import QUICK
from game.ui.screens.facts import FactsScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.journal import JournalScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.saveload import SaveLoadScreen, SaveNameScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.stats import StatsScreen
from game.ui.widgets.reveal import RevealText
from tests.functional.uihelp import notes, pick_slot, player_app, press, screen_name
from tests.helpers import screen_text


async def test_number_keys_arrows_enter_and_mouse(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "2")  # take the camera
        assert "camera" in app.session.state.items
        await press(pilot, "down", "enter")  # highlighted: 1 (wait) -> down: 2 (board)
        assert app.session.scene().id == "cabin"
        assert await pilot.click("#choices", offset=(4, 0))  # 1. Shoot a scene
        await pilot.pause()
        assert app.session.state.vars["footage"] == 20


async def test_s_saves_to_a_named_slot(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await press(pilot, "n", "3", "s")
        assert isinstance(app.screen, SaveLoadScreen) and "Slot 9" in screen_text(app)
        await press(pilot, "down", "enter")  # slot 2
        assert isinstance(app.screen, SaveNameScreen)
        await press(pilot, "ctrl+u", *"orbit", "enter")
        assert isinstance(app.screen, PlayScreen)
        assert "Saved in Slot 2." in notes(app)
        info = app.slots.info("2")
        assert info.usable and info.save.label == "orbit" and info.save.state.same_as(app.session.state)
        await press(pilot, "s")
        assert "\u201corbit\u201d" in screen_text(app)  # the list shows the name
        await press(pilot, "escape")
        assert isinstance(app.screen, PlayScreen)


async def test_saving_over_a_slot_says_what_it_replaces_and_escape_cancels(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "s", "enter", "enter")  # slot 1, default name
        first = app.slots.info("1").save.state.copy()
        await press(pilot, "1", "s", "enter")
        assert "This replaces:" in screen_text(app)
        await press(pilot, "escape")  # cancel: slot 1 unchanged
        assert app.slots.info("1").save.state.same_as(first)


async def test_l_loads_a_slot(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "1", "2", "s", "enter", "enter")
        saved = app.session.state.copy()
        await press(pilot, "1", "2", "1")
        assert not app.session.state.same_as(saved)
        await press(pilot, "l")
        assert isinstance(app.screen, SaveLoadScreen) and "Autosave" in screen_text(app)
        await pick_slot(pilot, "1")
        assert isinstance(app.screen, PlayScreen)
        assert app.session.state.same_as(saved)


async def test_f5_quicksaves_and_f9_quickloads(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await press(pilot, "n", "f9")
        assert "no quicksave yet" in notes(app)
        await press(pilot, "2", "f5")
        saved = app.session.state.copy()
        assert app.slots.info(QUICK).usable
        await press(pilot, "2", "1", "1")
        await press(pilot, "f9")
        assert app.session.state.same_as(saved)


@pytest.mark.parametrize("key", ["z", "ctrl+z"])
async def test_z_and_ctrl_z_rewind_one_choice(data_dir: Path, key: str) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await press(pilot, "n")
        start = app.session.state.copy()
        await press(pilot, key)
        assert "nothing to rewind" in notes(app)
        await press(pilot, "1")
        after_one = app.session.state.copy()
        await press(pilot, "3", key)
        assert app.session.state.same_as(after_one) and app.session.scene().id == "gate"
        await press(pilot, key)
        assert app.session.state.same_as(start)


async def test_j_opens_the_journal_and_e_exports_it(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "2", "1", "j")
        assert isinstance(app.screen, JournalScreen)
        text = screen_text(app)
        assert "Journal: 3 scenes, 2 choices" in text
        assert "You chose: Take the camera" in text and "[b]This is not bold.[/b]" in text
        await press(pilot, "e")
        exported = list((data_dir / "transcripts").glob("player-*.md"))
        assert len(exported) == 1
        assert f"Transcript written to {exported[0]}" in screen_text(app)
        assert "> **You chose:** Take the camera" in exported[0].read_text(encoding="utf-8")
        await press(pilot, "escape")
        assert isinstance(app.screen, PlayScreen)


async def test_f_opens_the_fact_file(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "f")
        assert isinstance(app.screen, FactsScreen)
        text = screen_text(app)
        assert "Fact file: 1 of 4 facts found" in text
        assert "The test crew launched from a test pad in October." in text and "First test source" in text
        assert "not found yet" in text
        await press(pilot, "escape", "3", "f")  # board: the cabin cites another fact
        assert "Fact file: 2 of 4 facts found" in screen_text(app)


async def test_t_shows_stats_as_an_overlay_when_the_sidebar_is_hidden(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "2")
        assert not app.screen.query_one("#sidebar").display  # under 100 columns
        await press(pilot, "t")
        assert isinstance(app.screen, StatsScreen)
        text = screen_text(app)
        assert "Stamina" in text and "5/10" in text and "Handheld camera" in text
        assert "Small enough for a sleeve pocket." in text  # the overlay adds descriptions
        await press(pilot, "escape")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.screen.query_one("#sidebar").display
        assert "Script shot" in screen_text(app) and "0%" in screen_text(app)


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_question_mark_and_f1_open_help(data_dir: Path, key: str) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, key)  # on the title screen
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape", "n", key)  # and while playing
        text = screen_text(app)
        assert isinstance(app.screen, HelpScreen)
        for keys in ("1-9", "F5 / F9", "z, ctrl+z", "ctrl+p", "ctrl+q"):
            assert keys in text
        await press(pilot, "escape")
        assert isinstance(app.screen, PlayScreen)


@pytest.mark.parametrize("key,screen", [("s", SaveLoadScreen), ("l", SaveLoadScreen), ("j", JournalScreen),
                                        ("f", FactsScreen), ("t", StatsScreen), ("question_mark", HelpScreen),
                                        ("o", SettingsScreen)])
async def test_escape_closes_every_screen(data_dir: Path, key: str, screen: type) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", key)
        assert isinstance(app.screen, screen)
        await press(pilot, "escape")
        assert isinstance(app.screen, PlayScreen)


async def test_ctrl_q_quits_at_once_when_nothing_is_unsaved(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "ctrl+q")
    assert app.return_code == 0


async def test_ctrl_q_asks_when_unsaved(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "1", "ctrl+q")
        assert screen_name(app) == "ConfirmScreen" and "Quicksave and quit" in screen_text(app)
        await press(pilot, "down", "down", "enter")  # keep playing
        assert isinstance(app.screen, PlayScreen) and app.return_code is None
        await press(pilot, "ctrl+q", "enter")  # quicksave and quit
    assert app.return_code == 0
    assert app.slots.info(QUICK).save.state.same_as(app.session.state)


async def test_ctrl_p_lists_every_screen_in_the_command_palette(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "1")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Save", "Load", "Quicksave", "Quickload", "Rewind", "Journal", "Fact file", "Stats", "Settings",
                "Help", "New game", "Title screen"} <= titles
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, *"journal")
        for _ in range(1000):  # the palette searches in a worker: wait for its answer, not for a time
            if app.screen.query_one(OptionList).option_count:
                break
            await pilot.pause()
        await press(pilot, "enter")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)


async def test_any_key_skips_the_text_reveal(data_dir: Path) -> None:
    app = player_app(data_dir, text_speed="slow")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n")
        text = app.screen.query_one(RevealText)
        assert text.revealing and "luck 0" in text.full_text
        await press(pilot, "x")  # a key that does nothing else
        assert not text.revealing
        await press(pilot, "1")
        assert text.revealing
        turn = app.session.state.turn
        await press(pilot, "enter")  # Enter only shows the text: it does not take a choice
        assert not text.revealing and app.session.state.turn == turn
        await press(pilot, "enter")
        assert app.session.state.turn == turn + 1


async def test_reduced_motion_shows_text_at_once(data_dir: Path) -> None:
    from game.storage.settings import Settings, SettingsStore

    SettingsStore(data_dir / "settings.json").save(Settings(text_speed="slow", reduced_motion=True))
    app = player_app(data_dir, text_speed="slow")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n")
        assert not app.screen.query_one(RevealText).revealing
        assert app.animation_level == "none"

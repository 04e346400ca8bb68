"""The ending screen, the endings gallery, settings, timed choices and the stats sidebar, through Pilot."""

from __future__ import annotations

import json
import time
from pathlib import Path

from textual.widgets import Checkbox, RadioSet, Select

from game.storage.settings import HIGH_CONTRAST_THEME, Settings, SettingsStore
from game.ui.screens.ending import EndingScreen
from game.ui.screens.journal import JournalScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.widgets.countdown import Countdown
from tests.functional.uihelp import notes, player_app, press
from tests.helpers import screen_text

TO_PREMIERE = ["3", "1", "1", "3", "2", "1"]  # board, shoot, shoot, last scene, film it, finish


async def test_ending_shows_what_really_happened_and_the_endings_found(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "n", *TO_PREMIERE)
        assert isinstance(app.screen, EndingScreen)
        text = screen_text(app)
        assert "THE FIRST TAKE" in text and "The best ending" in text and "The lights go down." in text
        assert "What your crew did" in text and "What really happened" in text
        for fact in ("launched from a test pad", "two people", "thruster fired", "landed on the steppe"):
            assert fact in text
        assert "New ending!  Endings found: 1 of 3" in text
        await press(pilot, "t")  # to the title: the gallery names what was found
        text = screen_text(app)
        assert "Endings found: 1 of 3" in text and "The First Take" in text
        await press(pilot, "n", "4")  # stand down: a second ending
        assert "New ending!  Endings found: 2 of 3" in screen_text(app)
    again = player_app(data_dir)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Endings found: 2 of 3" in screen_text(again) and "Scrubbed" in screen_text(again)


async def test_rewind_and_journal_from_the_ending(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "4", "j")
        assert isinstance(app.screen, JournalScreen) and "ENDING: Scrubbed" in screen_text(app)
        await press(pilot, "escape", "z")
        assert isinstance(app.screen, PlayScreen) and app.session.scene().id == "gate"
        await press(pilot, "4", "p")  # play again
        assert isinstance(app.screen, PlayScreen) and app.session.state.turn == 0


async def test_settings_change_apply_and_persist(data_dir: Path) -> None:
    app = player_app(data_dir, timers=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "o")
        assert isinstance(app.screen, SettingsScreen)
        speed = app.screen.query_one("#speed", RadioSet)
        assert speed.has_focus
        await press(pilot, "right", "enter")  # normal -> fast
        assert app.settings.text_speed == "fast"
        app.screen.query_one("#theme", Select).value = HIGH_CONTRAST_THEME
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST_THEME
        app.screen.query_one("#timers", RadioSet).focus()
        await press(pilot, "right", "enter")  # on -> longer
        assert app.timer_scale == 2.0
        app.screen.query_one("#motion", Checkbox).focus()
        await press(pilot, "space")
        assert app.settings.reduced_motion and app.animation_level == "none"
        await press(pilot, "escape")
    saved = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert saved["text_speed"] == "fast" and saved["theme"] == HIGH_CONTRAST_THEME
    assert saved["timers"] == "longer" and saved["reduced_motion"] is True
    again = player_app(data_dir, timers=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == HIGH_CONTRAST_THEME and again.timer_scale == 2.0


async def test_damaged_settings_give_defaults_a_notice_and_keep_the_file(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "settings.json").write_text('{"format": "first-take-settings", "vers', encoding="utf-8")
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "damaged" in notes(app) and "kept" in notes(app)
        assert app.settings == Settings()
        await press(pilot, "n", "1")  # the game runs
    assert (data_dir / "settings.json").read_text(encoding="utf-8").endswith('"vers')


async def test_unknown_theme_falls_back_with_a_notice(data_dir: Path) -> None:
    SettingsStore(data_dir / "settings.json").save(Settings(theme="no-such-theme"))
    app = player_app(data_dir)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "Unknown theme 'no-such-theme'" in notes(app) and app.theme == "textual-dark"


async def test_timed_choice_takes_its_default_pauses_under_overlays_and_restarts_on_rewind(data_dir: Path) -> None:
    app = player_app(data_dir, timers=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "3", "3")  # board, go to the jolt (timed)
        screen = app.screen
        assert isinstance(screen, PlayScreen) and app.session.scene().id == "jolt"
        countdown = screen.query_one(Countdown)
        assert countdown.has_class("-active") and countdown.total == 10
        await press(pilot, "j")  # the journal stops the clock...
        assert screen._timer is None and screen._paused is not None and screen._paused > 5
        await press(pilot, "escape")  # ...and closing it starts it again where it was
        assert screen._timer is not None and screen._paused is None
        screen._deadline = time.monotonic() - 1  # time is up
        screen._tick()
        await pilot.pause()
        assert app.session.state.log[-1] == ("jolt", "hold_on") and app.session.scene().id == "landing"
        await press(pilot, "z")  # rewound: the countdown starts again from the full time
        assert app.session.scene().id == "jolt" and countdown.has_class("-active")
        assert countdown.remaining > 9


async def test_timers_off_by_flag_or_setting(data_dir: Path) -> None:
    app = player_app(data_dir, timers=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "3", "3")
        assert not app.screen.query_one(Countdown).has_class("-active")
    SettingsStore(data_dir / "settings.json").save(Settings(timers="off"))
    app = player_app(data_dir, timers=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "3", "3")
        assert app.timer_scale == 0 and not app.screen.query_one(Countdown).has_class("-active")


async def test_sidebar_shows_stats_as_bars_values_and_items(data_dir: Path) -> None:
    app = player_app(data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "n", "2", "2", "1")  # camera, board, shoot
        text = str(app.screen.query_one("#stats").content)
        assert "Script shot" in text and "20%" in text
        assert "Stamina" in text and "4/10" in text and "\u2588" in text
        assert "Lead\n2" in text and "Handheld camera" in text
        await pilot.resize_terminal(99, 40)
        await pilot.pause()
        assert not app.screen.query_one("#sidebar").display
        await pilot.resize_terminal(100, 40)
        await pilot.pause()
        assert app.screen.query_one("#sidebar").display

"""Kiosk mode through Textual's Pilot: no way out but the operator's keys, the idle reset, the booth log.

Idle, attract and countdown times come from a fake clock the test advances (FakeClock), so no outcome
depends on how busy the machine is; every wait is a bounded loop on a condition.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from textual.command import CommandPalette

from game.booth.log import BoothLog, default_log_path
from game.play.config import GameConfig
from game.storage.settings import Settings
from game.ui.app import FirstTakeApp, make_app
from game.ui.screens.attract import AttractScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.journal import JournalScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.saveload import SaveLoadScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.stillthere import StillThereScreen
from game.ui.screens.title import TitleScreen
from tests.conftest import run_cli
from tests.functional.uihelp import notes, player_story, press
from tests.helpers import screen_text

OPERATOR = "ctrl+x booth"
OPERATOR_KEYS = ("ctrl+x", "b", "o", "o", "t", "h")
HOUR = 3600.0


def kiosk_app(data_dir: Path, story=None, **options: object) -> FirstTakeApp:  # noqa: ANN001
    """A kiosk on the player test pack; idle and attract are off (an hour) unless the test sets them."""
    config: dict[str, object] = {"seed": 1, "timers": False, "kiosk": True, "operator_key": OPERATOR,
                                 "idle_timeout": HOUR, "idle_countdown": HOUR, "attract_after": HOUR,
                                 "attract_speed": 200.0, "allow_load": False}
    config.update(options)
    return make_app(story or player_story(), GameConfig(data_dir=data_dir, **config))  # type: ignore[arg-type]


def footer_keys(app: FirstTakeApp) -> list[str]:
    """What the footer offers on the current screen (greyed-out keys included)."""
    from textual.widgets._footer import FooterKey

    return [key.description for key in app.screen.query(FooterKey)]


class FakeClock:
    """The kiosk's "now", moved only by the test: 0.05 s of booth time for each round of wait_for."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def fake_clock(app: FirstTakeApp) -> FakeClock:
    """Give the kiosk a clock that stands still until a test advances it (idempotent)."""
    clock = app.kiosk.clock
    if not isinstance(clock.clock, FakeClock):
        clock.clock = FakeClock()
        clock.touch()
    return clock.clock


def idle(app: FirstTakeApp, seconds: float) -> None:
    """Set the idle timeout now that the test has made its moves; from here booth time is fake and
    passes only inside wait_for, so a slow machine never trips a timeout early or late."""
    fake_clock(app)
    app.kiosk.clock.timeout = seconds
    app.kiosk.clock.touch()


async def wait_for(pilot, condition, rounds: int = 2000) -> None:  # noqa: ANN001
    """Let the app run until `condition()` holds; each round advances the kiosk's clock by 0.05 s
    (when the test gave it a fake one) and lets the app's timers run (bounded)."""
    for _ in range(rounds):
        if condition():
            return
        clock = pilot.app.kiosk.clock.clock if pilot.app.kiosk is not None else None
        if isinstance(clock, FakeClock):
            clock.now += 0.05
        await pilot.pause(0.01)
    assert condition(), "the app never got there"


def log_lines(data_dir: Path) -> list[dict]:
    path = default_log_path(data_dir)
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


async def test_ctrl_q_q_the_menus_and_the_palette_do_not_quit(data_dir: Path) -> None:
    app = kiosk_app(data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        text = screen_text(app)
        assert "Quit" not in text and "Load game" not in text and "Continue" not in text
        await press(pilot, "ctrl+q", "q", "ctrl+c", "ctrl+p")
        assert app.is_running and isinstance(app.screen, TitleScreen)
        assert not CommandPalette.is_open(app)
        assert "quit" not in notes(app).lower()  # ctrl+c does not even hint at a way out
        await press(pilot, "n", "4")  # stand down: an ending
        assert isinstance(app.screen, EndingScreen)
        assert "Quit" not in screen_text(app) and "Rewind one choice" not in screen_text(app)
        await press(pilot, "q", "ctrl+q", "z", "ctrl+z")
        assert app.is_running and isinstance(app.screen, EndingScreen)
        assert app.playthrough is not None and app.playthrough.is_over  # no rewind off a logged ending
        await press(pilot, "p", "3", "ctrl+q", "escape")
        assert app.is_running and isinstance(app.screen, PlayScreen)
        assert app.playthrough.state.scene == "cabin"
        keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert not {"ctrl+q", "ctrl+p", "l", "f9"} & keys
        assert "Load" not in footer_keys(app)
        await press(pilot, "3", "1", "1")  # to the jolt, hold on, finish: an ending
        assert isinstance(app.screen, EndingScreen)
        footer = footer_keys(app)
        assert "Play again" in footer and "Quit" not in footer and "Rewind" not in footer
        await press(pilot, "t")
        assert "Quit" not in footer_keys(app) and "New game" in footer_keys(app)


async def test_the_operator_sequence_leaves_and_other_keys_do_not(data_dir: Path) -> None:
    app = kiosk_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "3")  # a game in progress, in the cabin
        await press(pilot, "ctrl+x", "b", "o", "o", "t")  # one key short
        await press(pilot, "b", "o", "o", "t", "h")  # the letters without ctrl+x
        assert app.is_running and app.playthrough.state.scene == "cabin"
        folder = app.kiosk.folder.path
        assert folder.is_dir()
        await press(pilot, *OPERATOR_KEYS)
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    assert not folder.exists()  # the player's scratch folder goes with the kiosk
    [line] = log_lines(data_dir)
    assert line["outcome"] == "operator" and line["scene"] == "cabin" and line["choices"] == ["board"]


async def test_keys_of_the_operator_sequence_still_reach_the_game(data_dir: Path) -> None:
    app = kiosk_app(data_dir, operator_key="1 2 3 4 ctrl+x")
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "1", "2")  # wait, take the camera: both reach the game
        assert app.playthrough.state.log == [("gate", "wait"), ("gate", "take_camera")]
        await press(pilot, "3", "4", "ctrl+x")  # "3" is now stand down... and then the sequence is complete
        await wait_for(pilot, lambda: not app.is_running)
    assert [line["outcome"] for line in log_lines(data_dir)] == ["ending"]  # the ending came before the exit


async def test_idle_timeout_asks_then_resets_to_the_title_and_wipes_the_player(data_dir: Path) -> None:
    app = kiosk_app(data_dir, idle_countdown=0.3)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "2", "2", "1")  # camera, board (now 2), shoot a scene
        await press(pilot, "s", "enter", "enter")  # a save in the player's scratch folder
        folder = app.kiosk.folder.path
        assert app.slots.info("1").exists and str(app.slots.folder).startswith(str(folder))
        assert app.playthrough.state.vars["footage"] == 20
        idle(app, 0.2)  # from now on nobody touches a key
        await wait_for(pilot, lambda: isinstance(app.screen, StillThereScreen)
                       and "Back to the title in" in screen_text(app))
        assert "Still there?" in screen_text(app)
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        assert app.playthrough is None
        assert not folder.exists() and app.kiosk.folder.path != folder  # a fresh folder for the next player
        assert not app.slots.info("1").exists and app.slots.newest() is None
        assert app.gallery.found_endings(app.story) == []
        await press(pilot, "n")
        assert app.playthrough.state.log == [] and "camera" not in app.playthrough.state.items
    walked, closed = log_lines(data_dir)  # the next game was still open when the test ended
    assert walked["outcome"] == "idle" and walked["scene"] == "cabin"
    assert walked["choices"] == ["take_camera", "board", "shoot"]
    assert closed["outcome"] == "closed" and closed["choices"] == [] and closed["scene"] == "gate"


async def test_any_key_answers_still_there_and_does_not_take_a_choice(data_dir: Path) -> None:
    app = kiosk_app(data_dir)  # the countdown is an hour: only a key ends it here
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "3")
        idle(app, 0.2)
        before = app.playthrough.state.copy()
        await wait_for(pilot, lambda: isinstance(app.screen, StillThereScreen))
        app.kiosk.clock.timeout = HOUR  # so that it does not ask again while the test looks
        await press(pilot, "1")
        assert isinstance(app.screen, PlayScreen)
        assert app.playthrough.state.same_as(before)  # the "1" answered the question only
        await press(pilot, "1")
        assert app.playthrough.state.vars["footage"] == 20
    assert log_lines(data_dir)[0]["outcome"] == "closed"  # the test ended the app mid-game


async def test_an_ending_then_walking_away_writes_one_line(data_dir: Path) -> None:
    app = kiosk_app(data_dir, idle_countdown=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "3", "3", "1", "1")  # board, to the jolt, hold on, finish: quiet ending
        assert isinstance(app.screen, EndingScreen)
        idle(app, 0.2)
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
    [line] = log_lines(data_dir)
    assert line["outcome"] == "ending" and line["scene"] == "end_quiet" and line["ending_kind"] == "bittersweet"
    assert line["choices"] == ["board", "to_jolt", "hold_on", "finish"] and line["demo"] is False


async def test_stats_counts_a_log_written_by_kiosk_sessions(data_dir: Path) -> None:
    app = kiosk_app(data_dir, idle_countdown=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "4")  # 1: an ending (scrubbed)
        await press(pilot, "p", "3", "1")  # 2: play again, walk away in the cabin
        idle(app, 0.2)
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        idle(app, HOUR)
        await press(pilot, "n", "3", "3")  # 3: walk away at the jolt
        idle(app, 0.2)
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        idle(app, HOUR)
        await press(pilot, "n", "1")  # 4: the operator leaves mid-game, at the gate
        await press(pilot, *OPERATOR_KEYS)
        await wait_for(pilot, lambda: not app.is_running)
    log = default_log_path(data_dir)
    assert [s.outcome for s in BoothLog(log).read().sessions] == ["ending", "idle", "idle", "operator"]
    out = run_cli("stats", str(log))
    assert out.returncode == 0, out.stderr
    assert "Sessions: 4 (1 reached an ending, 3 walked away)" in out.stdout
    assert "median 1.5 choices" in out.stdout  # 1, 2, 2 and 1 choices
    assert "    1  end_scrub" in out.stdout
    for scene in ("cabin", "jolt", "gate"):
        assert f"    1  {scene}" in out.stdout
    data = json.loads(run_cli("stats", str(log), "--format", "json").stdout)
    assert data["sessions"] == 4 and data["finished"] == 1 and data["endings"] == [{"scene": "end_scrub", "count": 1}]


async def test_closing_the_app_mid_game_is_logged_as_closed(data_dir: Path) -> None:
    app = kiosk_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "3", "1")
        folder = app.kiosk.folder.path
    assert not folder.exists()
    [line] = log_lines(data_dir)
    assert line["outcome"] == "closed" and line["scene"] == "cabin" and line["duration"] >= 0


async def test_no_load_menu_no_export_and_no_file_paths(data_dir: Path) -> None:
    app = kiosk_app(data_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        scratch = str(app.kiosk.folder.path)
        seen: list[str] = [screen_text(app)]
        await press(pilot, "o")
        assert isinstance(app.screen, SettingsScreen)
        seen.append(screen_text(app))
        await press(pilot, "escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert "ctrl+q" not in help_text and "ctrl+p" not in help_text and "load a save" not in help_text
        seen.append(help_text)
        await press(pilot, "escape", "n", "3", "s")
        assert isinstance(app.screen, SaveLoadScreen)
        seen.append(screen_text(app))
        await press(pilot, "escape", "l", "f9")
        assert isinstance(app.screen, PlayScreen)  # no load menu, no quickload
        await press(pilot, "j")
        assert isinstance(app.screen, JournalScreen)
        await press(pilot, "e")
        seen.append(screen_text(app))
        assert "export" not in screen_text(app).lower()
        await press(pilot, "escape")
        seen.append(notes(app))
    assert not (data_dir / "transcripts").exists()
    everything = "\n".join(seen)
    for path in (str(data_dir), scratch, "/tmp", str(Path.home())):
        assert path not in everything


async def test_settings_changed_by_a_player_do_not_outlive_them(data_dir: Path) -> None:
    app = kiosk_app(data_dir, idle_countdown=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        operator_theme = app.theme
        await press(pilot, "n")
        app.update_settings(replace(app.settings, reduced_motion=True))
        assert app.settings.reduced_motion
        idle(app, 0.2)
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        assert not app.settings.reduced_motion and app.theme == operator_theme
    assert not (data_dir / "settings.json").exists()  # the operator's settings file is never written


async def test_attract_loop_starts_on_an_idle_title_and_any_key_stops_it(data_dir: Path) -> None:
    app = kiosk_app(data_dir, attract_after=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        # The screen is pushed a frame before it is drawn: wait for both (a busy machine shows the gap).
        await wait_for(pilot, lambda: isinstance(app.screen, AttractScreen)
                       and "PRESS ANY KEY TO PLAY" in screen_text(app))
        attract = app.screen
        await wait_for(pilot, lambda: len(attract.shown) >= 4)
        kinds = [card.kind for card in attract.shown[:4]]
        assert kinds == ["fact", "scene", "fact", "scene"]  # fact cards in turn with the recorded route
        story = app.story
        facts = [f.text for f in story.facts.values()]
        assert attract.shown[0].body == facts[0] and attract.shown[2].body == facts[1]
        assert attract.shown[1].title == story.scenes[story.start].title
        assert attract.shown[1].note.startswith("You chose: ")
        app.kiosk.clock.attract_after = HOUR  # so that it does not start again while the test looks
        await press(pilot, "n")
        assert isinstance(app.screen, TitleScreen)
        assert app.playthrough is None  # the key only stopped the loop
        await press(pilot, "n")
        assert isinstance(app.screen, PlayScreen)


async def test_a_click_stops_the_attract_loop_too_and_reduced_motion_still_changes_cards(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.json").write_text(json.dumps(Settings(reduced_motion=True).to_dict()))
    app = kiosk_app(data_dir, attract_after=0.2)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.settings.reduced_motion
        await wait_for(pilot, lambda: isinstance(app.screen, AttractScreen))
        attract = app.screen
        await wait_for(pilot, lambda: len(attract.shown) >= 3)
        app.kiosk.clock.attract_after = HOUR
        await pilot.click(offset=(10, 10))
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_attract_loop_is_kiosk_only(data_dir: Path) -> None:
    app = make_app(player_story(), GameConfig(data_dir=data_dir, seed=1, timers=False, attract_after=0.05))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(10):
            await pilot.pause(0.02)
        assert isinstance(app.screen, TitleScreen)

"""One scripted game through every front end: the Textual app (keys, through Pilot), plain mode (typed
commands) and replay, on one game host. Each must end with the same state, journal, save file and
booth-log line: a rule that one front end broke would show here.

The script: a new game, choices (one of them a dice roll), a locked choice tried, a rewind, a save,
a timed scene left to run out (time comes from an injected clock: nothing waits), a load of the
save, then on to an ending.
"""

from __future__ import annotations

import json
import queue
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.booth.log import PlayerSession
from game.engine.model import Story
from game.engine.state import GameState
from game.plain.game import PlainGame
from game.plain.replay import ReplayPrinter
from game.play.config import GameConfig
from game.play.plans import plan_from_state, replay_config
from game.ui.app import make_app
from game.ui.screens.ending import EndingScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.saveload import SaveLoadScreen, SaveNameScreen
from tests.functional.uihelp import pick_slot, player_story, press

SEED = 7
BEFORE_SAVE = ["wait", "take_camera", "board", "shoot", "copy"]  # then rewind, copy again, save
AFTER_LOAD = ["to_jolt"]  # then the timer runs out (hold_on), then "finish"
TIMER = 10.0


class FakeClock:
    """The host's clock: moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Outcome:
    state: GameState
    journal: list[tuple[str, str | None, str | None]]
    save: dict[str, Any]
    booth_line: dict[str, Any]


def outcome(story: Story, state: GameState, journal: list, save_path: Path | None) -> Outcome:  # noqa: ANN001
    save: dict[str, Any] = {}
    if save_path is not None:
        save = json.loads(save_path.read_text(encoding="utf-8"))
        save.pop("saved_at", None)  # the wall clock of the moment of saving
    line = PlayerSession.from_state(story, state, started=0.0, ended=60.0, outcome="ending")
    entries = [(e.title, e.choice, e.ending) for e in journal]
    return Outcome(state.copy(), entries, save, json.loads(line.to_json()))


def config(data_dir: Path) -> GameConfig:
    return GameConfig(data_dir=data_dir, seed=SEED, timers=True)


async def through_the_tui(story: Story, data_dir: Path) -> Outcome:
    clock = FakeClock()
    app = make_app(story, config(data_dir), clock=clock)

    async def pick(pilot, choice_id: str) -> None:  # noqa: ANN001
        view = next(v for v in app.host.session.choices() if v.id == choice_id)
        await press(pilot, str(view.number))

    async def time_runs_out(pilot) -> None:  # noqa: ANN001
        """Move the host's clock past the deadline and run the countdown's tick, as its interval
        would: nothing waits on real time."""
        assert isinstance(app.screen, PlayScreen) and app.host.session.state.scene == "jolt"
        clock.now += TIMER + 1
        app.screen._tick()
        await pilot.pause()

    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "n")
        for choice_id in BEFORE_SAVE:
            await pick(pilot, choice_id)
        await pick(pilot, "copy")  # locked now: refused, nothing changes
        await press(pilot, "z")
        await pick(pilot, "copy")
        await press(pilot, "s")
        assert isinstance(app.screen, SaveLoadScreen)
        await pick_slot(pilot, "1")
        assert isinstance(app.screen, SaveNameScreen)
        await press(pilot, "enter")
        for choice_id in AFTER_LOAD:
            await pick(pilot, choice_id)
        await time_runs_out(pilot)
        assert app.host.session.state.scene == "landing"
        await press(pilot, "l")
        await pick_slot(pilot, "1")
        assert isinstance(app.screen, PlayScreen) and app.host.session.state.scene == "cabin"
        for choice_id in AFTER_LOAD:
            await pick(pilot, choice_id)
        await time_runs_out(pilot)
        await pick(pilot, "finish")
        assert isinstance(app.screen, EndingScreen)
        p = app.host.playthrough
        return outcome(story, p.state, p.journal(), app.host.slots.path("1"))


def through_plain(story: Story, data_dir: Path) -> Outcome:
    clock = FakeClock()
    lines: list[str] = []
    game = PlainGame(story, config(data_dir), _Lines(lines), _Sink(), clock=clock)

    def number(choice_id: str) -> str:
        return str(next(v for v in game.game.session.choices() if v.id == choice_id).number)

    def time_runs_out() -> None:
        def nothing(timeout: float | None = None) -> str | None:
            assert timeout == TIMER
            clock.now += TIMER + 1
            raise queue.Empty

        game.reader.get = nothing  # type: ignore[method-assign]
        assert game.read_line() == ""

    for choice_id in BEFORE_SAVE:
        game.command(number(choice_id))
    game.command(number("copy"))  # locked now
    game.command("undo")
    game.command(number("copy"))
    game.command("save 1")
    for choice_id in AFTER_LOAD:
        game.command(number(choice_id))
    time_runs_out()
    game.command("load 1")
    for choice_id in AFTER_LOAD:
        game.command(number(choice_id))
    time_runs_out()
    game.command(number("finish"))
    assert game.game.is_over
    return outcome(story, game.game.state, game.game.journal(), game.host.slots.path("1"))


def through_replay(story: Story, data_dir: Path, state: GameState) -> Outcome:
    """The plan of the finished game, played back by the replay front end (save and load are not part
    of a replay: its save is the one its host writes at the end of the plan)."""
    plan = plan_from_state(state)
    cfg, scratch = replay_config(config(data_dir), plan)
    game = ReplayPrinter(story, cfg, _Lines([]), _Sink(), clock=FakeClock())
    for choice_id in plan.choices:
        assert game.host.choose(choice_id)
    return outcome(story, game.game.state, game.game.journal(), None)


class _Lines:
    """An empty standard input (the tests type through `command`)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def __iter__(self):  # noqa: ANN204
        return iter(self.lines)


class _Sink:
    def __init__(self) -> None:
        self.text: list[str] = []

    def write(self, text: str) -> int:
        self.text.append(text)
        return len(text)

    def flush(self) -> None:
        pass


async def test_the_tui_plain_mode_and_replay_end_the_same_game_identically(tmp_path: Path) -> None:
    story = player_story()
    tui = await through_the_tui(story, tmp_path / "tui")
    plain = through_plain(story, tmp_path / "plain")
    replay = through_replay(story, tmp_path / "replay", tui.state)

    assert tui.state.scene == "end_premiere" or tui.state.scene == "end_quiet"
    assert ("cabin", "copy") in tui.state.log and ("jolt", "hold_on") in tui.state.log
    # counted from the host's clock: the first countdown's 11 s went with the load of an earlier save
    assert tui.state.play_time == plain.state.play_time == TIMER + 1
    for other in (plain, replay):
        assert other.state.same_as(tui.state)
        assert (other.state.rng, other.state.seed, other.state.log) == (tui.state.rng, tui.state.seed, tui.state.log)
        assert other.journal == tui.journal
    assert plain.save == tui.save and tui.save["state"]["scene"] == "cabin"
    assert plain.booth_line == tui.booth_line
    replay_line = dict(replay.booth_line)
    tui_line = dict(tui.booth_line)
    for line in (replay_line, tui_line):
        line.pop("play_time", None)  # a replay is not played: its play time is 0
    assert replay_line == tui_line

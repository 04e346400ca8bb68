"""Replays: record a route while playing; play a route file or a run code back, in the UI or as text.

A replay is a seed and a list of stable choice ids (the modder toolkit's route format on disk, a run
code on one line). It is checked against the story through the engine before anything is shown, so
a route that no longer fits says at which step and why, instead of stopping halfway in the UI.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from game.play.config import GameConfig
from game.engine import runcode
from game.engine.model import Story, Value
from game.engine.session import Session
from game.engine.state import GameState

WORDS_PER_MINUTE = 220
MIN_PAUSE, MAX_PAUSE = 2.0, 40.0  # seconds on a scene at --speed 1


class ReplayError(Exception):
    """A route or run code that cannot be played on this story; the message says where and why."""


@dataclass(frozen=True)
class Plan:
    """What to replay: a seed, the choice ids in order, and where it came from."""

    seed: int
    choices: tuple[str, ...]
    start: str | None = None  # None: the pack's start scene
    source: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    set_vars: dict[str, Value] = field(default_factory=dict)  # a route file's `set:`


def plan_from_code(story: Story, code: str) -> Plan:
    """A plan from a run code; RunCodeError (a ValueError) says what is wrong with the code."""
    run = runcode.resolve(story, runcode.decode(code))
    return Plan(run.code.seed, run.choices, run.code.start or None, "run code", run.warnings)


def plan_from_state(state: GameState, start: str | None = None) -> Plan:
    return Plan(state.seed, tuple(c for _, c in state.log), start, "this game")


def start(story: Story, plan: Plan) -> Session:
    """A session where the plan begins, as `play` starts one (seed, `--from`, `--set`)."""
    from game.play.playthrough import Playthrough

    if plan.start is not None and plan.start not in story.scenes:
        raise ReplayError(f"the route starts at scene '{plan.start}', which {story.title} does not have")
    unknown = [name for name in plan.set_vars if name not in story.variables]
    if unknown:
        raise ReplayError(f"the route sets '{unknown[0]}', which {story.title} does not declare")
    return Playthrough.new(story, plan.seed, plan.set_vars, plan.start).session


def check(story: Story, plan: Plan) -> Session:
    """Play the plan through the engine; raises ReplayError at the first step that does not fit."""
    session = start(story, plan)
    for number, choice_id in enumerate(plan.choices, 1):
        if session.is_over:
            raise ReplayError(f"step {number} ('{choice_id}') comes after the story ended at"
                              f" '{session.state.scene}'")
        view = next((v for v in session.choices() if v.id == choice_id), None)
        if view is None:
            raise ReplayError(f"step {number}: scene '{session.state.scene}' has no choice '{choice_id}' now")
        if not view.available:
            raise ReplayError(f"step {number}: choice '{choice_id}' in scene '{session.state.scene}' is locked"
                              f" on this route ({view.reason or 'its condition does not hold'})")
        session.choose(choice_id)
    return session


def run_code_for(story: Story, state: GameState, start: str | None = None) -> str:
    """The run code that reproduces this game exactly, or "" when none can (a game loaded from a save
    without its full history, or started with --set): the code is replayed once to make sure."""
    try:
        code = runcode.encode_state(story, state, start or "")
        if check(story, plan_from_code(story, code)).state.story_key() != state.story_key():
            return ""
        return code
    except (runcode.RunCodeError, ReplayError):
        return ""


def pause_for(text: list[str], speed: float) -> float:
    """Seconds to stay on a scene: the time to read it at WORDS_PER_MINUTE, divided by the speed."""
    words = sum(len(p.split()) for p in text)
    return min(MAX_PAUSE, max(MIN_PAUSE, words * 60.0 / WORDS_PER_MINUTE)) / max(speed, 1e-6)


# -- recording ---------------------------------------------------------------------------------
class Recorder:
    """Keeps a route file up to date while someone plays (`first-take play --record FILE`).

    The app calls :meth:`update` after every change of scene; the whole file is rewritten atomically
    each time, so it always holds the route so far (a rewind shortens it) and survives a crash.
    """

    def __init__(self, path: Path | str, story: Story) -> None:
        self.path = Path(path)
        self.story = story
        self.error: str | None = None

    @classmethod
    def for_config(cls, config: GameConfig, story: Story) -> Recorder | None:
        path = getattr(config, "record_path", None)
        return cls(path, story) if path else None

    def update(self, state: GameState, start: str | None = None) -> bool:
        """Write the route so far. False only when writing starts failing (``error`` says why), so the
        caller tells the player once, not after every choice."""
        from game.engine.saves import atomic_write

        try:
            atomic_write(self.path, route_text(self.story, state, start).encode("utf-8"))
        except OSError as err:
            first = self.error is None
            self.error = f"cannot write the route file {self.path}: {err.strerror or err}"
            return not first
        self.error = None
        return True


# -- route files (the modder toolkit's format) -------------------------------------------------
def route_text(story: Story, state: GameState, start: str | None = None) -> str:
    """The route file for a game so far, in the toolkit's route-test format."""
    from game.content import routes

    return routes.route_for_state(story, state, start)


def plan_from_file(story: Story, path: Path | str) -> Plan:
    """A plan from a route file (choice ids, `goto` and `timeout` steps all resolve to choice ids);
    ReplayError says what is wrong, at the file's line. A route whose `expect:` no longer holds still
    replays, with a warning."""
    from game.content import render
    from game.content.routes import load_route

    route, diags = load_route(Path(path))
    if route is None:
        raise ReplayError("the route file cannot be used:\n" + render(diags, "text"))
    plan = Plan(route.seed, (), route.start, str(path), (), dict(route.set))
    try:
        session = start(story, plan)
    except ReplayError as err:
        raise ReplayError(f"{route.path}: {err}") from None
    choices: list[str] = []
    for number, step in enumerate(route.steps, 1):
        where = f"{step.loc}: step {number}"
        if session.is_over:
            raise ReplayError(f"{where} ({step}) comes after the story ended at '{session.state.scene}'")
        available = session.available()
        if step.timeout:
            if session.scene().timer is None or not available:
                raise ReplayError(f"{where}: scene '{session.state.scene}' has no timer to run out")
            session.timeout()
            choices.append(session.state.log[-1][1])
            continue
        if step.goto:
            leads = []
            for view in available:
                probe = Session(story, session.state.copy())
                probe.choose(view.id)
                if probe.state.scene == step.goto:
                    leads.append(view.id)
            if len(leads) != 1:
                raise ReplayError(f"{where}: in scene '{session.state.scene}' {len(leads) or 'no'} open"
                                  f" choice(s) lead to '{step.goto}'")
            choice_id = leads[0]
        else:
            choice_id = step.choice or ""
        view = next((v for v in session.choices() if v.id == choice_id), None)
        if view is None or not view.available:
            why = "has no choice" if view is None else "has locked the choice"
            raise ReplayError(f"{where}: scene '{session.state.scene}' {why} '{choice_id}' on this route")
        session.choose(choice_id)
        choices.append(choice_id)
    warnings: list[str] = []
    expect = route.expect
    if expect.ending and session.state.scene != expect.ending:
        warnings.append(f"the route was recorded ending at '{expect.ending}'; it now stops at '{session.state.scene}'")
    elif expect.scene and session.state.scene != expect.scene:
        warnings.append(f"the route was recorded stopping at '{expect.scene}'; it now stops at '{session.state.scene}'")
    return replace(plan, choices=tuple(choices), warnings=tuple(warnings))


# -- playing back ------------------------------------------------------------------------------
def replay_config(config: GameConfig, plan: Plan) -> tuple[GameConfig, Path]:
    """A config for watching a replay: its seed, no timers, no saves, and a scratch data folder (so a
    replay never overwrites the player's autosave or fills their endings gallery); the player's
    settings are copied in so the theme and motion settings still apply."""
    scratch = Path(tempfile.mkdtemp(prefix="first-take-replay-"))
    settings = Path(config.data_dir) / "settings.json"
    if settings.is_file():
        try:
            shutil.copyfile(settings, scratch / "settings.json")
        except OSError:
            pass
    return replace(config, data_dir=scratch, saves_dir=scratch / "saves", seed=plan.seed, timers=False,
                   from_scene=plan.start, set_vars=dict(plan.set_vars), allow_save=False, allow_load=False,
                   record_path=None), scratch


def play_plain(story: Story, plan: Plan, config: GameConfig, out: TextIO) -> int:
    """Print the replay as plain mode shows a game: append-only text, the choice typed before each scene."""
    from game.plain.game import PlainGame

    class ReplayPrinter(PlainGame):
        def show_ending(self) -> None:  # the ending as the player saw it, without the gallery and menu
            scene = self.game.scene()
            assert scene.ending is not None
            self.say()
            self.say(f"*** ENDING: {scene.ending.title}")
            if scene.ending.epilogue:
                self.say(scene.ending.epilogue)

    cfg, scratch = replay_config(config, plan)
    try:
        game = ReplayPrinter(story, cfg, io.StringIO(""), out)
        game.say(f"Replaying {plan.source or 'a route'}: {len(plan.choices)} choices, seed {plan.seed}"
                 f" ({story.title} {story.version}).")
        for warning in plan.warnings:
            game.say(f"Note: {warning}")
        game.show_scene()
        for choice_id in plan.choices:
            view = next(v for v in game.game.session.available() if v.id == choice_id)
            game.say(f"> {view.number}")
            game.game.choose(choice_id)
            game.say(f"You chose: {view.text}")
            game.show_scene()
        state = game.game.state
        scene = story.scenes[state.scene]
        end = f"the ending '{scene.ending.title}'" if scene.ending else f"scene '{scene.title}' (the route ends here)"
        game.say()
        game.say(f"Replay finished at {end} after {len(plan.choices)} choices.")
        code = run_code_for(story, state, plan.start)
        if code:
            game.say(f"Run code: {code}")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class UiReplayer:
    """Drives the Textual app through a plan on the app's own timers, a reading pause per scene.

    It only uses the app's public flow (``new_game``, ``choose``, ``playthrough``); if the viewer takes
    a choice themselves the replay stops and says so.
    """

    def __init__(self, app, plan: Plan, speed: float) -> None:  # noqa: ANN001 - a FirstTakeApp
        self.app = app
        self.plan = plan
        self.speed = speed
        self.step = 0
        self.done = False

    def begin(self) -> None:
        self.app.new_game()
        for warning in self.plan.warnings:
            self.app.notify(warning, severity="warning", timeout=10)
        self._next()

    def _next(self) -> None:
        p = self.app.playthrough
        if p is None:
            return self._stop("Replay stopped.")
        if self.step >= len(self.plan.choices):
            return self._stop("Replay finished." + ("" if p.is_over else " The route ends here: play on if you like."))
        self.app.set_timer(pause_for(p.session.text(), self.speed), self.take_next)

    def take_next(self) -> None:
        """Take the next step (the timer calls this); stop if the viewer has taken over."""
        p = self.app.playthrough
        if p is None or p.state.turn != self.step:
            return self._stop("You took over: the replay stopped.")
        choice_id = self.plan.choices[self.step]
        if choice_id not in {v.id for v in p.session.available()}:
            return self._stop(f"Replay stopped: '{choice_id}' is not open here.")
        self.step += 1
        self.app.choose(choice_id)
        self._next()

    def _stop(self, message: str) -> None:
        self.done = True
        self.app.notify(message, timeout=8)


def play_ui(story: Story, plan: Plan, config: GameConfig, speed: float) -> int:
    """Play the replay in the Textual UI; the viewer can quit (ctrl+q) or take over at any time."""
    from game.ui.app import make_app

    cfg, scratch = replay_config(config, plan)
    try:
        app = make_app(story, cfg)

        async def start(pilot) -> None:  # noqa: ANN001 - returns at once; the app's timers do the rest
            await pilot.pause()
            UiReplayer(app, plan, speed).begin()

        app.run(auto_pilot=start)
        return app.return_code or 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

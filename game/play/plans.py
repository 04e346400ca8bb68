"""Plans of play: a seed, a start and a list of stable choice ids, from a run code, a route file or a
game; and `walk`, the one walker that plays a plan through the engine and names the step that no
longer fits, used by replays (UI and plain), run codes, the demo cut and the attract reel.

A plan is checked through the engine before anything is shown, so a route that no longer fits says
at which step and why, instead of stopping halfway in the UI.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from game.engine import runcode
from game.engine.model import Story, Value
from game.engine.session import Session
from game.engine.state import GameState
from game.play.config import GameConfig
from game.play.playthrough import Playthrough

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
    if plan.start is not None and plan.start not in story.scenes:
        raise ReplayError(f"the route starts at scene '{plan.start}', which {story.title} does not have")
    unknown = [name for name in plan.set_vars if name not in story.variables]
    if unknown:
        raise ReplayError(f"the route sets '{unknown[0]}', which {story.title} does not declare")
    return Playthrough.new(story, plan.seed, plan.set_vars, plan.start).session


def walk(story: Story, plan: Plan, stop_at: str | None = None) -> Session:
    """Play the plan through the engine; raises ReplayError at the first step that does not fit.

    With `stop_at`, the walk ends as soon as that scene is reached (the demo cut), and the session's
    log says how many steps were taken."""
    session = start(story, plan)
    for number, choice_id in enumerate(plan.choices, 1):
        if stop_at is not None and session.state.scene == stop_at:
            break
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


check = walk  # the name replay's callers and tests know


def run_code_for(story: Story, state: GameState, start: str | None = None) -> str:
    """The run code that reproduces this game exactly, or "" when none can (a game loaded from a save
    without its full history, or started with --set): the code is replayed once to make sure."""
    try:
        code = runcode.encode_state(story, state, start or "")
        if walk(story, plan_from_code(story, code)).state.story_key() != state.story_key():
            return ""
        return code
    except (runcode.RunCodeError, ReplayError):
        return ""


def pause_for(text: list[str], speed: float) -> float:
    """Seconds to stay on a scene: the time to read it at WORDS_PER_MINUTE, divided by the speed."""
    words = sum(len(p.split()) for p in text)
    return min(MAX_PAUSE, max(MIN_PAUSE, words * 60.0 / WORDS_PER_MINUTE)) / max(speed, 1e-6)


# -- route files (the modder toolkit's format) -------------------------------------------------
def plan_from_file(story: Story, path: Path | str) -> Plan:
    """A plan from a route file (choice ids, `goto` and `timeout` steps all resolve to choice ids);
    ReplayError says what is wrong, at the file's line. A route whose `expect:` no longer holds still
    replays, with a warning."""
    # Late on purpose, for startup: route files are YAML and only replays from a file read them;
    # the ending screen's run code (this module) must not pull the loader into every game.
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
            for option in available:
                probe = Session(story, session.state.copy())
                probe.choose(option.id)
                if probe.state.scene == step.goto:
                    leads.append(option.id)
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

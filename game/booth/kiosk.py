"""Kiosk mode without the UI: the operator's key sequence, the idle clock, the per-player scratch folder,
the booth-log lines and the attract loop's reel.

Kept free of textual so that the CLI can check an operator key before anything starts, and so that each
rule (when does a stranger count as gone? which keys leave?) is testable without a terminal.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.booth.log import BoothLog, PlayerSession, default_log_path
from game.engine.model import Story
from game.engine.runcode import start_session
from game.engine.session import Session
from game.engine.state import GameState
from game.play.plans import Plan, ReplayError, plan_from_file, walk

ENV_OPERATOR_KEY = "FIRST_TAKE_OPERATOR_KEY"
DEFAULT_IDLE_TIMEOUT = 90.0  # seconds without a key or a click before "Still there?"
DEFAULT_COUNTDOWN = 15.0  # seconds "Still there?" waits before the game goes back to the title
DEFAULT_ATTRACT_AFTER = 10.0  # seconds of an untouched title screen before the attract loop starts
MIN_OPERATOR_KEYS = 4
ATTRACT_SEED = 2021
MAX_ATTRACT_STEPS = 60

# Words that name one key rather than spell several (Textual's key names).
NAMED_KEYS = frozenset({
    "escape", "enter", "tab", "space", "backspace", "delete", "insert", "home", "end", "pageup", "pagedown",
    "up", "down", "left", "right", *(f"f{n}" for n in range(1, 25)),
})
_KEY_NAME = re.compile(r"^(?:(?:ctrl|alt|shift|meta|super)\+)+[a-z0-9_]+$|^f(?:[1-9]|1[0-9]|2[0-4])$")

DEMO_END_TITLE = "This was the demo of {title}"
DEMO_END_LINES = (
    "Get the full game: pip install first-take",
    "or from its repository: pip install . and then first-take",
)


def demo_start(story: Story) -> str | None:
    """The `from_scene` a demo game starts at (None when the demo cut starts where the story does)."""
    if story.demo is None or story.demo[0] == story.start:
        return None
    return story.demo[0]


class KeySpecError(ValueError):
    """An operator key sequence that cannot be used; the message says why, in one line."""


# -- the operator's way out --------------------------------------------------------------------
@dataclass(frozen=True)
class KeyStep:
    """One key of the operator sequence: a key name (``ctrl+x``, ``f12``) or a typed character."""

    key: str | None = None
    char: str | None = None

    def matches(self, key: str, character: str | None) -> bool:
        if self.key is not None:
            return key == self.key
        return character is not None and character == self.char

    def __str__(self) -> str:
        return self.key or self.char or ""


def parse_operator_key(text: str | None) -> tuple[KeyStep, ...]:
    """Read a sequence such as ``"ctrl+x booth"``: tokens split on spaces; a token with a modifier
    (``ctrl+x``) or a key name (``escape``, ``f12``) is one key, any other word is typed letter by
    letter. At least MIN_OPERATOR_KEYS keys, so that a player does not type it by chance."""
    if text is None or not text.strip():
        raise KeySpecError(f"kiosk mode needs an operator key sequence to leave it: pass --operator-key or set"
                           f" {ENV_OPERATOR_KEY} (see EVENTS.md)")
    steps: list[KeyStep] = []
    for token in text.split():
        lowered = token.lower()
        if "+" in token and len(token) > 1:
            if not _KEY_NAME.match(lowered):
                raise KeySpecError(f"operator key: '{token}' is not a key name (write keys like ctrl+x, alt+k, f12)")
            steps.append(KeyStep(key=lowered))
        elif lowered in NAMED_KEYS:
            steps.append(KeyStep(key=lowered))
        else:
            steps.extend(KeyStep(char=c) for c in token)
    if len(steps) < MIN_OPERATOR_KEYS:
        raise KeySpecError(f"operator key: use at least {MIN_OPERATOR_KEYS} keys (this has {len(steps)}),"
                           f" e.g. \"ctrl+x booth\"")
    return tuple(steps)


class SequenceMatcher:
    """Watches every key; says True on the key that completes the sequence. Keys are never swallowed:
    the caller lets each one go on to the game as usual."""

    def __init__(self, steps: tuple[KeyStep, ...]) -> None:
        self.steps = steps
        self._recent: deque[tuple[str, str | None]] = deque(maxlen=len(steps))

    def feed(self, key: str, character: str | None) -> bool:
        self._recent.append((key, character))
        if len(self._recent) < len(self.steps):
            return False
        if all(step.matches(k, c) for step, (k, c) in zip(self.steps, self._recent)):
            self._recent.clear()
            return True
        return False


# -- idle --------------------------------------------------------------------------------------
@dataclass
class IdleClock:
    """Seconds since the last key or click, and what is due: the attract loop on an untouched title,
    "Still there?" anywhere else. Times are ``time.monotonic()`` values, passed in for testing."""

    timeout: float = DEFAULT_IDLE_TIMEOUT
    attract_after: float = DEFAULT_ATTRACT_AFTER
    last: float = field(default_factory=time.monotonic)
    # Where "now" comes from: the kiosk's screens read it too, so a test that swaps in a clock of its
    # own decides every idle, attract and countdown outcome without waiting on real time.
    clock: Callable[[], float] = time.monotonic

    def touch(self, now: float | None = None) -> None:
        self.last = self.clock() if now is None else now

    def idle(self, now: float | None = None) -> float:
        return (self.clock() if now is None else now) - self.last

    def due(self, on_title: bool, now: float | None = None) -> str | None:
        """"attract", "still_there" or None."""
        idle = self.idle(now)
        if on_title:
            return "attract" if idle >= self.attract_after else None
        return "still_there" if idle >= self.timeout else None

    @property
    def tick(self) -> float:
        """How often to look: often enough for the shortest of the two waits (tests use tiny ones)."""
        return max(0.01, min(0.5, self.timeout / 10, self.attract_after / 10))


# -- the player's scratch folder -----------------------------------------------------------------
class PlayerFolder:
    """A fresh temporary folder per player for saves and the endings gallery; removed on reset and exit.

    The folder's name carries the process id, so a kiosk that was killed outright (SIGKILL, a power cut)
    leaves a folder that the next kiosk to start on this machine recognises as stale and removes."""

    PREFIX = "first-take-kiosk-"

    def __init__(self) -> None:
        sweep_stale_folders()
        self.path: Path = self._make()

    @classmethod
    def _make(cls) -> Path:
        return Path(tempfile.mkdtemp(prefix=f"{cls.PREFIX}{os.getpid()}-"))

    def renew(self) -> Path:
        self.remove()
        self.path = self._make()
        return self.path

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def sweep_stale_folders(where: Path | None = None) -> list[Path]:
    """Remove scratch folders of kiosk processes that no longer run (ours only: same user, our prefix)."""
    removed: list[Path] = []
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows: never sweep there
        return removed
    folder = Path(where or tempfile.gettempdir())
    pattern = re.compile(re.escape(PlayerFolder.PREFIX) + r"(\d+)-[^/]+$")
    try:
        candidates = list(folder.glob(PlayerFolder.PREFIX + "*"))
    except OSError:
        return removed
    for path in candidates:
        match = pattern.match(path.name)
        if not match or not path.is_dir() or path.is_symlink():
            continue
        try:
            if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        if _running(int(match.group(1))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True  # someone else's process, or we cannot tell: leave it alone
    return True


# -- the booth log -------------------------------------------------------------------------------
class BoothSessions:
    """One booth-log line per game: written once, when it ends (ending, idle, operator or closed)."""

    def __init__(self, story: Story, path: Path, demo: bool = False) -> None:
        self.story = story
        self.log = BoothLog(path)
        self.demo = demo
        self.started: float | None = None  # time.time() of the game in progress; None: nothing open
        self.error: str | None = None

    @classmethod
    def in_data_dir(cls, story: Story, data_dir: Path, demo: bool = False) -> BoothSessions:
        return cls(story, default_log_path(data_dir), demo)

    @property
    def open(self) -> bool:
        return self.started is not None

    def begin(self, now: float | None = None) -> None:
        self.started = time.time() if now is None else now

    def finish(self, state: GameState, outcome: str, now: float | None = None) -> PlayerSession | None:
        """Write the line for the game in progress (at most once); None when no game was open or the
        log could not be written (``error`` then says why, without the path)."""
        if self.started is None:
            return None
        line = PlayerSession.from_state(self.story, state, started=self.started, ended=now, outcome=outcome,
                                        demo=self.demo)
        self.started = None
        try:
            self.log.record(line)
        except OSError as err:
            self.error = f"could not write the booth log ({err.strerror or type(err).__name__})"
            return None
        self.error = None
        return line


# -- the attract loop ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Card:
    """One card of the attract loop: a fact, or a scene of the recorded route with the choice taken."""

    kind: str  # "fact" | "scene"
    title: str
    body: str
    note: str = ""  # the fact's source, or "You chose: ..."
    where: str = ""  # a scene's part, clock and place
    scene: str = ""  # a scene card's scene id

    def words(self) -> list[str]:
        return [self.body, self.note]


Route = tuple[str | None, int, list[str]]  # start scene (None: the pack's), seed, choice ids


def attract_route(story: Story) -> Route:
    """The route the attract loop plays back. In order: a route file the pack ships as
    ``tests/attract.route.yaml``; when the pack has a demo cut, the first route file that plays through
    it, cut where the demo ends (so the loop never gives the rest of the story away); without a demo
    cut, the first route file that still replays; otherwise a walk through the demo cut (or the story)
    recorded once with a fixed seed, preferring scenes it has not seen."""
    shipped = _shipped_routes(story)
    for name, route in shipped:
        if name.startswith("attract."):
            return route
    if story.demo is None and shipped:
        return shipped[0][1]
    for _, route in shipped:
        cut = _cut_at_demo_end(story, route)
        if cut is not None:
            return cut
    return _walk(story)


def _walk(story: Story) -> Route:
    start = story.demo[0] if story.demo else None
    end = story.demo[1] if story.demo else None
    if start == story.start:
        start = None
    rng = random.Random(ATTRACT_SEED)
    session = _session_at(story, ATTRACT_SEED, start)
    seen = {session.state.scene}
    choices: list[str] = []
    while not session.is_over and session.state.scene != end and len(choices) < MAX_ATTRACT_STEPS:
        views = session.available()
        if not views:
            break
        fresh = []
        for view in views:
            probe = Session(story, session.state.copy())
            probe.choose(view.id)
            if probe.state.scene not in seen and not probe.is_over:
                fresh.append(view)
        view = rng.choice(fresh or views)
        session.choose(view.id)
        choices.append(view.id)
        seen.add(session.state.scene)
    return start, ATTRACT_SEED, choices


def _cut_at_demo_end(story: Story, route: Route) -> Route | None:
    """The part of a route inside the demo cut, or None when the route does not go through it."""
    assert story.demo is not None
    start, seed, choices = route
    if (start or story.start) != story.demo[0]:
        return None
    try:
        session = walk(story, Plan(seed, tuple(choices), start), stop_at=story.demo[1])
    except ReplayError:
        return None
    if session.state.scene != story.demo[1]:
        return None
    return start, seed, choices[:len(session.state.log)]


def _session_at(story: Story, seed: int, start: str | None) -> Session:
    return start_session(story, seed, start)


def _shipped_routes(story: Story) -> list[tuple[str, Route]]:
    """(file name, route) of every route file in the pack's tests/ folder that replays as it is."""
    if not story.root:
        return []
    # Late on purpose, for startup: route files are YAML, and `play --kiosk` checks its operator key
    # (this module) before the story loads; only the attract loop, much later, reads routes.
    from game.content.routes import find_routes

    routes: list[tuple[str, Route]] = []
    for path in find_routes(story.root):
        try:
            plan = plan_from_file(story, path)
        except (ReplayError, OSError):
            continue
        if plan.choices and not plan.set_vars and not plan.warnings:
            routes.append((path.name, (plan.start, plan.seed, list(plan.choices))))
    return routes


def scene_cards(story: Story, start: str | None, seed: int, choices: list[str]) -> list[Card]:
    """The route as cards: each scene's text, and the choice the recorded player took there."""
    session = _session_at(story, seed, start)
    cards: list[Card] = []
    for choice_id in [*choices, None]:
        scene = session.scene()
        where = " | ".join(p for p in (scene.part, scene.clock, scene.place) if p)
        view = next((v for v in session.choices() if v.id == choice_id), None) if choice_id else None
        note = f"You chose: {view.text}" if view is not None else (
            f"Ending: {scene.ending.title}" if scene.ending else "")
        cards.append(Card("scene", scene.title, "\n\n".join(session.text()), note, where, scene.id))
        if view is None or not view.available:
            break
        session.choose(view.id)
    return cards


def fact_cards(story: Story) -> list[Card]:
    return [Card("fact", "Did you know?", fact.text, f"Source: {fact.source_title or fact.source}"
                 if (fact.source_title or fact.source) else "") for fact in story.facts.values()]


class AttractReel:
    """Fact cards in turn with the route's scenes (fact, scene, fact, scene...), looping for ever."""

    def __init__(self, facts: list[Card], scenes: list[Card]) -> None:
        self.facts = facts
        self.scenes = scenes

    @classmethod
    def for_story(cls, story: Story) -> AttractReel:
        start, seed, choices = attract_route(story)
        scenes = scene_cards(story, start, seed, choices)
        if story.demo and len(scenes) > 1 and scenes[-1].scene == story.demo[1]:
            scenes.pop()  # where the demo stops is not shown (the demo card does not show it either)
        return cls(fact_cards(story), scenes)

    def card(self, index: int) -> Card:
        if not self.facts or not self.scenes:
            pool = self.facts or self.scenes
            return pool[index % len(pool)] if pool else Card("fact", "", "")
        group = self.facts if index % 2 == 0 else self.scenes
        return group[(index // 2) % len(group)]

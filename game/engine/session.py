"""A play session in the style of ink's runtime: ``scene()``, ``choices()``, ``choose()``.

The session owns one :class:`GameState` and the rewind history. History is compact: the choice log
(one shared, interned ``(scene, choice)`` pair per step: 8 bytes) plus checkpoints that hold
everything but the log, every ``CHECKPOINT_EVERY`` choices for the last ``DENSE_TURNS`` choices and
every ``SPARSE_EVERY`` before that, so a 10,000-choice session keeps ~40 of them. Rewinding restores
the nearest checkpoint and replays, which is exact because every effect, the RNG included, is
deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.expr import INT_LIMIT, Condition
from game.engine.model import Choice, Effect, Scene, Story, Value, VarDecl
from game.engine.state import GameState, rng_range

CHECKPOINT_EVERY = 32
DENSE_TURNS = 1024  # checkpoints every CHECKPOINT_EVERY turns this far back...
SPARSE_EVERY = 1024  # ...and every SPARSE_EVERY turns before that


@dataclass(frozen=True, slots=True)
class _Checkpoint:
    """A state without its log (the live log is the one record of the path): restore = copy + slice."""

    scene: str
    vars: dict[str, Value]
    items: tuple[str, ...]
    visits: dict[str, int]
    turn: int
    seed: int
    rng: int
    log_len: int

    @classmethod
    def of(cls, state: GameState) -> _Checkpoint:
        return cls(state.scene, dict(state.vars), tuple(state.items), dict(state.visits), state.turn, state.seed,
                   state.rng, len(state.log))

    def restore(self, log: list[tuple[str, str]], play_time: float) -> GameState:
        return GameState(self.scene, dict(self.vars), list(self.items), dict(self.visits), self.turn, self.seed,
                         self.rng, log[: self.log_len], play_time)


def _fit(decl: VarDecl | None, value: Value) -> Value:
    """A value as stored: ints stay within +/-INT_LIMIT even without min/max, then the declared range."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = max(-INT_LIMIT, min(INT_LIMIT, value))
    return decl.clamp(value) if decl else value


class ChoiceError(Exception):
    """Raised when asked to take a choice that does not exist or is not available."""


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """A choice as the player sees it now."""

    number: int  # 1-based among the visible choices
    choice: Choice
    text: str
    available: bool
    reason: str = ""

    @property
    def id(self) -> str:
        return self.choice.id


class _Env:
    __slots__ = ("state", "story")

    def __init__(self, story: Story, state: GameState) -> None:
        self.story = story
        self.state = state

    def var(self, name: str) -> Value:
        if name in self.state.vars:
            return self.state.vars[name]
        decl = self.story.variables.get(name)
        return decl.default if decl else 0

    def visits(self, scene: str) -> int:
        return self.state.visits.get(scene, 0)

    def has(self, item: str) -> bool:
        return item in self.state.items

    def turn(self) -> int:
        return self.state.turn


class Session:
    def __init__(self, story: Story, state: GameState | None = None, *, seed: int = 0) -> None:
        self.story = story
        if state is None:
            state = GameState.new(story, seed)
            self.state = state
            self._enter(story.start)
        else:
            self.state = state
        self._checkpoints: dict[int, _Checkpoint] = {self.state.turn: _Checkpoint.of(self.state)}
        self._base_turn = self.state.turn
        self._pairs: dict[tuple[str, str], tuple[str, str]] = {}  # interned log entries

    # -- reading -------------------------------------------------------------------------------
    @property
    def env(self) -> _Env:
        return _Env(self.story, self.state)

    def scene(self) -> Scene:
        return self.story.scenes[self.state.scene]

    def holds(self, cond: Condition | None) -> bool:
        return cond is None or cond.holds(self.env)

    def text(self) -> list[str]:
        """The current scene's paragraphs, conditions applied and variables filled in."""
        env = self.env
        return [p.text.render(env.var) for p in self.scene().paragraphs if p.when is None or p.when.holds(env)]

    def render(self, template) -> str:  # noqa: ANN001 - a Template
        return template.render(self.env.var)

    def choices(self) -> list[ChoiceView]:
        """Visible choices: available ones, plus unavailable ones the pack shows with a reason."""
        env = self.env
        views: list[ChoiceView] = []
        for choice in self.scene().choices:
            ok = choice.when is None or choice.when.holds(env)
            if not ok and choice.locked is None:
                continue
            views.append(ChoiceView(len(views) + 1, choice, choice.text.render(env.var), ok,
                                    "" if ok else choice.locked or ""))
        return views

    def available(self) -> list[ChoiceView]:
        return [v for v in self.choices() if v.available]

    @property
    def is_over(self) -> bool:
        return self.scene().ending is not None

    @property
    def is_stuck(self) -> bool:
        return not self.is_over and not self.available()

    # -- acting --------------------------------------------------------------------------------
    def choose(self, which: int | str) -> Scene:
        """Take a choice by its stable id, or by its 1-based number among visible choices."""
        views = self.choices()
        view: ChoiceView | None = None
        if isinstance(which, int) and not isinstance(which, bool):
            if 1 <= which <= len(views):
                view = views[which - 1]
        else:
            view = next((v for v in views if v.id == which), None)
        if view is None:
            raise ChoiceError(f"no choice {which!r} in scene {self.state.scene!r}")
        if not view.available:
            raise ChoiceError(f"choice {view.id!r} is not available: {view.reason}")
        self._take(view.choice)
        return self.scene()

    def timeout(self) -> Scene:
        """The scene's timer ran out: take its default choice, or the first available one."""
        scene = self.scene()
        available = self.available()
        if not available:
            raise ChoiceError(f"no available choice in scene {scene.id!r}")
        pick = available[0]
        if scene.timer is not None:
            pick = next((v for v in available if v.id == scene.timer.default), pick)
        self._take(pick.choice)
        return self.scene()

    def _take(self, choice: Choice) -> None:
        state = self.state
        pair = (state.scene, choice.id)
        state.log.append(self._pairs.setdefault(pair, pair))
        self._apply(choice.effects)
        target = next(b.scene for b in choice.branches if b.when is None or b.when.holds(self.env))
        state.turn += 1
        self._enter(target)
        if state.turn % CHECKPOINT_EVERY == 0:
            self._checkpoint()

    def _checkpoint(self) -> None:
        """Add one for the current turn and thin the old ones, so their number grows very slowly."""
        turn = self.state.turn
        self._checkpoints[turn] = _Checkpoint.of(self.state)
        if turn % SPARSE_EVERY == 0:
            horizon = turn - DENSE_TURNS
            for old in [t for t in self._checkpoints if t < horizon and t % SPARSE_EVERY and t != self._base_turn]:
                del self._checkpoints[old]

    def _enter(self, scene_id: str) -> None:
        state = self.state
        state.scene = scene_id
        state.visits[scene_id] = state.visits.get(scene_id, 0) + 1
        self._apply(self.story.scenes[scene_id].on_enter)

    def _apply(self, effects: tuple[Effect, ...]) -> None:
        state = self.state
        for eff in effects:
            decl = self.story.variables.get(eff.target)
            if eff.op == "set":
                state.vars[eff.target] = _fit(decl, eff.value)  # type: ignore[arg-type]
            elif eff.op == "add":
                current = state.vars.get(eff.target, 0)
                new = (current if isinstance(current, int) else 0) + int(eff.value)  # type: ignore[arg-type]
                state.vars[eff.target] = _fit(decl, new)
            elif eff.op == "give":
                if eff.target not in state.items:
                    state.items.append(eff.target)
            elif eff.op == "take":
                if eff.target in state.items:
                    state.items.remove(eff.target)
            elif eff.op == "roll":
                assert isinstance(eff.value, tuple)  # a roll's value is its (low, high) range
                low, high = eff.value
                state.rng, rolled = rng_range(state.rng, low, high)
                state.vars[eff.target] = _fit(decl, rolled)

    def jump(self, scene_id: str) -> Scene:
        """Debugging: enter any scene directly (visit counted, on_enter applied, no choice logged).

        The history restarts here, so rewind stops at the jump instead of replaying across it.
        """
        if scene_id not in self.story.scenes:
            raise ChoiceError(f"no scene {scene_id!r}")
        self._enter(scene_id)
        self._checkpoints = {self.state.turn: _Checkpoint.of(self.state)}
        self._base_turn = self.state.turn
        return self.scene()

    # -- rewind --------------------------------------------------------------------------------
    @property
    def can_rewind(self) -> bool:
        return self.state.turn > self._base_turn

    def rewind(self, steps: int = 1) -> bool:
        """Go back ``steps`` choices (not before this session began); exact, RNG included."""
        target = max(self._base_turn, self.state.turn - steps)
        if target == self.state.turn:
            return False
        log = self.state.log
        base = max(t for t in self._checkpoints if t <= target)
        checkpoint = self._checkpoints[base]
        self.state = checkpoint.restore(log, self.state.play_time)
        play_time = self.state.play_time
        for turn in [t for t in self._checkpoints if t > target]:
            del self._checkpoints[turn]
        # The checkpoint's log ends where it was taken; replay the choices made after it.
        start = checkpoint.log_len
        for scene_id, choice_id in log[start : start + target - base]:
            choice = self.scene().choice(choice_id)
            if choice is None or self.state.scene != scene_id:
                break  # the story changed under us (live reload): stop at the last exact point
            self._take(choice)
        self.state.play_time = play_time
        return True

    # -- facts ---------------------------------------------------------------------------------
    def unlocked_facts(self) -> list[str]:
        seen: list[str] = []
        for scene_id in self.state.visits:
            scene = self.story.scenes.get(scene_id)
            if scene is None:
                continue
            for fact in scene.facts:
                if fact not in seen:
                    seen.append(fact)
        return seen

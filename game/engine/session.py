"""A play session in the style of ink's runtime: ``scene()``, ``choices()``, ``choose()``.

The session owns one :class:`GameState` and the rewind history. History is compact: the choice log
(two interned ids per step) plus a full checkpoint every ``CHECKPOINT_EVERY`` choices; rewinding
restores the nearest checkpoint and replays, which is exact because every effect, the RNG included,
is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from .expr import Condition
from .model import Choice, Effect, Scene, Story, Value
from .state import GameState, rng_range

CHECKPOINT_EVERY = 32


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
        self._checkpoints: dict[int, GameState] = {self.state.turn: self.state.copy()}
        self._base_turn = self.state.turn

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
        state.log.append((state.scene, choice.id))
        self._apply(choice.effects)
        target = next(b.scene for b in choice.branches if b.when is None or b.when.holds(self.env))
        state.turn += 1
        self._enter(target)
        if state.turn % CHECKPOINT_EVERY == 0:
            self._checkpoints[state.turn] = state.copy()

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
                state.vars[eff.target] = decl.clamp(eff.value) if decl else eff.value  # type: ignore[arg-type]
            elif eff.op == "add":
                current = state.vars.get(eff.target, 0)
                new = (current if isinstance(current, int) else 0) + int(eff.value)  # type: ignore[arg-type]
                state.vars[eff.target] = decl.clamp(new) if decl else new
            elif eff.op == "give":
                if eff.target not in state.items:
                    state.items.append(eff.target)
            elif eff.op == "take":
                if eff.target in state.items:
                    state.items.remove(eff.target)
            elif eff.op == "roll":
                low, high = eff.value  # type: ignore[misc]
                state.rng, rolled = rng_range(state.rng, low, high)
                state.vars[eff.target] = decl.clamp(rolled) if decl else rolled

    # -- rewind --------------------------------------------------------------------------------
    @property
    def can_rewind(self) -> bool:
        return self.state.turn > self._base_turn

    def rewind(self, steps: int = 1) -> bool:
        """Go back ``steps`` choices (not before this session began); exact, RNG included."""
        target = max(self._base_turn, self.state.turn - steps)
        if target == self.state.turn:
            return False
        log = list(self.state.log)
        play_time = self.state.play_time
        base = max(t for t in self._checkpoints if t <= target)
        self.state = self._checkpoints[base].copy()
        for turn in [t for t in self._checkpoints if t > target]:
            del self._checkpoints[turn]
        # log[i] is the choice made at turn i, so the replay is the slice between the two turns.
        for scene_id, choice_id in log[base:target]:
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

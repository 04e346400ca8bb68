"""One game in progress: the engine session plus the state it began with.

Shared by the Textual UI and plain mode so both save, load, rewind and keep a journal the same way.
Keeping the origin (the state right after the game began) is what lets a loaded game rewind all the
way to its start and rebuild its journal: the log is replayed from it, exactly, RNG included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.journal import JournalEntry, build_journal
from game.engine.model import Fact, Scene, Story, Value
from game.engine.runcode import start_session
from game.engine.saves import SaveFile, fit_to_story, fit_values
from game.engine.session import ChoiceError, Session
from game.engine.state import GameState


@dataclass
class Restored:
    """A loaded save, fitted to the story as it is now, with what the player should be told."""

    playthrough: Playthrough
    notes: list[str] = field(default_factory=list)
    moved_from: str | None = None  # the saved scene, when it no longer exists
    full_history: bool = True  # False: rewind and the journal start at the loaded point


class Playthrough:
    def __init__(self, story: Story, session: Session, origin: GameState | None) -> None:
        self.story = story
        self.session = session
        self.origin = origin

    # -- starting ------------------------------------------------------------------------------
    @classmethod
    def new(cls, story: Story, seed: int = 0, set_vars: dict[str, Value] | None = None,
            from_scene: str | None = None) -> Playthrough:
        """A new game; --set values and --from are part of its origin, so rewind keeps them."""
        state = start_session(story, seed, from_scene).state  # the one way a game starts (run codes too)
        for name, value in (set_vars or {}).items():
            decl = story.variables.get(name)
            state.vars[name] = decl.clamp(value) if decl else value
        return cls(story, Session(story, state.copy()), state.copy())

    @classmethod
    def restore(cls, story: Story, save: SaveFile) -> Restored:
        """Fit a save to the story; raises SaveError when it cannot be used at all."""
        state, notes = fit_to_story(story, save)
        moved_from = save.state.scene if save.state.scene not in story.scenes else None
        origin = None
        if save.origin is not None and save.origin.scene in story.scenes:
            origin = fit_values(story, save.origin.copy())
        session = _replay(story, origin, state) if origin is not None else None
        if session is None:
            # Rewind starts here; the journal still replays as far as the history still fits.
            return Restored(cls(story, Session(story, state), origin), notes, moved_from, full_history=False)
        if moved_from is None and not session.state.same_as(state):
            session.state = state  # the story changed: keep what the player had, history is best effort
        session.state.play_time = state.play_time
        return Restored(cls(story, session, origin), notes, moved_from)

    # -- playing -------------------------------------------------------------------------------
    @property
    def state(self) -> GameState:
        return self.session.state

    def scene(self) -> Scene:
        return self.session.scene()

    @property
    def is_over(self) -> bool:
        return self.session.is_over

    def choose(self, which: int | str) -> Scene:
        return self.session.choose(which)

    def timeout(self) -> Scene:
        return self.session.timeout()

    @property
    def can_rewind(self) -> bool:
        return self.session.can_rewind

    def rewind(self, steps: int = 1) -> bool:
        return self.session.rewind(steps)

    def jump(self, scene_id: str) -> Scene:
        """Debugging (`--debug`): go to any scene; rewind and the journal start again from there."""
        scene = self.session.jump(scene_id)
        self.origin = self.state.copy()
        return scene

    # -- reading back --------------------------------------------------------------------------
    def journal(self) -> list[JournalEntry]:
        return build_journal(self.story, self.origin, self.state)

    def route_facts(self) -> list[Fact]:
        """Facts cited by the scenes this game has passed through, in the order first met."""
        return [self.story.facts[f] for f in self.session.unlocked_facts() if f in self.story.facts]



def _replay(story: Story, origin: GameState, target: GameState) -> Session | None:
    """A session rebuilt from the origin by taking the target's choices, or None if they no longer fit."""
    if target.log[: len(origin.log)] != origin.log:
        return None
    session = Session(story, origin.copy())
    for scene_id, choice_id in target.log[len(origin.log):]:
        if session.state.scene != scene_id:
            return None
        try:
            session.choose(choice_id)
        except ChoiceError:
            return None
    return session if session.state.scene == target.scene else None

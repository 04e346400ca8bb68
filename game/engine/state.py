"""Everything that changes during play, apart from the immutable :class:`Story`.

As in ink's runtime, the state is one plain value that serialises to versioned JSON keyed by stable
ids (scene ids, choice ids, variable names), never by list positions, so saves survive edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.engine.model import Story, Value

_MASK = (1 << 64) - 1


def rng_next(state: int) -> tuple[int, int]:
    """SplitMix64: one 64-bit state word, so the RNG is trivially saved, rewound and replayed."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, z ^ (z >> 31)


def rng_range(state: int, low: int, high: int) -> tuple[int, int]:
    """A number in [low, high] inclusive, and the next state."""
    if high < low:
        low, high = high, low
    state, out = rng_next(state)
    return state, low + out % (high - low + 1)


@dataclass
class GameState:
    scene: str
    vars: dict[str, Value]
    items: list[str] = field(default_factory=list)
    visits: dict[str, int] = field(default_factory=dict)
    turn: int = 0
    seed: int = 0
    rng: int = 0
    # The path so far: (scene id, choice id) for every choice made, oldest first.
    log: list[tuple[str, str]] = field(default_factory=list)
    # Seconds of play, kept by the UI; not part of equality of story state.
    play_time: float = 0.0

    @classmethod
    def new(cls, story: Story, seed: int = 0) -> GameState:
        return cls(scene=story.start, vars=story.defaults(), seed=seed, rng=seed & _MASK)

    def copy(self) -> GameState:
        return GameState(self.scene, dict(self.vars), list(self.items), dict(self.visits), self.turn,
                         self.seed, self.rng, list(self.log), self.play_time)

    def story_key(self) -> tuple:
        """What the story can observe: used to deduplicate states when exploring."""
        return (self.scene, tuple(sorted(self.vars.items())), tuple(sorted(self.items)),
                tuple(sorted(self.visits.items())))

    def same_as(self, other: GameState) -> bool:
        return (self.story_key() == other.story_key() and self.turn == other.turn
                and self.rng == other.rng and self.log == other.log)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scene": self.scene,
            "vars": dict(self.vars),
            "items": list(self.items),
            "visits": dict(self.visits),
            "turn": self.turn,
            "seed": self.seed,
            "rng": self.rng,
            "log": [[s, c] for s, c in self.log],
            "play_time": round(self.play_time, 3),
        }

    @classmethod
    def from_dict(cls, data: Any) -> GameState:
        """Rebuild from JSON; raises ValueError with a plain reason when the shape is wrong."""
        if not isinstance(data, dict):
            raise ValueError("state is not an object")

        def need(key: str, kind: type | tuple[type, ...]) -> Any:
            value = data.get(key)
            if not isinstance(value, kind) or isinstance(value, bool) and kind in (int, float):
                raise ValueError(f"state field '{key}' is missing or of the wrong type")
            return value

        scene = need("scene", str)
        raw_vars = need("vars", dict)
        variables: dict[str, Value] = {}
        for k, v in raw_vars.items():
            if not isinstance(k, str) or not isinstance(v, (int, bool, str)):
                raise ValueError(f"variable {k!r} has a value of the wrong type")
            variables[k] = v
        items = need("items", list)
        if not all(isinstance(i, str) for i in items):
            raise ValueError("items must be names")
        visits = need("visits", dict)
        if not all(isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in visits.items()):
            raise ValueError("visit counts must be whole numbers")
        log_raw = need("log", list)
        log: list[tuple[str, str]] = []
        pairs: dict[tuple[str, str], tuple[str, str]] = {}  # a long log repeats few pairs: share them
        for entry in log_raw:
            if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(x, str) for x in entry)):
                raise ValueError("the choice log is damaged")
            pair = (entry[0], entry[1])
            log.append(pairs.setdefault(pair, pair))
        play_time = data.get("play_time", 0.0)
        if not isinstance(play_time, (int, float)) or isinstance(play_time, bool):
            play_time = 0.0
        return cls(scene, variables, list(items), dict(visits), need("turn", int), need("seed", int),
                   need("rng", int) & _MASK, log, float(play_time))

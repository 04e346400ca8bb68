"""ChoiceScript-style random playthroughs on the real engine (Session), seeded and repeatable.

Run ``r`` plays with game seed ``seed + r`` (so rolls are the engine's own) and picks uniformly among
the available choices with a second SplitMix64 stream, so the same ``--random N --seed S`` always
plays the same N games. A timer's default is one of the choices, so it is picked like any other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from game.engine.model import Story
from game.engine.session import Session
from game.engine.state import rng_next, rng_range

MAX_STEPS = 5_000


@dataclass
class RandomRuns:
    runs: int
    seed: int
    endings: Counter = field(default_factory=Counter)
    scenes: Counter = field(default_factory=Counter)  # runs that entered each scene
    choices: set[tuple[str, str]] = field(default_factory=set)  # (scene, choice) ever available
    soft_locks: list[tuple[str, list[str]]] = field(default_factory=list)  # (scene, route), first per scene
    too_long: int = 0  # runs cut at MAX_STEPS
    steps: int = 0
    first_routes: dict[str, list[str]] = field(default_factory=dict)  # scene -> route of the first run there


def play_random(story: Story, runs: int, seed: int = 0, max_steps: int = MAX_STEPS) -> RandomRuns:
    out = RandomRuns(runs, seed)
    soft_seen: set[str] = set()
    for r in range(runs):
        session = Session(story, seed=seed + r)
        picker, _ = rng_next((seed * 1_000_003 + r) & ((1 << 64) - 1))
        entered = {session.state.scene}
        route: list[str] = []
        out.first_routes.setdefault(session.state.scene, [])
        steps = 0
        while not session.is_over:
            if steps >= max_steps:
                out.too_long += 1
                break
            views = session.available()
            scene = session.state.scene
            if not views:
                if scene not in soft_seen:
                    soft_seen.add(scene)
                    out.soft_locks.append((scene, list(route)))
                break
            out.choices.update((scene, v.id) for v in views)
            picker, pick = rng_range(picker, 0, len(views) - 1)
            choice_id = views[pick].id
            session.choose(choice_id)
            route.append(choice_id)
            steps += 1
            now = session.state.scene
            entered.add(now)
            if now not in out.first_routes:
                out.first_routes[now] = list(route)
        out.steps += steps
        out.scenes.update(entered)
        if session.is_over:
            out.endings[session.state.scene] += 1
    return out

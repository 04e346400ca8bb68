"""The playtest explorer: every reachable state of a story, breadth-first, on a sound abstraction.

ChoiceScript's quicktest walks lines and randomtest samples runs; neither knows about *states*, so
neither can say "this ending needs stamina the story never leaves you". This explorer visits every
distinct state (scene + what the flow conditions can observe; see abstraction.py), breadth-first,
so the first route found to anything is a shortest one. A timer's default is one of the scene's
choices, so it is explored like any other. The bound ``max_states`` stops runaway stories (an
unbounded counter in a loop) and says so.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from game.engine.model import Story, Value
from game.toolkit.machine import Machine
from game.toolkit.scc import closed_loops

DEFAULT_MAX_STATES = 100_000


@dataclass
class Finding:
    """Something found at a state, with the shortest route (choice ids from the start) to it."""

    scene: str
    route: list[str]
    detail: str = ""


@dataclass
class Exploration:
    story: Story
    states: int = 0
    edges: int = 0
    complete: bool = True
    max_states: int = DEFAULT_MAX_STATES
    reached: set[str] = field(default_factory=set)
    ending_routes: dict[str, list[str]] = field(default_factory=dict)
    scene_routes: dict[str, list[str]] = field(default_factory=dict)  # a shortest route to every scene reached
    soft_locks: list[Finding] = field(default_factory=list)
    traps: list[Finding] = field(default_factory=list)
    available: set[tuple[str, str]] = field(default_factory=set)
    taken: set[tuple[str, str, int]] = field(default_factory=set)
    var_values: dict[str, set[Value]] = field(default_factory=dict)
    slots: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def unreached(self) -> list[str]:
        return [sid for sid in self.story.scenes if sid not in self.reached]

    def never_available(self) -> list[tuple[str, str]]:
        """Choices of reached scenes that no explored state offers."""
        return [(sid, c.id) for sid, s in self.story.scenes.items() if sid in self.reached
                for c in s.choices if (sid, c.id) not in self.available]

    def branches_never_taken(self) -> list[tuple[str, str, str]]:
        """Arms of a conditional goto that no explored state takes (choice offered, arm never chosen)."""
        out: list[tuple[str, str, str]] = []
        for sid, scene in self.story.scenes.items():
            for c in scene.choices:
                if len(c.branches) > 1 and (sid, c.id) in self.available:
                    out.extend((sid, c.id, b.scene) for k, b in enumerate(c.branches) if (sid, c.id, k) not in self.taken)
        return out


def explore(story: Story, max_states: int = DEFAULT_MAX_STATES, machine: Machine | None = None) -> Exploration:
    """Breadth-first search over abstract states; see the module docstring."""
    started = time.perf_counter()
    m = machine or Machine(story)
    scene_ids, is_end, keys, moves = m.scene_ids, m.is_end, m.keys, m.moves
    result = Exploration(story, max_states=max_states, slots=[s.label for s in m.ab.slots])
    seen: dict[tuple, int] = {}
    scene_of: list[int] = []
    vals_of: list[tuple] = []
    parent: list[int] = []
    via: list[str] = []
    edges: list[tuple[int, int, str, int]] = []  # (from, to, choice id, arm)
    start = m.start
    for vals in m.initial():
        k = (start, keys[start](vals))
        if k not in seen:
            seen[k] = len(scene_of)
            scene_of.append(start)
            vals_of.append(vals)
            parent.append(-1)
            via.append("")
    queue = deque(range(len(scene_of)))
    available: set[tuple[int, str]] = set()
    taken: set[tuple[int, str, int]] = set()
    soft: list[int] = []
    cut = False
    while queue:
        n = queue.popleft()
        s = scene_of[n]
        if is_end[s]:
            continue
        vals = vals_of[n]
        any_ok = False
        for mv in moves[s]:
            if mv.when is not None and not mv.when(vals):
                continue
            any_ok = True
            available.add((s, mv.choice_id))
            for v1 in (mv.pre(vals) if mv.pre else (vals,)):
                arm = next(a for a in mv.arms if a.when is None or a.when(v1))
                taken.add((s, mv.choice_id, arm.branch))
                t = arm.target
                for v2 in (arm.post(v1) if arm.post else (v1,)):
                    k = (t, keys[t](v2))
                    j = seen.get(k)
                    if j is None:
                        if len(scene_of) >= max_states:
                            cut = True
                            continue
                        j = seen[k] = len(scene_of)
                        scene_of.append(t)
                        vals_of.append(v2)
                        parent.append(n)
                        via.append(mv.choice_id)
                        queue.append(j)
                    edges.append((n, j, mv.choice_id, arm.branch))
        if not any_ok:
            soft.append(n)

    def route(n: int) -> list[str]:
        out = []
        while parent[n] >= 0:
            out.append(via[n])
            n = parent[n]
        return out[::-1]

    result.states = len(scene_of)
    result.edges = len(edges)
    result.complete = not cut
    result.reached = {scene_ids[s] for s in set(scene_of)}
    for n, s in enumerate(scene_of):
        sid = scene_ids[s]
        if sid not in result.scene_routes:
            result.scene_routes[sid] = route(n)
            if is_end[s]:
                result.ending_routes[sid] = result.scene_routes[sid]
    soft_scenes: set[int] = set()
    for n in soft:
        if scene_of[n] not in soft_scenes:
            soft_scenes.add(scene_of[n])
            result.soft_locks.append(Finding(scene_ids[scene_of[n]], route(n), "no choice is available"))
    result.available = {(scene_ids[s], c) for s, c in available}
    result.taken = {(scene_ids[s], c, k) for s, c, k in taken}
    if result.complete:
        result.traps = _traps(scene_ids, is_end, scene_of, edges, route)
    result.seconds = time.perf_counter() - started
    return result


def _traps(scene_ids: list[str], is_end: list[bool], scene_of: list[int], edges: list[tuple[int, int, str, int]],
           route: Callable[[int], list[str]]) -> list[Finding]:
    """Closed loops of states with no ending in them (see scc.py), one finding per scene."""
    succ: dict[int, list[int]] = {}
    for a, b, _, _ in edges:
        succ.setdefault(a, []).append(b)
    out: list[Finding] = []
    seen_scenes: set[int] = set()
    for comp in closed_loops(range(len(scene_of)), succ):
        for n in sorted(comp):
            s = scene_of[n]
            if s not in seen_scenes:
                seen_scenes.add(s)
                out.append(Finding(scene_ids[s], route(n), "a loop with no way out: no ending can be reached from here"))
    return out

"""Witness search: real routes to every scene, ending, choice and goto arm the over-approximation
allows, for stories whose state space is too big to exhaust.

A layered beam search: depth by depth, each scene keeps at most ``width`` states, chosen for
variety (the lowest and highest value of every slot, states that bring a value not seen before at
that scene, then a seeded random pick). A second round aims at each goal still missing: states
from which the over-approximation says the goal cannot be reached are dropped, which is safe, so
the beam spends itself only on states that may lead there. What is found is a real route (it is
replayed on the engine by the tests); what is not found stays "unconfirmed", never "impossible".
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.engine.expr import Condition
from game.toolkit.machine import Machine
from game.toolkit.overapprox import Approx, Sets

Goal = tuple  # ("scene", sid) | ("choice", sid, cid) | ("arm", sid, cid, k) | ("soft", sid)


@dataclass
class Witnesses:
    routes: dict[Goal, list[str]] = field(default_factory=dict)
    states: int = 0
    passes: int = 0
    seconds: float = 0.0


@dataclass
class _Node:
    s: int
    vals: tuple
    parent: _Node | None
    via: str

    def route(self) -> list[str]:
        out = []
        node: _Node | None = self
        while node is not None and node.parent is not None:
            out.append(node.via)
            node = node.parent
        return out[::-1]


class Search:
    def __init__(self, machine: Machine, approx: Approx, *, width: int = 32, seed: int = 0) -> None:
        self.m = machine
        self.approx = approx
        self.width = width
        self.seed = seed
        self.found = Witnesses()
        self.max_depth = 8 * len(machine.scene_ids) + 16

    def goals(self) -> list[Goal]:
        """Everything the over-approximation allows, which a witness should confirm."""
        story, a = self.m.story, self.approx
        out: list[Goal] = [("scene", sid) for sid in story.scenes if sid in a.reach]
        for sid, scene in story.scenes.items():
            for c in scene.choices:
                if (sid, c.id) in a.may_choice:
                    out.append(("choice", sid, c.id))
                    if len(c.branches) > 1:
                        out.extend(("arm", sid, c.id, k) for k in range(len(c.branches)) if (sid, c.id, k) in a.may_arm)
        out.extend(("soft", sid) for sid in story.scenes if sid in a.may_soft)
        return out

    def _note(self, goal: Goal, node: _Node, extra: str | None = None) -> None:
        if goal not in self.found.routes:
            route = node.route()
            if extra is not None:
                route.append(extra)
            self.found.routes[goal] = route

    def run_pass(self, rng: random.Random, back: dict[str, Sets] | None = None,
                 want: Callable[[], bool] | None = None) -> None:
        m, ids, found = self.m, self.m.scene_ids, self.found.routes
        nslots = len(m.ab.slots)
        allowed: list[list | None] | None = None
        if back is not None:
            allowed = [None] * len(ids)
            for sid, sets in back.items():
                allowed[m.sidx[sid]] = sets[:nslots]

        def ok(s: int, vals: tuple) -> bool:
            if allowed is None:
                return True
            sets = allowed[s]
            if sets is None:
                return False
            return all(x is None or v in x for x, v in zip(sets, vals))

        layer = [_Node(m.start, v, None, "") for v in m.initial() if ok(m.start, v)]
        seen = {(n.s, m.keys[n.s](n.vals)) for n in layer}
        novel: set[tuple[int, int, object]] = set()
        for n in layer:
            self._note(("scene", ids[n.s]), n)
        depth = 0
        while layer and depth < self.max_depth and (want is None or want()):
            depth += 1
            cands: dict[tuple, _Node] = {}
            for node in layer:
                s = node.s
                if m.is_end[s]:
                    continue
                sid = ids[s]
                vals = node.vals
                any_ok = False
                for mv in m.moves[s]:
                    if mv.when is not None and not mv.when(vals):
                        continue
                    any_ok = True
                    if ("choice", sid, mv.choice_id) not in found:
                        found[("choice", sid, mv.choice_id)] = node.route() + [mv.choice_id]
                    for v1 in (mv.pre(vals) if mv.pre else (vals,)):
                        arm = next(a for a in mv.arms if a.when is None or a.when(v1))
                        if len(mv.arms) > 1:
                            self._note(("arm", sid, mv.choice_id, arm.branch), node, mv.choice_id)
                        t = arm.target
                        for v2 in (arm.post(v1) if arm.post else (v1,)):
                            k = (t, m.keys[t](v2))
                            if k in seen or k in cands or not ok(t, v2):
                                continue
                            cands[k] = _Node(t, v2, node, mv.choice_id)
                if not any_ok:
                    self._note(("soft", sid), node)
            self.found.states += len(cands)
            groups: dict[int, list[_Node]] = {}
            for node in cands.values():
                groups.setdefault(node.s, []).append(node)
                self._note(("scene", ids[node.s]), node)
            layer = []
            for s, nodes in groups.items():
                kept = self._pick(s, nodes, rng, novel) if len(nodes) > self.width else nodes
                for n in nodes:
                    for i, v in enumerate(n.vals):
                        novel.add((s, i, v))
                for n in kept:
                    seen.add((n.s, m.keys[n.s](n.vals)))
                layer.extend(kept)

    def _pick(self, s: int, nodes: list[_Node], rng: random.Random, novel: set) -> list[_Node]:
        chosen: dict[int, _Node] = {}
        for n in nodes:  # states bringing a value never seen at this scene
            if any((s, i, v) not in novel for i, v in enumerate(n.vals)):
                chosen.setdefault(id(n), n)
            if len(chosen) >= self.width // 2:
                break
        for i in range(len(self.m.ab.slots)):  # the extremes of every slot (one type per slot)
            if len(chosen) >= self.width:
                break
            column = [n.vals[i] for n in nodes]
            lo, hi = min(column), max(column)
            if lo == hi:
                continue
            a, b = nodes[column.index(lo)], nodes[column.index(hi)]
            chosen.setdefault(id(a), a)
            chosen.setdefault(id(b), b)
        rest = [n for n in nodes if id(n) not in chosen]
        rng.shuffle(rest)
        for n in rest[: max(0, self.width - len(chosen))]:
            chosen[id(n)] = n
        return list(chosen.values())[: self.width]


def _target(story, goal: Goal) -> tuple[str, list[tuple[Condition, bool]]]:  # noqa: ANN001
    kind, sid = goal[0], goal[1]
    scene = story.scenes[sid]
    if kind == "scene":
        return sid, []
    if kind == "soft":
        return sid, [(c.when, False) for c in scene.choices if c.when is not None]
    choice = scene.choice(goal[2])
    return sid, ([(choice.when, True)] if choice and choice.when else [])


def witness(machine: Machine, approx: Approx, *, seed: int = 0, width: int = 32, budget: float = 5.0,
            known: set[Goal] | None = None) -> tuple[Witnesses, list[Goal]]:
    """Find routes for the goals not in ``known``; returns the witnesses and the goals still missing."""
    started = time.perf_counter()
    search = Search(machine, approx, width=width, seed=seed)
    goals = [g for g in search.goals() if not known or g not in known]
    missing = lambda: [g for g in goals if g not in search.found.routes]  # noqa: E731
    rng = random.Random(seed)
    for _ in range(2):
        if not missing():
            break
        search.run_pass(rng)
        search.found.passes += 1
    # aim at each goal left, most constrained last; soft-lock candidates are aimed at too
    for goal in missing():
        if goal in search.found.routes:
            continue
        if time.perf_counter() - started > budget:
            break
        sid, at_goal = _target(machine.story, goal)
        back = approx.toward(sid, at_goal)
        if not back:
            continue

        def want(g: Goal = goal) -> bool:
            return g not in search.found.routes

        for attempt in range(3):
            if goal in search.found.routes or time.perf_counter() - started > budget:
                break
            search.run_pass(random.Random(seed * 7919 + attempt + 1), back, want=want)
            search.found.passes += 1
    search.found.seconds = time.perf_counter() - started
    return search.found, missing()

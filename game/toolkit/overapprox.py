"""A sound over-approximation of what a story can do, for stories too big to explore exhaustively.

For each scene it keeps one set of possible values per slot (every variable, item, visit count and
turn the story can observe) and forgets how the slots correlate. That is cheap (milliseconds) and
errs one way only: anything it calls impossible is impossible, so it *proves* a scene unreachable, a
choice never available, a goto arm never taken, a scene free of soft-locks, and bounds every
variable. What it calls possible still needs a witness route (coverage.py).

Its backward twin, :func:`Approx.toward`, computes per scene the values from which a goal may still
be reached; the witness search drops states outside it, which is safe for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

from game.engine.expr import Condition
from game.engine.model import Value
from game.toolkit.abstraction import Abstraction, Op, Slot, atoms, refs
from game.toolkit.compiled import Fn, compile_condition, compile_node

MAX_SET = 512  # an unbounded variable with more possible values than this becomes "anything"
MAX_COMBOS = 20_000  # products of value groups enumerated when solving a condition

Sets = list  # per slot: frozenset of values, or None for "anything"


def extended(ab: Abstraction) -> Abstraction:
    """The machine's slots plus every declared variable the flow never reads (for their bounds)."""
    slots = list(ab.slots)
    for name, decl in ab.story.variables.items():
        if ("var", name) in ab.index:
            continue
        slot = Slot("var", name, lo=decl.min, hi=decl.max)
        if decl.type == "bool":
            slot.domain = (False, True)
        elif decl.type == "int" and decl.min is not None and decl.max is not None and decl.max - decl.min < 4096:
            slot.domain = tuple(range(decl.min, decl.max + 1))
        slots.append(slot)
    return Abstraction(ab.story, slots, {s.key: i for i, s in enumerate(slots)})


@dataclass
class _Cond:
    fn: Callable[[tuple], bool]
    slots: set[int]
    atoms: list[tuple[int, Fn]]  # one-slot atoms
    joint: set[int]  # slots read together with another in one atom: grouped value by value


class Solver:
    """Restrict per-slot value sets to the values that can make conditions come out as wanted."""

    def __init__(self, ab: Abstraction) -> None:
        self.ab = ab
        self.n = len(ab.slots)
        self._conds: dict[Condition, _Cond] = {}

    def cond(self, c: Condition) -> _Cond:
        got = self._conds.get(c)
        if got is None:
            ab = self.ab
            slots = {ab.index[k] for k in refs(c.tree)}
            one, joint = [], set()
            for a in atoms(c.tree):
                found = refs(a)
                if len(found) == 1:
                    one.append((ab.index[next(iter(found))], compile_node(a, lambda kind, name: 0)))
                elif len(found) > 1:
                    joint |= {ab.index[k] for k in found}
            got = _Cond(compile_condition(c.tree, ab.resolve), slots, one, joint)
            self._conds[c] = got
        return got

    def restrict(self, sets: Sets, constraints: list[tuple[Condition, bool]]) -> Sets | None:
        """Sets narrowed to combinations meeting every (condition, wanted) pair; None when none do."""
        if not constraints:
            return sets
        conds = [(self.cond(c), want) for c, want in constraints]
        rel = sorted(set().union(*(c.slots for c, _ in conds)))
        if any(sets[i] is None for i in rel):
            return sets  # something unknown is involved: keep everything (safe)
        groups: list[list[list[Value]]] = []
        total = 1
        for i in rel:
            values = sorted(sets[i], key=_order)
            if not values:
                return None
            if any(i in c.joint for c, _ in conds):
                grouped = [[v] for v in values]
            else:
                fns = [fn for c, _ in conds for j, fn in c.atoms if j == i]
                by: dict[tuple, list[Value]] = {}
                for v in values:
                    by.setdefault(tuple(bool(fn((v,))) for fn in fns), []).append(v)
                grouped = list(by.values())
            groups.append(grouped)
            total *= len(grouped)
            if total > MAX_COMBOS:
                return sets
        probe: list[Value] = [0] * self.n
        out: dict[int, set[Value]] = {i: set() for i in rel}
        ok = False
        for combo in product(*groups):
            for i, g in zip(rel, combo):
                probe[i] = g[0]
            vals = tuple(probe)
            if all(c.fn(vals) == want for c, want in conds):
                ok = True
                for i, g in zip(rel, combo):
                    out[i].update(g)
        if not ok:
            return None
        new = list(sets)
        for i in rel:
            new[i] = frozenset(out[i])
        return new


def _order(v: Value) -> tuple:
    return (str(type(v)), v)


def image(ab: Abstraction, sets: Sets, ops: list[tuple[int, Op]]) -> Sets:
    if not ops:
        return sets
    out = list(sets)
    for i, op in ops:
        cur = out[i]
        if op[0] == "set":
            out[i] = frozenset((op[1],))
        elif op[0] == "roll" and cur is None:
            out[i] = frozenset(ab.apply(ab.slots[i], op, 0))
        elif cur is not None:
            new = frozenset(v for a in cur for v in ab.apply(ab.slots[i], op, a))
            out[i] = None if len(new) > MAX_SET else new
    return out


def join(a: Sets, b: Sets) -> Sets:
    return [None if x is None or y is None else x | y for x, y in zip(a, b)]


def preimage(ab: Abstraction, before: Sets, ops: list[tuple[int, Op]], after: Sets) -> Sets | None:
    """The values in ``before`` that ops can carry into ``after``, slot by slot; None if a slot empties."""
    out = list(before)
    for i in range(len(out)):
        if after[i] is None or out[i] is None:
            continue
        mine = [(j, op) for j, op in ops if j == i]
        if not mine:
            keep = out[i] & after[i]
        else:
            keep = frozenset(a for a in out[i] if set(ab.run_ops(i, mine, (a,))) & after[i])
        if not keep:
            return None
        out[i] = keep
    return out


@dataclass
class Approx:
    ab: Abstraction
    solver: Solver
    reach: dict[str, Sets] = field(default_factory=dict)  # per possibly reachable scene
    may_choice: set[tuple[str, str]] = field(default_factory=set)
    may_arm: set[tuple[str, str, int]] = field(default_factory=set)
    may_soft: set[str] = field(default_factory=set)

    def bounds(self) -> dict[str, list[Value] | None]:
        """Every value each variable can take in some reachable scene (None: unbounded)."""
        out: dict[str, list[Value] | None] = {}
        for i, slot in enumerate(self.ab.slots):
            if slot.kind != "var":
                continue
            acc: set[Value] | None = set()
            for sets in self.reach.values():
                if sets[i] is None:
                    acc = None
                    break
                acc |= sets[i]
            out[slot.name] = None if acc is None else sorted(acc, key=_order)
        return out

    def toward(self, goal_scene: str, at_goal: list[tuple[Condition, bool]]) -> dict[str, Sets]:
        """Per scene, the values from which ``goal_scene`` (meeting ``at_goal``) may still be reached."""
        story, solver = self.ab.story, self.solver
        if goal_scene not in self.reach:
            return {}
        first = solver.restrict(self.reach[goal_scene], at_goal)
        if first is None:
            return {}
        back: dict[str, Sets] = {goal_scene: first}
        preds: dict[str, list[str]] = {}
        for sid in self.reach:
            for c in story.scenes[sid].choices:
                for b in c.branches:
                    preds.setdefault(b.scene, []).append(sid)
        work = [goal_scene]
        while work:
            t = work.pop()
            for s in dict.fromkeys(preds.get(t, ())):
                new = self._pull(s, t, back)
                if new is None:
                    continue
                old = back.get(s)
                merged = new if old is None else join(old, new)
                if old is None or any(x != y for x, y in zip(merged, old)):
                    back[s] = merged
                    work.append(s)
        return back

    def _pull(self, s: str, t: str, back: dict[str, Sets]) -> Sets | None:
        ab, story, solver = self.ab, self.ab.story, self.solver
        acc: Sets | None = None
        for c in story.scenes[s].choices:
            if (s, c.id) not in self.may_choice:
                continue
            for k, b in enumerate(c.branches):
                if b.scene != t or (s, c.id, k) not in self.may_arm:
                    continue
                pre = solver.restrict(self.reach[s], [(c.when, True)] if c.when else [])
                if pre is None:
                    continue
                ops = ab.effect_ops(c.effects) + ab.entry_ops(t)
                got = preimage(ab, pre, ops, back[t])
                if got is not None:
                    acc = got if acc is None else join(acc, got)
        return acc


def analyse(ab: Abstraction) -> Approx:
    """Forward fixpoint over scenes: possible values per slot, choices and arms that may be taken."""
    ext = extended(ab)
    story = ext.story
    solver = Solver(ext)
    result = Approx(ext, solver)
    init = [frozenset(v) for v in zip(*ext.initial_all())] if ext.slots else []
    result.reach[story.start] = init
    work = [story.start]
    queued = {story.start}
    while work:
        sid = work.pop()
        queued.discard(sid)
        scene = story.scenes[sid]
        sets = result.reach[sid]
        if scene.ending is not None:
            continue
        if all(c.when is not None for c in scene.choices):
            if solver.restrict(sets, [(c.when, False) for c in scene.choices]) is not None:  # type: ignore[misc]
                result.may_soft.add(sid)
        for c in scene.choices:
            pre = solver.restrict(sets, [(c.when, True)]) if c.when else sets
            if pre is None:
                continue
            result.may_choice.add((sid, c.id))
            x: Sets | None = image(ext, pre, ext.effect_ops(c.effects))
            for k, b in enumerate(c.branches):
                if x is None:
                    break
                y = solver.restrict(x, [(b.when, True)]) if b.when else x
                x = solver.restrict(x, [(b.when, False)]) if b.when else None
                if y is None:
                    continue
                result.may_arm.add((sid, c.id, k))
                z = image(ext, y, ext.entry_ops(b.scene))
                old = result.reach.get(b.scene)
                new = z if old is None else join(old, z)
                if old is None or any(p != q for p, q in zip(new, old)):
                    result.reach[b.scene] = new
                    if b.scene not in queued:
                        queued.add(b.scene)
                        work.append(b.scene)
    return result

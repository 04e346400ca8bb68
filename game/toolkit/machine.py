"""The story compiled into a transition system over slot tuples (see abstraction.py).

Both the exhaustive explorer and the witness search step states millions of times, so every
condition becomes a closure over the tuple, every effect list a small function, and every scene a
function that maps a tuple to its class key. A state is ``(scene index, values)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from game.engine.model import Story
from game.toolkit.abstraction import Abstraction, Op, build
from game.toolkit.compiled import compile_condition

OpsFn = Callable[[tuple], list[tuple]]


def ops_fn(ab: Abstraction, ops: list[tuple[int, Op]]) -> OpsFn | None:
    """Apply slot ops to a value tuple; None when there is nothing to do."""
    if not ops:
        return None
    slots = ab.slots
    if all(op[0] != "roll" for _, op in ops):
        steps = [(i, op, slots[i]) for i, op in ops]

        def one(vals: tuple) -> list[tuple]:
            out = list(vals)
            for i, op, slot in steps:
                kind = op[0]
                if kind == "set":
                    out[i] = op[1]
                elif kind == "add":
                    cur = out[i]
                    new = (cur if isinstance(cur, int) else 0) + op[1]
                    if slot.lo is not None and new < slot.lo:
                        new = slot.lo
                    elif slot.hi is not None and new > slot.hi:
                        new = slot.hi
                    out[i] = new
                else:  # inc
                    new = out[i] + 1
                    out[i] = new if slot.cap is None or new < slot.cap else slot.cap
            return [tuple(out)]
        return one

    def many(vals: tuple) -> list[tuple]:
        outs = [vals]
        for i, op in ops:
            nxt = []
            for cur in outs:
                for v in ab.apply(slots[i], op, cur[i]):
                    nxt.append(cur[:i] + (v,) + cur[i + 1:])
            outs = list(dict.fromkeys(nxt))
        return outs
    return many


def key_fn(ab: Abstraction, scene_id: str) -> Callable[[tuple], tuple]:
    """Values -> per-slot class ids at this scene: the part of a state that matters from here on."""
    maps = ab.classes.get(scene_id) or [None] * len(ab.slots)
    pairs = [(i, m) for i, m in enumerate(maps) if m is not None]
    if not pairs:
        return lambda vals: vals
    if len(pairs) == len(ab.slots):
        ms = [m for _, m in pairs]
        get = dict.__getitem__
        return lambda vals: tuple(map(get, ms, vals))

    def key(vals: tuple) -> tuple:
        out = list(vals)
        for i, m in pairs:
            out[i] = m[out[i]]
        return tuple(out)
    return key


@dataclass
class Arm:
    branch: int
    target: int
    when: Callable[[tuple], bool] | None
    post: OpsFn | None


@dataclass
class Move:
    choice_id: str
    when: Callable[[tuple], bool] | None
    pre: OpsFn | None
    arms: list[Arm]


class Machine:
    def __init__(self, story: Story, ab: Abstraction | None = None) -> None:
        self.story = story
        self.ab = ab or build(story)
        ab = self.ab
        self.scene_ids = list(story.scenes)
        self.sidx = {sid: n for n, sid in enumerate(self.scene_ids)}
        self.is_end = [story.scenes[sid].ending is not None for sid in self.scene_ids]
        self.keys = [key_fn(ab, sid) for sid in self.scene_ids]
        self.moves: list[list[Move]] = []
        for sid in self.scene_ids:
            row = []
            for c in story.scenes[sid].choices:
                arms = [Arm(k, self.sidx[b.scene], compile_condition(b.when.tree, ab.resolve) if b.when else None,
                            ops_fn(ab, ab.entry_ops(b.scene))) for k, b in enumerate(c.branches)]
                row.append(Move(c.id, compile_condition(c.when.tree, ab.resolve) if c.when else None,
                                ops_fn(ab, ab.effect_ops(c.effects)), arms))
            self.moves.append(row)
        self.start = self.sidx[story.start]

    def initial(self) -> list[tuple]:
        return self.ab.initial_all()

    def successors(self, s: int, vals: tuple) -> Iterator[tuple[str, int, int, tuple]]:
        """(choice id, arm, target scene, values) for every available choice (rolls give several)."""
        for mv in self.moves[s]:
            if mv.when is not None and not mv.when(vals):
                continue
            for v1 in (mv.pre(vals) if mv.pre else (vals,)):
                arm = next(a for a in mv.arms if a.when is None or a.when(v1))
                for v2 in (arm.post(v1) if arm.post else (v1,)):
                    yield mv.choice_id, arm.branch, arm.target, v2

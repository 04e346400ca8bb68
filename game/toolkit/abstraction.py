"""A sound, finite abstraction of a story's state, so the explorer can visit every state that matters.

Two game states that no future condition can tell apart have the same future: the same choices
available, the same branches taken, the same endings reachable. So the explorer keeps only what the
*flow* conditions (choice ``if`` and goto ``if``; paragraph conditions only change text) can observe,
and merges the rest:

* **Slots.** Every variable, item (``has``), visit count (``visits``/``visited``) and ``turn()`` a flow
  condition reads is a slot; nothing else is tracked. A visit count or turn that is only compared with
  constants saturates at the largest constant + 1.
* **Per-scene classes.** For each slot and scene, values are grouped into classes that no future
  condition can separate, by partition refinement over the scene graph (a bisimulation, computed
  backwards): two values stay together at scene S only when every condition read at S agrees on them
  and, along every edge, the values they become fall into the same class at the target. A variable
  that is never read again collapses to one class (liveness falls out for free); ``footage`` only
  compared with 60 in the epilogue keeps two classes there.
* Conditions that read two slots in one comparison (``trust > stamina``), unbounded ints and
  non-constant uses of ``visits``/``turn`` keep every value apart: exact, never wrong, maybe slow.

Since the state is the product of per-slot classes and every condition is a boolean mix of one-slot
atoms, the product is a bisimulation; routes found on the abstraction are real routes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from game.engine.expr import Binary, Call, Condition, Lit, Node, Unary, Var
from game.engine.model import Choice, Effect, Scene, Story, Value
from game.toolkit.compiled import Fn, compile_node

MAX_DOMAIN = 4096  # larger finite ranges are tracked exactly instead of partitioned
COMPARE = ("==", "!=", "<", "<=", ">", ">=")

Key = tuple[str, str]  # (kind, name): kind is var | item | visits | turn
Op = tuple  # ("set", v) | ("add", k) | ("roll", lo, hi) | ("inc",)


@dataclass
class Slot:
    kind: str
    name: str
    domain: tuple | None = None  # finite values in order; None: unbounded, tracked exactly
    cap: int | None = None  # visits/turn saturate here
    exact: bool = False  # read together with another slot: no merging
    lo: int | None = None  # clamp of an int variable
    hi: int | None = None

    @property
    def key(self) -> Key:
        return (self.kind, self.name)

    @property
    def label(self) -> str:
        return {"var": self.name, "item": f"has({self.name})", "visits": f"visits({self.name})",
                "turn": "turn()"}[self.kind]


def flow_conditions(scene: Scene) -> Iterable[Condition]:
    for choice in scene.choices:
        if choice.when is not None:
            yield choice.when
        for branch in choice.branches:
            if branch.when is not None:
                yield branch.when


def _ref(node: Node) -> Key | None:
    if isinstance(node, Var):
        return ("var", node.name)
    if isinstance(node, Call):
        if node.func == "turn":
            return ("turn", "")
        if node.func == "has":
            return ("item", node.arg or "")
        return ("visits", node.arg or "")
    return None


def refs(node: Node) -> set[Key]:
    out: set[Key] = set()
    stack = [node]
    while stack:
        cur = stack.pop()
        ref = _ref(cur)
        if ref is not None:
            out.add(ref)
        elif isinstance(cur, Unary):
            stack.append(cur.operand)
        elif isinstance(cur, Binary):
            stack.extend((cur.left, cur.right))
    return out


def atoms(node: Node) -> list[Node]:
    """The leaves of the and/or/not skeleton: each is evaluated as a whole."""
    if isinstance(node, Binary) and node.op in ("and", "or"):
        return atoms(node.left) + atoms(node.right)
    if isinstance(node, Unary) and node.op == "not":
        return atoms(node.operand)
    return [node]


def _const(node: Node) -> int | None:
    if isinstance(node, Lit) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, Unary) and node.op == "-":
        inner = _const(node.operand)
        return None if inner is None else -inner
    return None


def _counter_uses(node: Node, caps: dict[Key, int | None]) -> None:
    """For visits/turn: the largest constant each is compared with, or None when used otherwise."""
    if isinstance(node, Binary) and node.op in COMPARE:
        for side, other in ((node.left, node.right), (node.right, node.left)):
            ref = _ref(side)
            if ref and ref[0] in ("visits", "turn") and not (isinstance(side, Call) and side.func == "visited"):
                const = _const(other)
                if const is None:
                    caps[ref] = None
                elif caps.get(ref, 1) is not None:
                    caps[ref] = max(caps.get(ref, 1) or 1, const + 1)
                if const is None:
                    _counter_uses(other, caps)
            else:
                _counter_uses(side, caps)
        return
    if isinstance(node, Call):
        ref = _ref(node)
        if ref and ref[0] in ("visits", "turn"):
            if node.func == "visited":
                if ref not in caps:
                    caps[ref] = 1
            else:
                caps[ref] = None  # used in arithmetic or as a truth value: keep it exact
        return
    if isinstance(node, Unary):
        _counter_uses(node.operand, caps)
    elif isinstance(node, Binary):
        _counter_uses(node.left, caps)
        _counter_uses(node.right, caps)


@dataclass
class Edge:
    """One way out of a scene: a choice, one arm of its goto, and the ops on each slot."""

    choice: Choice
    branch: int
    target: str


@dataclass
class Abstraction:
    story: Story
    slots: list[Slot]
    index: dict[Key, int]
    # scene -> per slot: {value: class id}, or None when every value is its own class
    classes: dict[str, list[dict | None]] = field(default_factory=dict)

    def resolve(self, kind: str, name: str) -> int:
        return self.index[(kind, name)]

    # -- ops ----------------------------------------------------------------------------------
    def effect_ops(self, effects: tuple[Effect, ...]) -> list[tuple[int, Op]]:
        out: list[tuple[int, Op]] = []
        for eff in effects:
            if eff.op in ("give", "take"):
                i = self.index.get(("item", eff.target))
                if i is not None:
                    out.append((i, ("set", eff.op == "give")))
                continue
            i = self.index.get(("var", eff.target))
            if i is None:
                continue
            decl = self.story.variables.get(eff.target)
            if eff.op == "set":
                out.append((i, ("set", decl.clamp(eff.value) if decl else eff.value)))  # type: ignore[arg-type]
            elif eff.op == "add":
                out.append((i, ("add", int(eff.value))))  # type: ignore[arg-type]
            elif eff.op == "roll":
                assert isinstance(eff.value, tuple)  # a roll's value is its (low, high) range
                lo, hi = eff.value
                out.append((i, ("roll", min(lo, hi), max(lo, hi))))
        return out

    def entry_ops(self, scene_id: str, counts_turn: bool = True) -> list[tuple[int, Op]]:
        """Ops from taking a choice onwards: turn + 1, visit the target, its on_enter effects."""
        out: list[tuple[int, Op]] = []
        t = self.index.get(("turn", ""))
        if counts_turn and t is not None:
            out.append((t, ("inc",)))
        v = self.index.get(("visits", scene_id))
        if v is not None:
            out.append((v, ("inc",)))
        out.extend(self.effect_ops(self.story.scenes[scene_id].on_enter))
        return out

    def apply(self, slot: Slot, op: Op, value: Value) -> tuple[Value, ...]:
        kind = op[0]
        if kind == "set":
            return (op[1],)
        if kind == "inc":
            new = value + 1  # type: ignore[operator]
            return (new if slot.cap is None else min(new, slot.cap),)
        if kind == "add":
            cur = value if isinstance(value, int) else 0
            return (self._clamp(slot, cur + op[1]),)
        return tuple(dict.fromkeys(self._clamp(slot, r) for r in range(op[1], op[2] + 1)))

    @staticmethod
    def _clamp(slot: Slot, value: int) -> int:
        if slot.lo is not None and value < slot.lo:
            return slot.lo
        if slot.hi is not None and value > slot.hi:
            return slot.hi
        return value

    def run_ops(self, slot_index: int, ops: list[tuple[int, Op]], values: Iterable[Value]) -> tuple[Value, ...]:
        slot = self.slots[slot_index]
        cur = tuple(values)
        for i, op in ops:
            if i == slot_index:
                cur = tuple(dict.fromkeys(out for v in cur for out in self.apply(slot, op, v)))
        return cur

    def initial(self) -> tuple[Value, ...]:
        story = self.story
        vals: list[Value] = []
        for slot in self.slots:
            if slot.kind == "var":
                vals.append(story.variables[slot.name].default)
            elif slot.kind == "item":
                vals.append(False)
            else:
                vals.append(0)
        ops = self.entry_ops(story.start, counts_turn=False)
        out = []
        for i, v in enumerate(vals):
            got = self.run_ops(i, ops, (v,))
            out.append(got[0])  # a roll on entering the start scene: any value will do as the start
        return tuple(out)

    def initial_all(self) -> list[tuple[Value, ...]]:
        """Every initial slot tuple (the start scene's on_enter may roll)."""
        ops = self.entry_ops(self.story.start, counts_turn=False)
        base = [self.story.variables[s.name].default if s.kind == "var" else False if s.kind == "item" else 0
                for s in self.slots]
        combos: list[list[Value]] = [[]]
        for i, v in enumerate(base):
            options = self.run_ops(i, ops, (v,))
            combos = [c + [o] for c in combos for o in options]
        return [tuple(c) for c in combos]


def build(story: Story, whole: Story | None = None) -> Abstraction:
    """Find the slots and compute, per scene and slot, the classes of values worth keeping apart.

    ``whole`` is the full story when ``story`` is a piece of it (loops.py): text values set anywhere
    in the whole story belong to the domain, since the piece can be entered holding any of them."""
    keys: set[Key] = set()
    exact: set[Key] = set()
    caps: dict[Key, int | None] = {}
    for scene in story.scenes.values():
        for cond in flow_conditions(scene):
            keys |= refs(cond.tree)
            _counter_uses(cond.tree, caps)
            for atom in atoms(cond.tree):
                found = refs(atom)
                if len(found) > 1:
                    exact |= found
    slots: list[Slot] = []
    for key in sorted(keys):
        kind, name = key
        slot = Slot(kind, name, exact=key in exact)
        if kind == "item":
            slot.domain = (False, True)
        elif kind in ("visits", "turn"):
            cap = caps.get(key)
            if cap is not None:
                slot.cap = cap
                slot.domain = tuple(range(cap + 1))
        else:
            decl = story.variables[name]
            slot.lo, slot.hi = decl.min, decl.max
            if decl.type == "bool":
                slot.domain = (False, True)
            elif decl.type == "str":
                values = {decl.default}
                for scene in (whole or story).scenes.values():
                    for eff in _all_effects(scene):
                        if eff.op == "set" and eff.target == name and isinstance(eff.value, str):
                            values.add(eff.value)
                slot.domain = tuple(sorted(values))
            elif decl.min is not None and decl.max is not None and decl.max - decl.min < MAX_DOMAIN:
                slot.domain = tuple(range(decl.min, decl.max + 1))
        slots.append(slot)
    ab = Abstraction(story, slots, {s.key: i for i, s in enumerate(slots)})
    for i, slot in enumerate(slots):
        if slot.domain is None or slot.exact:
            for sid in story.scenes:
                ab.classes.setdefault(sid, [None] * len(slots))
            continue
        per_scene = _refine(ab, i)
        for sid, mapping in per_scene.items():
            ab.classes.setdefault(sid, [None] * len(slots))[i] = mapping
    return ab


def _all_effects(scene: Scene) -> Iterable[Effect]:
    yield from scene.on_enter
    for choice in scene.choices:
        yield from choice.effects


def _refine(ab: Abstraction, i: int) -> dict[str, dict]:
    """Coarsest per-scene partition of slot i's domain that no future condition can split."""
    story, slot = ab.story, ab.slots[i]
    domain = slot.domain or ()
    key = slot.key

    def atom_fns(cond: Condition | None) -> list[Fn]:
        if cond is None:
            return []
        return [compile_node(a, lambda kind, name: 0) for a in atoms(cond.tree) if refs(a) == {key}]

    plans: dict[str, tuple] = {}
    preds: dict[str, set[str]] = {sid: set() for sid in story.scenes}
    for sid, scene in story.scenes.items():
        own = [fn for c in scene.choices for fn in atom_fns(c.when)]
        choices = []
        for c in scene.choices:
            pre = [(j, op) for j, op in ab.effect_ops(c.effects) if j == i]
            branch_atoms = [fn for b in c.branches for fn in atom_fns(b.when)]
            targets = []
            for b in c.branches:
                targets.append((b.scene, [(j, op) for j, op in ab.entry_ops(b.scene) if j == i]))
                preds[b.scene].add(sid)
            choices.append((pre, branch_atoms, targets))
        plans[sid] = (own, choices)

    cls: dict[str, list[int]] = {sid: [0] * len(domain) for sid in story.scenes}
    pos = {v: n for n, v in enumerate(domain)}
    count = {sid: 1 for sid in story.scenes}
    work = list(story.scenes)
    queued = set(work)
    while work:
        sid = work.pop()
        queued.discard(sid)
        own, choices = plans[sid]
        if not own and not choices:
            continue
        old = cls[sid]
        sigs: dict[tuple, int] = {}
        new: list[int] = []
        for n, a in enumerate(domain):
            parts: list[object] = [old[n], tuple(fn((a,)) for fn in own)]
            for pre, branch_atoms, targets in choices:
                xs = ab.run_ops(i, pre, (a,))
                parts.append(frozenset(
                    (tuple(fn((x,)) for fn in branch_atoms),
                     tuple(frozenset(cls[t][pos[y]] for y in ab.run_ops(i, ops, (x,))) for t, ops in targets))
                    for x in xs))
            new.append(sigs.setdefault(tuple(parts), len(sigs)))
        if len(sigs) != count[sid]:
            count[sid] = len(sigs)
            cls[sid] = new
            for p in preds[sid]:
                if p not in queued:
                    queued.add(p)
                    work.append(p)
    out: dict[str, dict] = {}
    for sid, ids in cls.items():
        out[sid] = {v: ids[n] for n, v in enumerate(domain)}
    return out

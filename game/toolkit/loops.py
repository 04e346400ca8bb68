"""Can every loop be left? A trap check for stories too big to explore whole.

A trap is a loop of states that, once entered, can never be left and holds no ending (scc.py).
A trap lies inside a loop of scenes, so the story's may-graph (choices and arms the
over-approximation allows) is cut into strongly connected components and each loop is checked on
its own: a small story made of the loop's scenes, where every way out leads to an "exit" ending,
explored exactly from every state the over-approximation allows at its entrances. No closed loop of
states there means no player is ever trapped in that loop. The check is sound (it may report a trap
from an entrance state the story never produces); when a loop is too wide to enumerate it says so."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from itertools import product

from game.engine.model import Branch, Ending, Scene, Story
from game.toolkit import scc
from game.toolkit.abstraction import build
from game.toolkit.machine import Machine
from game.toolkit.overapprox import Approx

EXIT = "__exit__"
MAX_ENTRY_STATES = 200_000


@dataclass
class LoopReport:
    checked: bool = True
    loops: int = 0
    trapped: list[tuple[str, str]] = field(default_factory=list)  # (scene, state description)
    unchecked: list[str] = field(default_factory=list)  # loops too wide to enumerate


def components(story: Story, approx: Approx) -> list[list[str]]:
    """Loops of the may-graph, each a list of scene ids; single scenes only with a self-edge."""
    graph: dict[str, list[str]] = {}
    for sid in approx.reach:
        graph[sid] = [b.scene for c in story.scenes[sid].choices for k, b in enumerate(c.branches)
                      if (sid, c.id, k) in approx.may_arm]
    return [comp for comp in scc.components(graph, graph) if scc.cyclic(comp, graph)]


def check_loops(story: Story, approx: Approx) -> LoopReport:
    report = LoopReport()
    for comp in components(story, approx):
        report.loops += 1
        _check_one(story, approx, comp, report)
    report.checked = not report.unchecked
    return report


def _check_one(story: Story, approx: Approx, comp: list[str], report: LoopReport) -> None:
    members = set(comp)
    scenes: dict[str, Scene] = {}
    for sid in comp:
        scene = story.scenes[sid]
        choices = tuple(replace(c, branches=tuple(b if b.scene in members else Branch(EXIT, b.when, b.loc)
                                                  for b in c.branches)) for c in scene.choices)
        scenes[sid] = replace(scene, choices=choices)
    scenes[EXIT] = Scene(EXIT, "exit", (), ending=Ending("exit"))
    sub = Story(id="loop", title="loop", version="0", start=comp[0], scenes=scenes, variables=story.variables,
                items=story.items)
    machine = Machine(sub, build(sub, story))
    slots = machine.ab.slots
    ext = approx.ab
    entries = [sid for sid in comp if sid == story.start or any(
        b.scene == sid for p in approx.reach if p not in members for c in story.scenes[p].choices for b in c.branches)]
    starts: list[tuple[int, tuple]] = []
    for sid in entries:
        sets = approx.reach.get(sid)
        if sets is None:
            continue
        per_slot = []
        classes = machine.ab.classes.get(sid) or [None] * len(slots)
        for i, slot in enumerate(slots):
            slot_classes = classes[i]
            j = ext.index.get(slot.key)
            values = sets[j] if j is not None else None
            if values is None:
                report.unchecked.append(sid)
                return
            if slot.cap is not None:
                values = {min(v, slot.cap) for v in values}
            reps: dict[object, object] = {}
            for v in sorted(values, key=lambda x: (str(type(x)), x)):
                if slot_classes is not None and v not in slot_classes:
                    report.unchecked.append(sid)  # a value the loop's own abstraction cannot place
                    return
                reps.setdefault(slot_classes[v] if slot_classes is not None else v, v)
            per_slot.append(list(reps.values()))
        total = 1
        for vs in per_slot:
            total *= max(1, len(vs))
        if total > MAX_ENTRY_STATES:
            report.unchecked.append(sid)
            return
        s = machine.sidx[sid]
        starts.extend((s, tuple(combo)) for combo in product(*per_slot))
    _explore(machine, starts, report)


def _explore(machine: Machine, starts: list[tuple[int, tuple]], report: LoopReport) -> None:
    """Every state of the loop from its entrances; a closed loop of states without the exit is a trap."""
    seen: dict[tuple, int] = {}
    nodes: list[tuple[int, tuple]] = []
    succ: dict[int, list[int]] = {}
    queue: deque[int] = deque()
    for s, vals in starts:
        k = (s, machine.keys[s](vals))
        if k not in seen:
            seen[k] = len(nodes)
            nodes.append((s, vals))
            queue.append(seen[k])
    while queue:
        n = queue.popleft()
        s, vals = nodes[n]
        if machine.is_end[s]:
            continue
        out = succ.setdefault(n, [])
        for _cid, _arm, t, v2 in machine.successors(s, vals):
            k = (t, machine.keys[t](v2))
            j = seen.get(k)
            if j is None:
                j = seen[k] = len(nodes)
                nodes.append((t, v2))
                queue.append(j)
            out.append(j)
    labels = [slot.label for slot in machine.ab.slots]
    reported: set[int] = set()
    for comp in scc.closed_loops(range(len(nodes)), succ):
        for n in comp:
            s, vals = nodes[n]
            if s not in reported:
                reported.add(s)
                state = ", ".join(f"{lab}={v}" for lab, v in zip(labels, vals)) or "any state"
                report.trapped.append((machine.scene_ids[s], state))

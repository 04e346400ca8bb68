"""`first-take playtest`: put the exhaustive explorer, the over-approximation, the witness search,
the loop check and random runs together into one report.

Small stories are explored exhaustively (every claim exact, every route shortest). When the bound
cuts the exploration short, every claim is still backed: "reached" by a real route (witness search
or random run), "impossible" by the over-approximation's proof, "no soft-lock" and "no trap" by
the over-approximation and the loop check. Anything neither proven nor found is listed as
unconfirmed and counts as a problem.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from game.engine.model import Story, Value
from game.toolkit.coverage import Goal, witness
from game.toolkit.explorer import DEFAULT_MAX_STATES, Exploration, explore
from game.toolkit.loops import check_loops
from game.toolkit.machine import Machine
from game.toolkit.overapprox import analyse
from game.toolkit.randomruns import RandomRuns, play_random


@dataclass
class Located:
    scene: str
    route: list[str] | None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"scene": self.scene, "route": self.route, "detail": self.detail}


@dataclass
class Report:
    story: Story
    method: str  # exhaustive | witness
    states: int
    complete: bool
    max_states: int
    reached: set[str]
    endings: dict[str, dict[str, Any]]
    soft_locks: list[Located] = field(default_factory=list)
    traps: list[Located] = field(default_factory=list)
    loops_checked: bool = True
    never_available: list[tuple[str, str]] = field(default_factory=list)
    arms_never_taken: list[tuple[str, str, str]] = field(default_factory=list)
    unconfirmed: list[str] = field(default_factory=list)
    possible_soft_locks: list[str] = field(default_factory=list)  # neither proven free nor witnessed
    var_ranges: dict[str, list[Value] | None] = field(default_factory=dict)
    random: RandomRuns | None = None
    seconds: float = 0.0
    notices: list[str] = field(default_factory=list)

    @property
    def unreached(self) -> list[str]:
        return [sid for sid in self.story.scenes if sid not in self.reached]

    @property
    def problems(self) -> int:
        return (len(self.soft_locks) + len(self.traps) + len(self.unreached) + len(self.possible_soft_locks)
                + len(self.unreached_endings) + (0 if self.loops_checked else 1))

    @property
    def unreached_endings(self) -> list[str]:
        return [sid for sid, e in self.endings.items() if not e["reached"]]

    def as_dict(self) -> dict[str, Any]:
        ranges: dict[str, Any] = {}
        for name, values in self.var_ranges.items():
            decl = self.story.variables[name]
            if values is None:
                ranges[name] = {"unbounded": True}
            elif decl.type == "int" and values:
                ranges[name] = {"min": values[0], "max": values[-1]}
            else:
                ranges[name] = {"values": values}
        out: dict[str, Any] = {
            "pack": self.story.id,
            "method": self.method,
            "scenes_total": len(self.story.scenes),
            "scenes_reached": len(self.reached),
            "unreached": self.unreached,
            "endings": self.endings,
            "soft_locks": [s.as_dict() for s in self.soft_locks],
            "traps": [t.as_dict() for t in self.traps],
            "loops_checked": self.loops_checked,
            "states": self.states,
            "max_states": self.max_states,
            "complete": self.complete,
            "never_available": [{"scene": s, "choice": c} for s, c in self.never_available],
            "arms_never_taken": [{"scene": s, "choice": c, "target": t} for s, c, t in self.arms_never_taken],
            "unconfirmed": self.unconfirmed,
            "possible_soft_locks": self.possible_soft_locks,
            "var_ranges": ranges,
            "notices": self.notices,
            "problems": self.problems,
            "seconds": round(self.seconds, 3),
        }
        if self.random is not None:
            r = self.random
            out["random"] = {"runs": r.runs, "seed": r.seed, "endings": dict(r.endings),
                             "soft_locks": len(r.soft_locks), "too_long": r.too_long,
                             "scenes_seen": len(r.scenes), "average_steps": round(r.steps / max(1, r.runs), 1)}
        return out


def _ending_dict(story: Story, sid: str, route: list[str] | None, shortest: bool) -> dict[str, Any]:
    ending = story.scenes[sid].ending
    return {"reached": route is not None, "route": route, "steps": None if route is None else len(route),
            "shortest": bool(route is not None and shortest), "kind": ending.kind if ending else "",
            "title": ending.title if ending else ""}


def playtest(story: Story, max_states: int = DEFAULT_MAX_STATES, random_runs: int = 0, seed: int = 0,
             witness_budget: float = 10.0) -> Report:
    started = time.perf_counter()
    machine = Machine(story)
    ex = explore(story, max_states, machine)
    approx = analyse(machine.ab)
    runs = play_random(story, random_runs, seed) if random_runs > 0 else None
    if ex.complete:
        report = _from_exhaustive(story, ex)
    else:
        report = _from_witnesses(story, ex, machine, approx, seed, witness_budget)
        report.notices.insert(0, f"the story has more than {max_states:,} states, so exploration stopped there "
                                 "(--max-states); the results below come from a witness search (every 'reached' "
                                 "has a real route) and an over-approximation (every 'never' is proven)")
    bounds = approx.bounds()
    report.var_ranges = {name: bounds.get(name) for name in story.variables}
    if runs is not None:
        report.random = runs
        for sid, route in runs.first_routes.items():
            if sid not in report.reached:
                report.reached.add(sid)
                if sid in report.endings:
                    report.endings[sid] = _ending_dict(story, sid, route, False)
        known = {s.scene for s in report.soft_locks}
        for sid, route in runs.soft_locks:
            if sid not in known:
                report.soft_locks.append(Located(sid, route, "no choice is available (random run)"))
        report.never_available = [nc for nc in report.never_available if nc not in runs.choices]
    report.seconds = time.perf_counter() - started
    return report


def _from_exhaustive(story: Story, ex: Exploration) -> Report:
    endings = {sid: _ending_dict(story, sid, ex.ending_routes.get(sid), True) for sid in story.endings}
    return Report(
        story, "exhaustive", ex.states, True, ex.max_states, set(ex.reached), endings,
        soft_locks=[Located(f.scene, f.route, f.detail) for f in ex.soft_locks],
        traps=[Located(f.scene, f.route, f.detail) for f in ex.traps],
        never_available=ex.never_available(), arms_never_taken=ex.branches_never_taken())


def _from_witnesses(story: Story, ex: Exploration, machine: Machine, approx, seed: int,  # noqa: ANN001
                    budget: float) -> Report:
    known: set[Goal] = {("scene", sid) for sid in ex.reached} | {("choice", s, c) for s, c in ex.available}
    known |= {("arm", s, c, k) for s, c, k in ex.taken}
    known |= {("soft", f.scene) for f in ex.soft_locks}
    found, missing = witness(machine, approx, seed=seed, budget=budget, known=known)
    routes = found.routes
    reached = set(ex.reached) | {g[1] for g in routes if g[0] == "scene"}
    endings = {}
    for sid in story.endings:
        if sid in ex.ending_routes:
            endings[sid] = _ending_dict(story, sid, ex.ending_routes[sid], True)
        else:
            endings[sid] = _ending_dict(story, sid, routes.get(("scene", sid)), False)
    soft = [Located(f.scene, f.route, f.detail) for f in ex.soft_locks]
    soft += [Located(g[1], r, "no choice is available") for g, r in routes.items()
             if g[0] == "soft" and g[1] not in {s.scene for s in soft}]
    available = set(ex.available) | {(g[1], g[2]) for g in routes if g[0] == "choice"}
    taken = set(ex.taken) | {(g[1], g[2], g[3]) for g in routes if g[0] == "arm"}
    never: list[tuple[str, str]] = []
    arms: list[tuple[str, str, str]] = []
    for sid, scene in story.scenes.items():
        if sid not in reached:
            continue
        for c in scene.choices:
            if (sid, c.id) not in approx.may_choice:
                never.append((sid, c.id))
            elif len(c.branches) > 1 and (sid, c.id) in available:
                arms.extend((sid, c.id, b.scene) for k, b in enumerate(c.branches)
                            if (sid, c.id, k) not in approx.may_arm and (sid, c.id, k) not in taken)
    unconfirmed = [_describe(g) for g in missing if g[0] != "soft"]
    loops = check_loops(story, approx)
    report = Report(story, "witness", ex.states + found.states, False, ex.max_states, reached, endings,
                    soft_locks=soft, never_available=never, arms_never_taken=arms, unconfirmed=unconfirmed,
                    loops_checked=loops.checked, possible_soft_locks=[g[1] for g in missing if g[0] == "soft"])
    report.traps = [Located(sid, None, f"a loop with no way out from {state}") for sid, state in loops.trapped]
    if loops.unchecked:
        report.notices.append("loops too wide to check for traps at: " + ", ".join(loops.unchecked))
    return report


def _describe(goal: tuple) -> str:
    kind = goal[0]
    if kind == "scene":
        return f"scene {goal[1]} may be reachable but no route was found"
    if kind == "choice":
        return f"choice {goal[1]}:{goal[2]} may be available but no route was found"
    return f"goto arm {goal[3] + 1} of {goal[1]}:{goal[2]} may be taken but no route was found"


def _route_text(route: list[str] | None) -> str:
    if route is None:
        return "(no route)"
    return " > ".join(route) if route else "(the start)"


def render_text(report: Report, routes: bool = False) -> str:
    """The human report: what is wrong first, then what was covered."""
    story = report.story
    lines = [f"{story.title} {story.version} ({story.id}): playtest"]
    if report.method == "exhaustive":
        lines.append(f"  explored every state: {report.states:,} states")
    else:
        lines.append(f"  states: {report.states:,} (bound {report.max_states:,} reached: complete = false)")
    for notice in report.notices:
        lines.append(f"  notice: {notice}")
    total = len(story.scenes)
    lines.append(f"  scenes reached: {len(report.reached)}/{total}")
    for sid in report.unreached:
        lines.append(f"  problem: scene {sid} is never reached ({story.scenes[sid].loc})")
    reached_endings = [sid for sid, e in report.endings.items() if e["reached"]]
    lines.append(f"  endings reached: {len(reached_endings)}/{len(report.endings)}")
    for sid, e in report.endings.items():
        if not e["reached"]:
            lines.append(f"  problem: ending {sid} is never reached ({story.scenes[sid].loc})")
            continue
        how = "shortest route" if e["shortest"] else "a route"
        tail = f": {_route_text(e['route'])}" if routes else ""
        n = e["steps"]
        lines.append(f"    {sid} [{e['kind']}]: {how}, {n} choice{'s' if n != 1 else ''}{tail}")
    for s in report.soft_locks:
        lines.append(f"  problem: soft-lock in {s.scene} ({story.scenes[s.scene].loc}): {s.detail}")
        lines.append(f"    route: {_route_text(s.route)}")
    for sid in report.possible_soft_locks:
        lines.append(f"  problem: possible soft-lock in {sid}: not proven impossible and no route found")
    for t in report.traps:
        lines.append(f"  problem: trap in {t.scene}: {t.detail}")
        if t.route is not None:
            lines.append(f"    route: {_route_text(t.route)}")
    if not report.loops_checked:
        lines.append("  problem: some loops could not be checked for traps")
    for text in report.unconfirmed:
        lines.append(f"  unconfirmed: {text}")
    for sid, cid in report.never_available:
        choice = story.scenes[sid].choice(cid)
        cond = f" (if: {choice.when.source})" if choice and choice.when else ""
        lines.append(f"  note: choice {sid}:{cid} is never available{cond}")
    for sid, cid, target in report.arms_never_taken:
        lines.append(f"  note: choice {sid}:{cid} never leads to {target}")
    if report.var_ranges:
        parts = []
        for name, values in report.var_ranges.items():
            decl = story.variables[name]
            if values is None:
                parts.append(f"{name} unbounded")
            elif decl.type == "int" and values:
                parts.append(f"{name} {values[0]}..{values[-1]}")
            else:
                parts.append(f"{name} {'/'.join(str(v).lower() if isinstance(v, bool) else repr(v) for v in values)}")
        lines.append("  variables: " + ", ".join(parts))
    if report.random is not None:
        r = report.random
        ends = ", ".join(f"{sid} {n}" for sid, n in r.endings.most_common()) or "none"
        lines.append(f"  random runs: {r.runs} (seed {r.seed}): {ends}; {len(r.soft_locks)} soft-locked, "
                     f"{r.too_long} cut at the step limit")
    problems = report.problems
    lines.append(f"  {problems} problem{'s' if problems != 1 else ''} ({report.seconds:.2f} s)" if problems
                 else f"  ok ({report.seconds:.2f} s)")
    return "\n".join(lines)

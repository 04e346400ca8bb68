"""Route files: golden paths through a pack, as Inform's blessed transcripts are for a parser game.

One format serves three tools: ``first-take test`` runs every ``*.route.yaml`` under a pack's
``tests/`` folder and checks its expectations, ``first-take play --record FILE`` writes one while
someone plays, and ``first-take replay FILE`` plays one back. A route names choices by their stable
ids (or by the scene a choice leads to), never by position, so it survives edits above it.

Reading goes through the same guarded YAML reader as packs, so every problem in a route file is a
located Diagnostic; running a route reports the step that broke, at that step's line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.content.diagnostics import Diagnostic
from game.content.fields import ID_RE, Ctx
from game.content.loader import shown_path
from game.content.yamlsrc import YList, YMap, read_file
from game.engine.expr import Condition
from game.engine.model import Loc, Story, Value
from game.engine.state import GameState

ROUTE_KEYS = {"name", "seed", "start", "set", "steps", "expect"}
STEP_KEYS = {"choice", "goto", "timeout", "expect"}
EXPECT_KEYS = {"ending", "scene", "vars", "if", "text"}
SUFFIXES = (".route.yaml", ".route.yml")
MAX_STEPS = 100_000


@dataclass
class Expect:
    """What must hold after a step, or at the end: every field is optional."""

    ending: str | None = None
    scene: str | None = None
    vars: dict[str, Value] = field(default_factory=dict)
    conditions: list[Condition] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    loc: Loc = Loc("<route>", 1, 1)
    locs: dict[str, Loc] = field(default_factory=dict)  # where each key (ending, scene, if, text) was written
    var_locs: dict[str, Loc] = field(default_factory=dict)

    def at(self, key: str) -> Loc:
        return self.locs.get(key, self.loc)

    @property
    def empty(self) -> bool:
        return not (self.ending or self.scene or self.vars or self.conditions or self.text)


@dataclass
class Step:
    """One move: a choice id, the choice leading to a scene (``goto``), or the timer running out."""

    choice: str | None = None
    goto: str | None = None
    timeout: bool = False
    expect: Expect | None = None
    loc: Loc = Loc("<route>", 1, 1)

    def __str__(self) -> str:
        if self.choice:
            return self.choice
        return f"goto {self.goto}" if self.goto else "timeout"


@dataclass
class Route:
    seed: int = 0
    steps: list[Step] = field(default_factory=list)
    expect: Expect = field(default_factory=Expect)
    start: str | None = None
    set: dict[str, Value] = field(default_factory=dict)
    name: str = ""
    path: str = ""

    @property
    def choice_ids(self) -> list[str] | None:
        """The steps as plain choice ids, or None when a step is a goto or a timeout."""
        if all(s.choice for s in self.steps):
            return [s.choice for s in self.steps]  # type: ignore[misc]
        return None


# -- reading -----------------------------------------------------------------------------------
def load_route(path: Path | str) -> tuple[Route | None, list[Diagnostic]]:
    """Read a route file; (None, diagnostics) when it cannot be used. Never raises for bad content."""
    path = Path(path)
    shown = shown_path(path)
    diags: list[Diagnostic] = []
    data, read_diags = read_file(str(path), shown)
    diags.extend(read_diags)
    if data is None:
        if not read_diags:
            diags.append(Diagnostic(shown, 1, 1, "E601", "the route file is empty", "write `steps:` and a list of choice ids"))
        return None, diags
    ctx = Ctx(shown, diags)
    top = ctx.mapping(data, (1, 1), "a route file")
    if top is None:
        return None, diags
    ctx.keys(top, ROUTE_KEYS, "a route file")
    route = Route(path=shown)
    route.name = str(ctx.get(top, "name", "text", "a route file", default="") or "")
    seed = ctx.get(top, "seed", "int", "a route file", default=0)
    route.seed = seed if isinstance(seed, int) else 0
    route.start = ctx.get(top, "start", "id", "a route file", default=None)
    sets = ctx.get(top, "set", "map", "a route file")
    if sets is not None:
        route.set = _values(ctx, sets, "set")
    steps = ctx.get(top, "steps", "list", "a route file", required=True, default=None)
    for index, (entry, pos) in enumerate(zip(steps or [], getattr(steps, "pos", []))):
        step = _step(ctx, entry, pos, getattr(steps, "raw", {}).get(index))
        if step is not None:
            route.steps.append(step)
    if steps is not None and len(steps) > MAX_STEPS:
        ctx.error("E601", f"the route has more than {MAX_STEPS:,} steps", (steps.line, steps.col))
    exp = ctx.get(top, "expect", "map", "a route file")
    if exp is not None:
        route.expect = _expect(ctx, exp)
    if any(d.severity == "error" for d in diags):
        return None, diags
    return route, diags


def _values(ctx: Ctx, m: YMap, what: str) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for name, value in m.items():
        pos = m.val_pos.get(name, m.key_pos[name])
        if not ID_RE.match(name):
            ctx.error("E105", f"'{name}' is not a variable name", m.key_pos[name])
        elif isinstance(value, (bool, int, str)):
            out[name] = value
        else:
            ctx.error("E101", f"'{name}' under `{what}` should be a number, true/false or text", pos,
                      "quote text values")
    return out


def _step(ctx: Ctx, entry: object, pos: tuple[int, int], raw: str | None) -> Step | None:
    loc = ctx.loc(pos)
    if isinstance(entry, str):
        if entry == "timeout":
            return Step(timeout=True, loc=loc)
        if ID_RE.match(entry):
            return Step(choice=entry, loc=loc)
        ctx.error("E601", f"'{entry}' is not a choice id", pos, "a step is a choice id, `timeout`, "
                  "`{choice: id}` or `{goto: scene}`")
        return None
    if isinstance(entry, bool) or entry is None:
        word = raw if raw is not None else str(entry).lower()
        ctx.error("E104", f"step '{word}' was read as {'true/false' if entry is not None else 'nothing'}, "
                  "not a choice id", pos, f"put it in quotes: - \"{word}\"")
        return None
    if not isinstance(entry, YMap):
        ctx.error("E601", "a step is a choice id, `timeout`, `{choice: id}` or `{goto: scene}`", pos)
        return None
    ctx.keys(entry, STEP_KEYS, "a route step")
    kinds = [k for k in ("choice", "goto", "timeout") if k in entry]
    if len(kinds) != 1:
        ctx.error("E601", "a step needs exactly one of `choice`, `goto` or `timeout`", pos,
                  "write `- {choice: some_id}` or `- {goto: scene_id}`")
        return None
    step = Step(loc=loc)
    if kinds[0] == "timeout":
        if ctx.get(entry, "timeout", "bool", "a route step", default=True) is not True:
            ctx.error("E601", "`timeout` can only be true", ctx.vpos(entry, "timeout"))
            return None
        step.timeout = True
    else:
        value = ctx.get(entry, kinds[0], "id", "a route step")
        if value is None:
            return None
        setattr(step, kinds[0], value)
    exp = ctx.get(entry, "expect", "map", "a route step")
    if exp is not None:
        step.expect = _expect(ctx, exp)
    return step


def _expect(ctx: Ctx, m: YMap) -> Expect:
    ctx.keys(m, EXPECT_KEYS, "`expect`")
    exp = Expect(loc=ctx.loc((m.line, m.col)), locs={k: ctx.loc(m.key_pos[k]) for k in m})
    exp.ending = ctx.get(m, "ending", "id", "`expect`", default=None)
    exp.scene = ctx.get(m, "scene", "id", "`expect`", default=None)
    vars_map = ctx.get(m, "vars", "map", "`expect`")
    if vars_map is not None:
        exp.vars = _values(ctx, vars_map, "vars")
        exp.var_locs = {k: ctx.loc(vars_map.key_pos[k]) for k in exp.vars}
    if "if" in m:
        conds = m["if"]
        items = list(zip(conds, conds.pos)) if isinstance(conds, YList) else [(conds, ctx.vpos(m, "if"))]
        for src, pos in items:
            cond = ctx.condition(src, pos)
            if cond is not None:
                exp.conditions.append(cond)
    if "text" in m:
        texts = m["text"]
        if isinstance(texts, str):
            exp.text = [texts]
        elif isinstance(texts, YList) and all(isinstance(t, str) for t in texts):
            exp.text = list(texts)
        else:
            ctx.error("E101", "`text` under `expect` should be text or a list of texts", ctx.vpos(m, "text"),
                      "quote each piece of text")
    return exp


def find_routes(pack_dir: Path | str) -> list[Path]:
    """Every route file under the pack's tests/ folder, in sorted order."""
    tests = Path(pack_dir) / "tests"
    if not tests.is_dir():
        return []
    return sorted(p for p in tests.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES)
                  and not any(part.startswith(".") for part in p.relative_to(tests).parts))


# -- writing -----------------------------------------------------------------------------------
def _scalar(value: Value) -> str:
    """A YAML scalar that reads back as exactly this value (ids like `no` or `on` get quotes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if ID_RE.match(value) and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _dump_expect(exp: Expect, indent: str) -> list[str]:
    lines: list[str] = []
    if exp.ending:
        lines.append(f"{indent}ending: {_scalar(exp.ending)}")
    if exp.scene:
        lines.append(f"{indent}scene: {_scalar(exp.scene)}")
    if exp.vars:
        body = ", ".join(f"{k}: {_scalar(v)}" for k, v in exp.vars.items())
        lines.append(f"{indent}vars: {{{body}}}")
    if exp.conditions:
        lines.append(f"{indent}if: [{', '.join(_scalar(c.source) for c in exp.conditions)}]")
    if exp.text:
        lines.append(f"{indent}text: [{', '.join(_scalar(t) for t in exp.text)}]")
    return lines


def dump_route(route: Route, comment: str = "") -> str:
    """YAML text for a route, in the order people read it; load_route(dump_route(r)) gives r back."""
    lines = [f"# {line}" if line else "#" for line in comment.splitlines()]
    if route.name:
        lines.append(f"name: {_scalar(route.name)}")
    lines.append(f"seed: {route.seed}")
    if route.start:
        lines.append(f"start: {_scalar(route.start)}")
    if route.set:
        lines.append("set: {" + ", ".join(f"{k}: {_scalar(v)}" for k, v in route.set.items()) + "}")
    lines.append("steps:" if route.steps else "steps: []")
    for step in route.steps:
        head = "choice" if step.choice else "goto" if step.goto else "timeout"
        value = step.choice or step.goto
        if step.expect is None or step.expect.empty:
            lines.append(f"  - {_scalar(step.choice)}" if step.choice else f"  - {{{head}: {_scalar(value) if value else 'true'}}}")
        else:
            lines.append(f"  - {head}: {_scalar(value) if value else 'true'}")
            lines.append("    expect:")
            lines.extend(_dump_expect(step.expect, "      "))
    if not route.expect.empty:
        lines.append("expect:")
        lines.extend(_dump_expect(route.expect, "  "))
    return "\n".join(lines) + "\n"


def route_for_state(story: Story, state: GameState, start: str | None = None) -> str:
    """The route file for a game so far (`play --record`): its seed, its choices, where it stands."""
    over = story.scenes.get(state.scene) is not None and story.scenes[state.scene].ending is not None
    route = Route(seed=state.seed, steps=[Step(choice=c) for _, c in state.log],
                  start=start if start and start != story.start else None,
                  expect=Expect(ending=state.scene) if over else Expect(scene=state.scene))
    note = (f"Route through {story.title} {story.version}, recorded by first-take play --record.\n"
            "Run it with `first-take test` (put it under the pack's tests/ folder) or `first-take replay FILE`.")
    return dump_route(route, note)

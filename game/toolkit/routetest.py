"""Running route files against a story: which step broke, and why, at that step's line.

A route is played on the real engine exactly as a player would play it (``Playthrough.new`` does
what ``play --from/--set`` does), so a passing route is a run someone can actually have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from game.content.diagnostics import Diagnostic, has_errors
from game.content.fields import suggest
from game.content.routes import Expect, Route, Step, dump_route, load_route
from game.engine.expr import names
from game.engine.model import Loc, Story, Value
from game.engine.session import Session
from game.play.playthrough import Playthrough

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass
class RouteResult:
    path: str
    route: Route | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    steps_run: int = 0
    scene: str = ""

    @property
    def passed(self) -> bool:
        return self.route is not None and not has_errors(self.diagnostics)

    @property
    def name(self) -> str:
        return (self.route.name if self.route and self.route.name else "") or Path(self.path).name


def _diag(loc: Loc, code: str, message: str, hint: str = "") -> Diagnostic:
    return Diagnostic(loc.path, loc.line, loc.col, code, message, hint)


def _type_ok(story: Story, name: str, value: Value) -> bool:
    decl = story.variables[name]
    return {"int": isinstance(value, int) and not isinstance(value, bool), "bool": isinstance(value, bool),
            "str": isinstance(value, str)}[decl.type]


def check_static(story: Story, route: Route) -> list[Diagnostic]:
    """Names the route uses that the story does not have (E602), before anything is played."""
    out: list[Diagnostic] = []
    top = Loc(route.path, 1, 1)
    if route.start and route.start not in story.scenes:
        near = suggest(route.start, story.scenes)
        out.append(_diag(top, "E602", f"start scene '{route.start}' does not exist", f"did you mean '{near}'?" if near else ""))
    for name, value in route.set.items():
        out.extend(_check_var(story, top, name, value, "set"))
    choice_ids = {c.id for s in story.scenes.values() for c in s.choices}
    for n, step in enumerate(route.steps, 1):
        if step.choice and step.choice not in choice_ids:
            near = suggest(step.choice, choice_ids)
            out.append(_diag(step.loc, "E602", f"step {n}: no scene has a choice '{step.choice}'",
                             f"did you mean '{near}'?" if near else "choice ids are the `id:` of a choice, or its goto target"))
        if step.goto and step.goto not in story.scenes:
            near = suggest(step.goto, story.scenes)
            out.append(_diag(step.loc, "E602", f"step {n}: no scene '{step.goto}'", f"did you mean '{near}'?" if near else ""))
        if step.expect:
            out.extend(_check_expect(story, step.expect))
    out.extend(_check_expect(story, route.expect))
    return out


def _check_var(story: Story, loc: Loc, name: str, value: Value, where: str) -> list[Diagnostic]:
    if name not in story.variables:
        near = suggest(name, story.variables)
        return [_diag(loc, "E602", f"`{where}` names undeclared variable '{name}'", f"did you mean '{near}'?" if near else "")]
    if not _type_ok(story, name, value):
        return [_diag(loc, "E602", f"'{name}' is {story.variables[name].type}, not {value!r}", "")]
    return []


def _check_expect(story: Story, exp: Expect) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if exp.ending:
        scene = story.scenes.get(exp.ending)
        if scene is None or scene.ending is None:
            endings = ", ".join(story.endings)
            out.append(_diag(exp.at("ending"), "E602", f"'{exp.ending}' is not an ending of {story.title}", f"endings: {endings}"))
    if exp.scene and exp.scene not in story.scenes:
        near = suggest(exp.scene, story.scenes)
        out.append(_diag(exp.at("scene"), "E602", f"no scene '{exp.scene}'", f"did you mean '{near}'?" if near else ""))
    for name, value in exp.vars.items():
        out.extend(_check_var(story, exp.var_locs.get(name, exp.loc), name, value, "vars"))
    for cond in exp.conditions:
        for kind, name, _col in names(cond.tree):
            known = {"var": story.variables, "scene": story.scenes, "item": story.items}[kind]
            if name not in known:
                out.append(_diag(exp.at("if"), "E602", f"condition '{cond.source}' names unknown {kind} '{name}'"))
    return out


class _Run:
    def __init__(self, story: Story, route: Route) -> None:
        self.story = story
        self.route = route
        self.session: Session = Playthrough.new(story, route.seed, route.set, route.start).session
        self.shown: list[str] = []
        self.last: list[str] = []
        self.diags: list[Diagnostic] = []
        self.show()

    def show(self) -> None:
        """Everything the player sees on arriving somewhere: title, text, choice labels, the ending."""
        scene = self.session.scene()
        seen = [scene.title, *self.session.text(), *(v.text for v in self.session.choices())]
        if scene.ending is not None:
            seen += [scene.ending.title, scene.ending.epilogue]
        self.last = [_norm(t) for t in seen if t]
        self.shown.extend(self.last)

    def where(self) -> str:
        return f"scene '{self.session.state.scene}'"

    def take(self, n: int, step: Step) -> bool:
        session = self.session
        if session.is_over:
            self.diags.append(_diag(step.loc, "E604", f"step {n} ({step}) comes after the story ended at "
                                    f"'{session.state.scene}'", "remove the steps after the ending"))
            return False
        views = session.choices()
        if step.timeout:
            if session.scene().timer is None:
                self.diags.append(_diag(step.loc, "E603", f"step {n}: {self.where()} has no timer to run out"))
                return False
            session.timeout()
            return True
        if step.goto:
            leads = []
            for v in views:
                if v.available:
                    sim = Session(self.story, session.state.copy())
                    sim.choose(v.id)
                    leads.append((v.id, sim.state.scene))
            ids = [cid for cid, target in leads if target == step.goto]
            if len(ids) != 1:
                where = ", ".join(f"{cid} -> {target}" for cid, target in leads) or "no choice is available"
                what = "no available choice leads" if not ids else f"{len(ids)} choices lead ({', '.join(ids)})"
                self.diags.append(_diag(step.loc, "E603", f"step {n}: in {self.where()} {what} to '{step.goto}'",
                                        f"here: {where}" if not ids else "name the choice by its id instead"))
                return False
            session.choose(ids[0])
            return True
        view = next((v for v in views if v.id == step.choice), None)
        if view is None:
            offered = ", ".join(v.id for v in views)
            near = suggest(step.choice or "", [v.id for v in views])
            self.diags.append(_diag(step.loc, "E603", f"step {n}: {self.where()} has no choice '{step.choice}'",
                                    (f"did you mean '{near}'? " if near else "") + f"choices here: {offered}"))
            return False
        if not view.available:
            self.diags.append(_diag(step.loc, "E603", f"step {n}: choice '{step.choice}' in {self.where()} is locked",
                                    view.reason or "its condition does not hold on this route"))
            return False
        session.choose(view.id)
        return True

    def expect(self, exp: Expect, texts: list[str], label: str) -> None:
        session = self.session
        state = session.state
        if exp.ending and (state.scene != exp.ending or not session.is_over):
            now = f"ending '{state.scene}'" if session.is_over else f"scene '{state.scene}' (not an ending)"
            self.diags.append(_diag(exp.at("ending"), "E604", f"{label}: expected ending '{exp.ending}', reached {now}"))
        if exp.scene and state.scene != exp.scene:
            self.diags.append(_diag(exp.at("scene"), "E604", f"{label}: expected scene '{exp.scene}', at '{state.scene}'"))
        env = session.env
        for name, want in exp.vars.items():
            got = env.var(name)
            if type(got) is not type(want) or got != want:
                self.diags.append(_diag(exp.var_locs.get(name, exp.loc), "E605",
                                        f"{label}: {name} is {_show(got)}, expected {_show(want)}"))
        for cond in exp.conditions:
            if not cond.holds(env):
                used = sorted({n for kind, n, _ in names(cond.tree) if kind == "var"})
                values = ", ".join(f"{n}={_show(env.var(n))}" for n in used)
                self.diags.append(_diag(exp.at("if"), "E605", f"{label}: '{cond.source}' does not hold",
                                        f"values now: {values}" if values else ""))
        blob = "\n".join(texts)
        for want in exp.text:
            if _norm(want) not in blob:
                self.diags.append(_diag(exp.at("text"), "E606", f"{label}: the text '{_short(want)}' was not shown",
                                        "matched against titles, paragraphs and choice labels; spacing is ignored,"
                                        " case is not"))


def _show(value: Value) -> str:
    return str(value).lower() if isinstance(value, bool) else repr(value) if isinstance(value, str) else str(value)


def _short(text: str) -> str:
    text = _norm(text)
    return text if len(text) <= 60 else text[:57] + "..."


def run_route(story: Story, route: Route) -> RouteResult:
    result = RouteResult(route.path, route)
    static = check_static(story, route)
    if static:
        result.diagnostics = static
        return result
    run = _Run(story, route)
    for n, step in enumerate(route.steps, 1):
        if not run.take(n, step):
            break
        result.steps_run = n
        run.show()
        if step.expect is not None:
            run.expect(step.expect, run.last, f"after step {n}")
    else:
        run.expect(route.expect, run.shown, "at the end")
    result.diagnostics = run.diags
    result.scene = run.session.state.scene
    return result


def run_file(story: Story, path: Path | str) -> RouteResult:
    route, diags = load_route(path)
    if route is None:
        return RouteResult(str(path), None, diags)
    result = run_route(story, route)
    result.diagnostics = diags + result.diagnostics
    return result


def route_to(story: Story, choices: list[str], expect: Expect, seeds: int = 256) -> Route | None:
    """A route for these choice ids that passes, trying seeds until the story's rolls agree with it."""
    for seed in range(seeds):
        route = Route(seed=seed, steps=[Step(choice=c) for c in choices], expect=expect)
        if run_route(story, route).passed:
            return route
    return None


def write_ending_routes(story: Story, endings: dict, folder: Path | str) -> list[Path]:
    """One route test per ending reached (playtest --write-routes); existing files are left alone."""
    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for sid, info in endings.items():
        if not info.get("reached") or info.get("route") is None:
            continue
        path = out_dir / f"{sid}.route.yaml"
        if path.exists():
            continue
        route = route_to(story, list(info["route"]), Expect(ending=sid))
        if route is None:
            continue
        n = len(route.steps)
        route.name = f"a route to {sid} ({n} choice{'s' if n != 1 else ''})"
        note = (f"Written by `first-take playtest --write-routes` for {story.title} {story.version}.\n"
                "Edit freely: add `vars:`, `if:` or `text:` under `expect:` to pin down what matters.")
        path.write_text(dump_route(route, note), encoding="utf-8")
        written.append(path)
    return written


def choice_ids(story: Story, route: Route) -> list[str]:
    """The route's steps as the choice ids they take on this story (for replays); ValueError if a step fails."""
    static = check_static(story, route)
    if static:
        raise ValueError(static[0].text().replace("\n", "; "))
    run = _Run(story, route)
    for n, step in enumerate(route.steps, 1):
        if not run.take(n, step):
            raise ValueError(run.diags[-1].text().replace("\n", "; "))
    return [c for _, c in run.session.state.log]

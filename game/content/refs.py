"""Cross-reference checks, run once every scene, variable, item and fact is known."""

from __future__ import annotations

from game.content.build import Build, Pos
from game.content.fields import Ctx, suggest
from game.engine.expr import names
from game.engine.model import Effect


def _near(word: str, options) -> str:  # noqa: ANN001
    near = suggest(word, options)
    return f"did you mean '{near}'?" if near else ""


def check_refs(build: Build) -> None:
    """Report every dangling reference, and remember which variables are read (for W502)."""
    build.read_vars = set()
    declare_hint = "declare it under `variables:` in pack.yaml"
    for ctx, name, pos in build.refs.text_vars:
        build.read_vars.add(name)
        if name not in build.variables:
            ctx.error("E302", f"text uses undeclared variable '{name}'", pos, _near(name, build.variables) or declare_hint)
    for ctx, cond, pos in build.refs.conditions:
        for kind, name, col in names(cond.tree):
            at = (pos[0], pos[1] + col - 1)
            if kind == "var":
                build.read_vars.add(name)
                if name not in build.variables:
                    ctx.error("E302", f"condition uses undeclared variable '{name}'", at,
                              _near(name, build.variables) or declare_hint)
            elif kind == "scene" and name not in build.scenes:
                ctx.error("E303", f"no scene '{name}' for visited()/visits()", at, _near(name, build.scenes))
            elif kind == "item" and name not in build.items:
                ctx.error("E304", f"has() names undeclared item '{name}'", at,
                          _near(name, build.items) or "declare it under `items:` in pack.yaml")
    for ctx, target, pos in build.refs.gotos:
        if target not in build.scenes:
            ctx.error("E202", f"goto to missing scene '{target}'", pos,
                      _near(target, build.scenes) or "create the scene or fix the id")
    for ctx, fid, pos in build.refs.facts:
        if fid not in build.facts:
            hint = _near(fid, build.facts) or ("add it to the pack's fact sheet" if build.facts else
                                              "list a fact sheet under `facts:` in pack.yaml")
            ctx.error("E401", f"unknown fact '{fid}'", pos, hint)
    for ctx, scene, pos in build.refs.timers:
        if scene.timer and scene.choice(scene.timer.default) is None:
            ids = ", ".join(c.id for c in scene.choices)
            ctx.error("E205", f"timer default '{scene.timer.default}' is not a choice of scene '{scene.id}'", pos,
                      f"choice ids here: {ids}")
    for ctx, eff, pos in build.refs.effects:
        _check_effect(build, ctx, eff, pos)


def _check_effect(build: Build, ctx: Ctx, eff: Effect, pos: Pos) -> None:
    if eff.op in ("give", "take"):
        if eff.target not in build.items:
            ctx.error("E304", f"{eff.op} names undeclared item '{eff.target}'", pos,
                      _near(eff.target, build.items) or "declare it under `items:` in pack.yaml")
        return
    decl = build.variables.get(eff.target)
    if decl is None:
        ctx.error("E302", f"{eff.op} changes undeclared variable '{eff.target}'", pos,
                  _near(eff.target, build.variables) or "declare it under `variables:` in pack.yaml")
        return
    if eff.op in ("add", "roll") and decl.type != "int":
        ctx.error("E306", f"'{eff.op}' needs an int variable; '{eff.target}' is {decl.type}", pos,
                  "use `set` for bool and str variables")
    elif eff.op == "add" and (isinstance(eff.value, bool) or not isinstance(eff.value, int)):
        ctx.error("E306", f"'add' needs a whole number for '{eff.target}'", pos)
    elif eff.op == "set":
        value = eff.value
        ok = {"int": isinstance(value, int) and not isinstance(value, bool),
              "bool": isinstance(value, bool), "str": isinstance(value, str)}[decl.type]
        if not ok:
            hint = "quote the value" if decl.type == "str" else f"give a {decl.type} value"
            ctx.error("E306", f"'{eff.target}' is {decl.type} but is set to {value!r}", pos, hint)

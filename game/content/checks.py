"""Graph checks on a loaded story: reachability and unused declarations (warnings)."""

from __future__ import annotations

from collections.abc import Iterator

from game.content.build import Build
from game.content.diagnostics import Diagnostic
from game.engine.expr import names
from game.engine.model import Effect, Loc, Scene, Story


def reachable(story: Story) -> set[str]:
    """Scenes reachable from the start over any edge, ignoring conditions (a static over-approximation)."""
    seen = {story.start}
    stack = [story.start]
    while stack:
        scene = story.scenes.get(stack.pop())
        if scene is None:
            continue
        for choice in scene.choices:
            for target in choice.targets:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
    if story.demo:
        seen.add(story.demo[0])
    return seen


def check_graph(build: Build, story: Story) -> None:
    """W501-W503: unreachable scenes, variables never read, items never given."""
    reach = reachable(story)
    for sid in story.scenes:
        if sid not in reach:
            ctx, pos = build.scene_ctx[sid]
            ctx.error("W501", f"scene '{sid}' cannot be reached from the start scene '{story.start}'", pos,
                      "add a choice that leads here, or remove the scene")
    read = story_reads(story) if build.base is not None else build.read_vars
    for name, decl in story.variables.items():
        if name not in read and not decl.show:
            build.diags.append(_at(decl.loc, "W502", f"variable '{name}' is declared but never read",
                                   "use it in a condition or text, mark it `show: true`, or remove it"))
    given = {eff.target for scene in story.scenes.values() for eff in _effects(scene) if eff.op == "give"}
    for name, item in story.items.items():
        if name not in given:
            build.diags.append(_at(item.loc, "W503", f"item '{name}' is never given", "give it in an effect, or remove it"))


def _effects(scene: Scene) -> Iterator[Effect]:
    yield from scene.on_enter
    for choice in scene.choices:
        yield from choice.effects


def story_reads(story: Story) -> set[str]:
    """Variables the merged story reads in conditions and text (extension packs replace scenes)."""
    out: set[str] = set()
    for scene in story.scenes.values():
        conds = [p.when for p in scene.paragraphs] + [c.when for c in scene.choices]
        conds += [b.when for c in scene.choices for b in c.branches]
        out |= {n for cond in conds if cond is not None for kind, n, _ in names(cond.tree) if kind == "var"}
        templates = [p.text for p in scene.paragraphs] + [c.text for c in scene.choices]
        out |= {n for t in templates for n, _ in t.names}
    return out


def _at(loc: Loc, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(loc.path, loc.line, loc.col, code, message, hint)

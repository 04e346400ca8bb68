"""Graph checks on a loaded story: reachability and unused declarations (warnings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.model import Story

if TYPE_CHECKING:
    from game.content.loader import Loader


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


def check_graph(ld: Loader, story: Story) -> None:
    reach = reachable(story)
    for sid, scene in story.scenes.items():
        if sid not in reach:
            ctx, pos = ld.scene_ctx[sid]
            ctx.error("W501", f"scene '{sid}' cannot be reached from the start scene '{story.start}'", pos,
                      "add a choice that leads here, or remove the scene")
    read = story_reads(story) if ld.base is not None else getattr(ld, "read_vars", set())
    for name, decl in story.variables.items():
        if name not in read and not decl.show:
            ld.diags.append(_at(decl.loc, "W502", f"variable '{name}' is declared but never read",
                                "use it in a condition or text, mark it `show: true`, or remove it"))
    given = {eff.target for scene in story.scenes.values() for eff in _effects(scene) if eff.op == "give"}
    for name, item in story.items.items():
        if name not in given:
            ld.diags.append(_at(item.loc, "W503", f"item '{name}' is never given", "give it in an effect, or remove it"))


def _effects(scene):  # noqa: ANN001, ANN202
    yield from scene.on_enter
    for choice in scene.choices:
        yield from choice.effects


def story_reads(story: Story) -> set[str]:
    """Variables the merged story reads in conditions and text (extension packs replace scenes)."""
    from game.engine.expr import names

    out: set[str] = set()
    for scene in story.scenes.values():
        conds = [p.when for p in scene.paragraphs] + [c.when for c in scene.choices]
        conds += [b.when for c in scene.choices for b in c.branches]
        out |= {n for cond in conds if cond is not None for kind, n, _ in names(cond.tree) if kind == "var"}
        templates = [p.text for p in scene.paragraphs] + [c.text for c in scene.choices]
        out |= {n for t in templates for n, _ in t.names}
    return out


def _at(loc, code: str, message: str, hint: str):  # noqa: ANN001, ANN202
    from game.content.diagnostics import Diagnostic
    return Diagnostic(loc.path, loc.line, loc.col, code, message, hint)

"""Extension packs: a pack that says `extends: first-take` (or a folder) plays inside its base.

The base is loaded first, as a build of its own (so its files stay bound to its own folder), and the
extension starts from a copy of its declarations and scenes. The extension may then add scenes and
declarations, add choices to any scene (`add_choices`), and replace a base scene only when it says
`replace: true`; anything else that reuses a base id is an error naming both files. References,
graph checks, playtests and route tests all run on the merged story.

The loader passes attach_base the function that loads a build, so this module never imports the
loader; `add_choices` entries are read by scenes.py, which imports this module (for add_over_base),
so nothing here imports scenes.py either.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from game.content.build import Build, LoadResult, PackError, Pos
from game.content.fields import Ctx, suggest
from game.content.keys import BUILTIN
from game.content.paths import builtin_pack_dir
from game.content.yamlsrc import YMap
from game.engine.model import Scene

MAX_CHAIN = 8


def attach_base(build: Build, ctx: Ctx, meta: YMap, spec: str, load: Callable[[Build], LoadResult]) -> bool:
    """Load the base pack with load() and seed the build with it; False (diagnostics added) when it cannot be used."""
    pos = ctx.vpos(meta, "extends")
    base_dir = builtin_pack_dir() if spec == BUILTIN else Path(build.root) / spec
    here = Path(build.root).resolve()
    target = base_dir.resolve()
    if target == here or target in build.chain:
        ctx.error("E210", f"extends '{spec}' leads back to this pack", pos,
                  "a pack cannot extend itself, directly or through its base")
        return False
    if len(build.chain) >= MAX_CHAIN:
        ctx.error("E210", f"more than {MAX_CHAIN} packs extend one another", pos, "extend the base pack directly")
        return False
    base = Build(base_dir, build.chain + (here,))
    try:
        result = load(base)
    except PackError as err:
        ctx.error("E210", f"extends '{spec}': {err}", pos,
                  "name `first-take` (the built-in story) or a pack folder, relative to this pack")
        return False
    if not result.ok or result.story is None:
        build.diags.extend(d for d in result.diagnostics if d.severity == "error")
        ctx.error("E210", f"the base pack '{spec}' has errors", pos, "fix the base pack first; its errors are listed too")
        return False
    story = result.story
    build.base, build.base_story = base, story
    build.variables.update(story.variables)
    build.items.update(story.items)
    build.facts.update(story.facts)
    build.scenes.update(story.scenes)
    build.scene_ctx.update({sid: (Ctx(c.path, build.diags), p) for sid, (c, p) in base.scene_ctx.items()})
    build.fact_paths |= base.fact_paths
    build.hasher.update(story.content_hash.encode())
    return True


def add_over_base(build: Build, ctx: Ctx, scene: Scene, raw: YMap, pos: Pos) -> bool:
    """Handle `replace:` and ids the base already has; True when the scene has been dealt with here."""
    wants = raw.get("replace", False)
    if not isinstance(wants, bool):
        ctx.error("E101", "'replace' should be true or false", ctx.vpos(raw, "replace"))
        return True
    base = build.base_story
    if base is not None and scene.id in base.scenes and scene.id not in build.replaced:
        if wants:
            build.scenes[scene.id] = scene  # keeps the base's place in scene order
            build.replaced.add(scene.id)
            build.scene_ctx[scene.id] = (ctx, pos)
            return True
        ctx.error("E208", f"scene '{scene.id}' is already defined by the base pack at {base.scenes[scene.id].loc}",
                  pos, "add `replace: true` to replace the base scene, or choose another id")
        return True
    if wants:
        if base is None:
            ctx.error("E209", f"scene '{scene.id}' says `replace: true`, but this pack does not extend another",
                      ctx.vpos(raw, "replace"), "add `extends: first-take` (or a folder) to pack.yaml, or remove it")
        else:
            near = suggest(scene.id, base.scenes)
            ctx.error("E209", f"`replace: true`, but the base pack has no scene '{scene.id}'", pos,
                      f"did you mean '{near}'?" if near else "remove `replace: true` to add a new scene")
    return False  # added as a new scene, so one mistake does not cascade into missing-scene errors


def apply_patches(build: Build) -> None:
    """Add the `add_choices` entries scenes.read_patch collected, now that every scene is known."""
    for ctx, sid, pos, choices in build.patches:
        scene = build.scenes.get(sid)
        if scene is None:
            near = suggest(sid, build.scenes)
            ctx.error("E209", f"add_choices: there is no scene '{sid}' to add choices to", pos,
                      f"did you mean '{near}'?" if near else "name a scene of the base pack or of this pack")
            continue
        if scene.ending is not None:
            ctx.error("E206", f"add_choices: scene '{sid}' is an ending and cannot have choices", pos)
            continue
        have = {c.id: c for c in scene.choices}
        added = []
        for choice in choices:
            if choice.id in have:
                ctx.error("E203", f"scene '{sid}' already has a choice '{choice.id}' (at {have[choice.id].loc})",
                          (choice.loc.line, choice.loc.col), "give the added choice its own `id:`")
                continue
            have[choice.id] = choice
            added.append(choice)
        build.scenes[sid] = replace(scene, choices=scene.choices + tuple(added))

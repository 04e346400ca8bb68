"""Extension packs: a pack that says `extends: first-take` (or a folder) plays inside its base.

The base is loaded first, by its own Loader (so its files stay bound to its own folder), and the
extension starts from a copy of its declarations and scenes. The extension may then add scenes and
declarations, add choices to any scene (`add_choices`), and replace a base scene only when it says
`replace: true`; anything else that reuses a base id is an error naming both files. References,
graph checks, playtests and route tests all run on the merged story.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.model import Scene
from game.content.fields import Ctx, suggest
from game.content.yamlsrc import YMap

if TYPE_CHECKING:
    from game.content.loader import Loader

MAX_CHAIN = 8
PATCH_KEYS = {"id", "add_choices"}


def attach_base(ld: Loader, ctx: Ctx, meta: YMap, spec: str) -> bool:
    """Load the base pack and seed the loader with it; False (diagnostics added) when it cannot be used."""
    from game.content.paths import builtin_pack_dir
    from game.content.keys import BUILTIN
    from game.content.loader import Loader, PackError

    pos = ctx.vpos(meta, "extends")
    base_dir = builtin_pack_dir() if spec == BUILTIN else Path(ld.root) / spec
    here = Path(ld.root).resolve()
    target = base_dir.resolve()
    if target == here or target in ld.chain:
        ctx.error("E210", f"extends '{spec}' leads back to this pack", pos,
                  "a pack cannot extend itself, directly or through its base")
        return False
    if len(ld.chain) >= MAX_CHAIN:
        ctx.error("E210", f"more than {MAX_CHAIN} packs extend one another", pos, "extend the base pack directly")
        return False
    base = Loader(base_dir, ld.chain + (here,))
    try:
        result = base.load()
    except PackError as err:
        ctx.error("E210", f"extends '{spec}': {err}", pos,
                  "name `first-take` (the built-in story) or a pack folder, relative to this pack")
        return False
    if not result.ok or result.story is None:
        ld.diags.extend(d for d in result.diagnostics if d.severity == "error")
        ctx.error("E210", f"the base pack '{spec}' has errors", pos, "fix the base pack first; its errors are listed too")
        return False
    story = result.story
    ld.base, ld.base_story = base, story
    ld.variables.update(story.variables)
    ld.items.update(story.items)
    ld.facts.update(story.facts)
    ld.scenes.update(story.scenes)
    ld.scene_ctx.update({sid: (Ctx(c.path, ld.diags), p) for sid, (c, p) in base.scene_ctx.items()})
    ld.fact_paths |= base.fact_paths
    ld.hasher.update(story.content_hash.encode())
    return True


def add_over_base(ld: Loader, ctx: Ctx, scene: Scene, raw: YMap, pos: tuple[int, int]) -> bool:
    """Handle `replace:` and ids the base already has; True when the scene has been dealt with here."""
    wants = raw.get("replace", False)
    if not isinstance(wants, bool):
        ctx.error("E101", "'replace' should be true or false", ctx.vpos(raw, "replace"))
        return True
    base = ld.base_story
    if base is not None and scene.id in base.scenes and scene.id not in ld.replaced:
        if wants:
            ld.scenes[scene.id] = scene  # keeps the base's place in scene order
            ld.replaced.add(scene.id)
            ld.scene_ctx[scene.id] = (ctx, pos)
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


def read_patch(ld: Loader, ctx: Ctx, raw: YMap) -> None:
    """An entry with `add_choices`: more choices for a scene defined elsewhere (usually the base)."""
    sid = ctx.get(raw, "id", "id", "a scene", required=True)
    for key in raw:
        if key not in PATCH_KEYS:
            ctx.error("E103", f"'{key}' cannot go with `add_choices`", raw.key_pos[key],
                      "an entry with add_choices only adds choices; to change the scene itself, replace it "
                      "with `replace: true`")
    choices = ld.read_choices(ctx, raw, f"the choices added to '{sid}'", key="add_choices")
    if sid is not None:
        ld.patches.append((ctx, sid, ctx.vpos(raw, "id"), choices))


def apply_patches(ld: Loader) -> None:
    for ctx, sid, pos, choices in ld.patches:
        scene = ld.scenes.get(sid)
        if scene is None:
            near = suggest(sid, ld.scenes)
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
        ld.scenes[sid] = replace(scene, choices=scene.choices + tuple(added))

"""Turn a pack folder into a :class:`Story`, collecting every problem on the way.

Files -> guarded YAML (yamlsrc) -> typed fields (fields.Ctx) -> engine model. References between
scenes, variables, items and facts are checked once everything is read (refs.py), then the graph
(checks.py). The loader never raises for bad content: it returns diagnostics.

This module only runs the passes in order over one :class:`~game.content.build.Build`; the passes
live in the modules below it and never import it back (extend.py is handed :func:`load_build` for
the base pack), so the import graph of game/content is acyclic.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.content.build import Build, LoadResult, PackError, read_yaml
from game.content.cache import load_cached
from game.content.checks import check_graph
from game.content.declarations import read_demo, read_fact_sheets, read_items, read_variables
from game.content.diagnostics import has_errors
from game.content.extend import apply_patches, attach_base
from game.content.fields import suggest
from game.content.files import scene_files, shown_path  # noqa: F401 - shown_path is re-exported (routes.py)
from game.content.keys import PACK_KEYS
from game.content.refs import check_refs
from game.content.scenes import read_scene_file
from game.content.yamlsrc import YMap, paused_gc
from game.engine.model import Story

__all__ = ["LoadResult", "PackError", "load_build", "load_pack"]


def load_build(build: Build) -> LoadResult:
    """Read the pack at build.root: pack.yaml, its declarations, every scene file, then the checks."""
    root = build.root
    if not root.is_dir():
        raise PackError(f"{root}: no such pack folder")
    pack_file = root / "pack.yaml"
    if not pack_file.is_file():
        raise PackError(f"{root}: not a pack (no pack.yaml in the folder)")
    data, ctx = read_yaml(build, pack_file)
    if data is None and has_errors(build.diags):
        return LoadResult(None, build.diags)
    meta = ctx.mapping(data, (1, 1), "pack.yaml")
    if meta is None:
        return LoadResult(None, build.diags)
    ctx.keys(meta, PACK_KEYS, "pack.yaml")
    pack_id = ctx.get(meta, "id", "id", "pack.yaml", required=True, default="pack")
    title = ctx.get(meta, "title", "text", "pack.yaml", required=True, default="Untitled")
    version = ctx.get(meta, "version", "text", "pack.yaml", required=True, default="0")
    extends = ctx.get(meta, "extends", "text", "pack.yaml", default=None)
    if extends is not None and not attach_base(build, ctx, meta, str(extends), load_build):
        return LoadResult(None, build.diags)
    start = ctx.get(meta, "start", "id", "pack.yaml", required=extends is None)
    if start is None and build.base_story is not None:
        start = build.base_story.start
    author = ctx.get(meta, "author", "text", "pack.yaml", default="")
    description = ctx.get(meta, "description", "text", "pack.yaml", default="")
    read_variables(build, ctx, _map_or_none(ctx.get(meta, "variables", "map", "pack.yaml")))
    read_items(build, ctx, _map_or_none(ctx.get(meta, "items", "map", "pack.yaml")))
    fact_files = read_fact_sheets(build, ctx, meta)
    demo = read_demo(build, ctx, meta)
    exclude = {pack_file, *fact_files}
    for path in scene_files(root, exclude):
        read_scene_file(build, path)
    if build.patches:
        apply_patches(build)
    if start is not None and start not in build.scenes:
        near = suggest(str(start), build.scenes)
        ctx.error("E204", f"start scene '{start}' does not exist", ctx.vpos(meta, "start"),
                  f"did you mean '{near}'?" if near else "name the id of the first scene")
    check_refs(build)
    if build.base is not None:
        build.read_vars |= build.base.read_vars
    story = Story(id=str(pack_id), title=str(title), version=str(version), start=str(start or ""),
                  scenes=build.scenes, variables=build.variables, items=build.items, facts=build.facts,
                  author=str(author), description=str(description),
                  content_hash=build.hasher.hexdigest()[:16], root=str(root), demo=demo)
    if not has_errors(build.diags):
        check_graph(build, story)
    return LoadResult(story if not has_errors(build.diags) else None, build.diags)


def _map_or_none(value: object) -> YMap | None:
    """ctx.get(..., "map") gives a YMap or None (its default); this says so to the type checker."""
    return value if isinstance(value, YMap) else None


def load_pack(folder: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None) -> LoadResult:
    """Load and validate a pack. Raises PackError only when the folder is not a pack at all.

    With cache_dir, a pack that loaded clean before and has not changed comes from there (cache.py)."""
    root = Path(folder)
    with paused_gc():  # ~25% faster on big packs (see yamlsrc.paused_gc)
        if cache_dir is None:
            return load_build(Build(root))
        return load_cached(root, Path(cache_dir), lambda: load_build(Build(root)), LoadResult)

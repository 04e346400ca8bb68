"""Turn a pack folder into a :class:`Story`, collecting every problem on the way.

Files -> guarded YAML (yamlsrc) -> typed fields (fields.Ctx) -> engine model. References between
scenes, variables, items and facts are checked once everything is read (refs.py), then the graph
(checks.py). The loader never raises for bad content: it returns diagnostics.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.model import Effect, Fact, ItemDecl, Scene, Story, VarDecl
from game.content.paths import builtin_facts_path
from game.content.diagnostics import Diagnostic, has_errors
from game.content.fields import Ctx
from game.content.files import inside, scene_files, shown_path  # noqa: F401 - shown_path is re-exported
from game.content.declarations import DeclarationsMixin
from game.content.keys import PACK_KEYS
from game.content.scenes import ScenesMixin
from game.content.yamlsrc import paused_gc, read_source



class PackError(Exception):
    """The folder is not a pack at all (missing, or no pack.yaml): a usage error, exit code 2."""


@dataclass
class Refs:
    """References collected while building, checked once every declaration is known."""

    conditions: list[tuple[Ctx, object, tuple[int, int]]] = field(default_factory=list)  # (ctx, Condition, pos)
    text_vars: list[tuple[Ctx, str, tuple[int, int]]] = field(default_factory=list)
    gotos: list[tuple[Ctx, str, tuple[int, int]]] = field(default_factory=list)
    facts: list[tuple[Ctx, str, tuple[int, int]]] = field(default_factory=list)
    effects: list[tuple[Ctx, Effect, tuple[int, int]]] = field(default_factory=list)
    timers: list[tuple[Ctx, Scene, tuple[int, int]]] = field(default_factory=list)


@dataclass
class LoadResult:
    story: Story | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.story is not None and not has_errors(self.diagnostics)


class Loader(DeclarationsMixin, ScenesMixin):
    def __init__(self, root: Path, chain: tuple[Path, ...] = ()) -> None:
        self.root = root
        self.chain = chain  # resolved roots of the packs that extend this one (cycle guard)
        self.base: Loader | None = None  # the base pack's loader, when this pack `extends` one
        self.base_story: Story | None = None
        self.replaced: set[str] = set()
        self.patches: list = []  # add_choices entries, applied once every scene is read (extend.py)
        self.fact_paths: set[Path] = set()
        self.read_vars: set[str] = set()
        self.diags: list[Diagnostic] = []
        self.refs = Refs()
        self.hasher = hashlib.sha256()
        self.variables: dict[str, VarDecl] = {}
        self.items: dict[str, ItemDecl] = {}
        self.facts: dict[str, Fact] = {}
        self.scenes: dict[str, Scene] = {}
        self.scene_ctx: dict[str, tuple[Ctx, tuple[int, int]]] = {}

    def read(self, path: Path) -> tuple[object, Ctx]:
        shown = shown_path(path)
        ctx = Ctx(shown, self.diags)
        within = inside(self.root, path)
        if not within and path != builtin_facts_path():  # a symlink out of the pack (hardening)
            ctx.error("E403", "the file links to somewhere outside the pack folder", (1, 1),
                      "keep every file a pack uses inside its folder")
            return None, ctx
        value, diags, data = read_source(str(path), shown)  # bounded; never blocks on pipes
        self.hasher.update(shown_path(path.relative_to(self.root)).encode() if within else b"")
        self.hasher.update(data)
        self.diags.extend(diags)
        return value, ctx

    # -- pack.yaml -----------------------------------------------------------------------------
    def load(self) -> LoadResult:
        root = self.root
        if not root.is_dir():
            raise PackError(f"{root}: no such pack folder")
        pack_file = root / "pack.yaml"
        if not pack_file.is_file():
            raise PackError(f"{root}: not a pack (no pack.yaml in the folder)")
        data, ctx = self.read(pack_file)
        if data is None and has_errors(self.diags):
            return LoadResult(None, self.diags)
        meta = ctx.mapping(data, (1, 1), "pack.yaml")
        if meta is None:
            return LoadResult(None, self.diags)
        ctx.keys(meta, PACK_KEYS, "pack.yaml")
        pack_id = ctx.get(meta, "id", "id", "pack.yaml", required=True, default="pack")
        title = ctx.get(meta, "title", "text", "pack.yaml", required=True, default="Untitled")
        version = ctx.get(meta, "version", "text", "pack.yaml", required=True, default="0")
        extends = ctx.get(meta, "extends", "text", "pack.yaml", default=None)
        if extends is not None:
            from game.content.extend import attach_base
            if not attach_base(self, ctx, meta, str(extends)):
                return LoadResult(None, self.diags)
        start = ctx.get(meta, "start", "id", "pack.yaml", required=extends is None)
        if start is None and self.base_story is not None:
            start = self.base_story.start
        author = ctx.get(meta, "author", "text", "pack.yaml", default="")
        description = ctx.get(meta, "description", "text", "pack.yaml", default="")
        self.read_variables(ctx, ctx.get(meta, "variables", "map", "pack.yaml"))
        self.read_items(ctx, ctx.get(meta, "items", "map", "pack.yaml"))
        fact_files = self.read_fact_sheets(ctx, meta)
        demo = self.read_demo(ctx, meta)
        exclude = {pack_file, *fact_files}
        for path in scene_files(root, exclude):
            self.read_scene_file(path)
        if self.patches:
            from game.content.extend import apply_patches
            apply_patches(self)
        if start is not None and start not in self.scenes:
            from game.content.fields import suggest
            near = suggest(start, self.scenes)
            ctx.error("E204", f"start scene '{start}' does not exist", ctx.vpos(meta, "start"),
                      f"did you mean '{near}'?" if near else "name the id of the first scene")
        from game.content.refs import check_refs  # late import: refs uses this module's types
        check_refs(self)
        if self.base is not None:
            self.read_vars |= self.base.read_vars
        story = Story(id=str(pack_id), title=str(title), version=str(version), start=str(start or ""),
                      scenes=self.scenes, variables=self.variables, items=self.items, facts=self.facts,
                      author=str(author), description=str(description),
                      content_hash=self.hasher.hexdigest()[:16], root=str(root), demo=demo)
        if not has_errors(self.diags):
            from game.content.checks import check_graph
            check_graph(self, story)
        return LoadResult(story if not has_errors(self.diags) else None, self.diags)


def load_pack(folder: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None) -> LoadResult:
    """Load and validate a pack. Raises PackError only when the folder is not a pack at all.

    With cache_dir, a pack that loaded clean before and has not changed comes from there (cache.py)."""
    root = Path(folder)
    with paused_gc():  # ~25% faster on big packs (see yamlsrc.paused_gc)
        if cache_dir is None:
            return Loader(root).load()
        from game.content.cache import load_cached

        return load_cached(root, Path(cache_dir), Loader(root).load, LoadResult)

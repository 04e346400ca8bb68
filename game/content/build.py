"""The state of one pack load, shared by every pass, and what a load ends in.

Every pass (declarations.py, scenes.py, extend.py, refs.py, checks.py) is a plain function that
takes a :class:`Build` and adds to it; loader.py runs them in order. Keeping the state here, below
the passes, is what lets the passes import one another and be imported by the loader without any
module needing the loader back: the import graph of game/content stays acyclic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from game.content.diagnostics import Diagnostic, has_errors
from game.content.fields import Ctx
from game.content.files import inside, shown_path
from game.content.paths import builtin_facts_path
from game.content.yamlsrc import read_source
from game.engine.expr import Condition
from game.engine.model import Choice, Effect, Fact, ItemDecl, Scene, Story, VarDecl

Pos = tuple[int, int]  # (line, column), 1-based, as diagnostics report them
Patch = tuple[Ctx, str, Pos, list[Choice]]  # an add_choices entry: (ctx, scene id, pos of its id, choices)


class PackError(Exception):
    """The folder is not a pack at all (missing, or no pack.yaml): a usage error, exit code 2."""


@dataclass
class LoadResult:
    story: Story | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.story is not None and not has_errors(self.diagnostics)


@dataclass
class Refs:
    """References collected while building, checked once every declaration is known."""

    conditions: list[tuple[Ctx, Condition, Pos]] = field(default_factory=list)
    text_vars: list[tuple[Ctx, str, Pos]] = field(default_factory=list)
    gotos: list[tuple[Ctx, str, Pos]] = field(default_factory=list)
    facts: list[tuple[Ctx, str, Pos]] = field(default_factory=list)
    effects: list[tuple[Ctx, Effect, Pos]] = field(default_factory=list)
    timers: list[tuple[Ctx, Scene, Pos]] = field(default_factory=list)


@dataclass
class Build:
    """One pack being loaded: what has been read so far, and every problem found on the way."""

    root: Path
    chain: tuple[Path, ...] = ()  # resolved roots of the packs that extend this one (cycle guard)
    base: Build | None = None  # the base pack's build, when this pack `extends` one
    base_story: Story | None = None
    replaced: set[str] = field(default_factory=set)  # base scenes this pack replaced (`replace: true`)
    patches: list[Patch] = field(default_factory=list)  # applied once every scene is read (extend.py)
    fact_paths: set[Path] = field(default_factory=set)  # resolved fact sheets already read
    read_vars: set[str] = field(default_factory=set)  # variables something reads (refs.py, for W502)
    diags: list[Diagnostic] = field(default_factory=list)
    refs: Refs = field(default_factory=Refs)
    hasher: hashlib._Hash = field(default_factory=hashlib.sha256)  # the story's content hash
    variables: dict[str, VarDecl] = field(default_factory=dict)
    items: dict[str, ItemDecl] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    scenes: dict[str, Scene] = field(default_factory=dict)
    scene_ctx: dict[str, tuple[Ctx, Pos]] = field(default_factory=dict)  # where each scene's id is (W501)


def read_yaml(build: Build, path: Path) -> tuple[object, Ctx]:
    """Parse one pack file (guarded), hash it into the content hash, and give a Ctx for its diagnostics.

    The value is None when the file could not be used; its problems are in build.diags already."""
    shown = shown_path(path)
    ctx = Ctx(shown, build.diags)
    within = inside(build.root, path)
    if not within and path != builtin_facts_path():  # a symlink out of the pack (hardening)
        ctx.error("E403", "the file links to somewhere outside the pack folder", (1, 1),
                  "keep every file a pack uses inside its folder")
        return None, ctx
    value, diags, data = read_source(str(path), shown)  # bounded; never blocks on pipes
    build.hasher.update(shown_path(path.relative_to(build.root)).encode() if within else b"")
    build.hasher.update(data)
    build.diags.extend(diags)
    return value, ctx

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

from ..engine.text import Template, TemplateError, parse_template
from ..engine.model import (Branch, Choice, Effect, Ending, Fact, ItemDecl, Loc, Paragraph, Scene, Story, Timer,
                            VarDecl)
from ..paths import builtin_facts_path
from .diagnostics import Diagnostic, has_errors
from .fields import ID_RE, Ctx, template_pos
from .yamlsrc import YList, YMap, control_char, paused_gc, read_bytes, read_source

PACK_KEYS = {"id", "title", "version", "start", "author", "description", "facts", "variables", "items",
             "extends", "demo"}
VAR_KEYS = {"type", "default", "min", "max", "label", "show", "format"}
ITEM_KEYS = {"label", "description"}
FILE_KEYS = {"part", "place", "clock", "scenes"}
SCENE_KEYS = {"id", "title", "text", "choices", "part", "place", "clock", "facts", "art", "on_enter", "ending",
              "timer", "replace", "add_choices"}
CHOICE_KEYS = {"id", "text", "goto", "if", "locked", "effects"}
BRANCH_KEYS = {"if", "scene"}
PARA_KEYS = {"if", "text"}
ENDING_KEYS = {"title", "kind", "epilogue"}
TIMER_KEYS = {"seconds", "default"}
FACT_KEYS = {"id", "fact", "source"}
EFFECT_OPS = {"set", "add", "give", "take", "roll"}
ENDING_KINDS = {"best", "good", "bittersweet", "bad"}
VAR_TYPES = {"int": int, "bool": bool, "str": str}
MAX_ART_BYTES = 16 * 1024
BUILTIN = "first-take"


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


def shown_path(path: Path) -> str:
    """Paths in diagnostics: relative to the working directory when inside it, else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).absolute()) if rel.startswith("..") else rel


def scene_files(root: Path, exclude: set[Path]) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("tests", "art"))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if name.endswith((".yaml", ".yml")) and not name.endswith((".route.yaml", ".route.yml")) and p not in exclude:
                out.append(p)
    return out


def inside(root: Path, candidate: Path) -> bool:
    """True when candidate, with every link resolved, stays inside root."""
    try:
        candidate.resolve(strict=False).relative_to(root.resolve())
        return True
    except ValueError:
        return False


class Loader:
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
            from .extend import attach_base
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
            from .extend import apply_patches
            apply_patches(self)
        if start is not None and start not in self.scenes:
            from .fields import suggest
            near = suggest(start, self.scenes)
            ctx.error("E204", f"start scene '{start}' does not exist", ctx.vpos(meta, "start"),
                      f"did you mean '{near}'?" if near else "name the id of the first scene")
        from .refs import check_refs  # late import: refs uses this module's types
        check_refs(self)
        if self.base is not None:
            self.read_vars |= self.base.read_vars
        story = Story(id=str(pack_id), title=str(title), version=str(version), start=str(start or ""),
                      scenes=self.scenes, variables=self.variables, items=self.items, facts=self.facts,
                      author=str(author), description=str(description),
                      content_hash=self.hasher.hexdigest()[:16], root=str(root), demo=demo)
        if not has_errors(self.diags):
            from .checks import check_graph
            check_graph(self, story)
        return LoadResult(story if not has_errors(self.diags) else None, self.diags)

    def read_demo(self, ctx: Ctx, meta: YMap) -> tuple[str, str] | None:
        demo = ctx.get(meta, "demo", "map", "pack.yaml")
        if demo is None:
            return None
        ctx.keys(demo, {"start", "end"}, "demo")
        start = ctx.get(demo, "start", "id", "demo", required=True)
        end = ctx.get(demo, "end", "id", "demo", required=True)
        if start:
            self.refs.gotos.append((ctx, start, ctx.vpos(demo, "start")))
        if end:
            self.refs.gotos.append((ctx, end, ctx.vpos(demo, "end")))
        return (start, end) if start and end else None

    def read_variables(self, ctx: Ctx, block: YMap | None) -> None:
        if block is None:
            return
        for name, spec in block.items():
            pos = block.key_pos[name]
            if not ID_RE.match(name):
                ctx.error("E105", f"'{name}' is not a valid variable name", pos, "letters, digits and _")
                continue
            spec = ctx.mapping(spec, block.val_pos.get(name, pos), f"variable '{name}'")
            if spec is None:
                continue
            what = f"variable '{name}'"
            ctx.keys(spec, VAR_KEYS, what)
            vtype = ctx.get(spec, "type", "text", what, required=True, default="int")
            if vtype not in VAR_TYPES:
                ctx.error("E106", f"type '{vtype}' is not int, bool or str", ctx.vpos(spec, "type"))
                vtype = "int"
            pytype = VAR_TYPES[vtype]
            default = spec.get("default", {"int": 0, "bool": False, "str": ""}[vtype])
            if vtype == "str" and isinstance(default, (int, float)) and not isinstance(default, bool):
                default = spec.raw.get("default", str(default))
            if not isinstance(default, pytype) or (pytype is int and isinstance(default, bool)):
                hint = "quote it" if vtype == "str" else ""
                code = "E104" if vtype == "str" and (default is None or isinstance(default, bool)) else "E101"
                ctx.error(code, f"default of '{name}' should be {vtype}, not {type(default).__name__}",
                          ctx.vpos(spec, "default"), hint)
                default = {"int": 0, "bool": False, "str": ""}[vtype]
            lo = ctx.get(spec, "min", "int", what)
            hi = ctx.get(spec, "max", "int", what)
            if vtype != "int" and (lo is not None or hi is not None):
                ctx.error("E106", f"min/max apply to int variables only ('{name}' is {vtype})", pos)
                lo = hi = None
            if lo is not None and hi is not None and lo > hi:
                ctx.error("E106", f"min {lo} is greater than max {hi}", ctx.vpos(spec, "min"))
            if vtype == "int" and ((lo is not None and default < lo) or (hi is not None and default > hi)):
                ctx.error("E106", f"default {default} is outside {lo}..{hi}", ctx.vpos(spec, "default"))
            fmt = ctx.get(spec, "format", "text", what, default="value")
            if fmt not in ("bar", "value", "percent"):
                ctx.error("E106", f"format '{fmt}' is not bar, value or percent", ctx.vpos(spec, "format"))
                fmt = "value"
            if fmt == "bar" and (lo is None or hi is None):
                ctx.error("E106", f"format 'bar' needs min and max on '{name}'", ctx.vpos(spec, "format"))
            if self.base_story is not None and name in self.base_story.variables:
                ctx.error("E208", f"variable '{name}' is already declared by the base pack at "
                          f"{self.base_story.variables[name].loc}", pos, "use the base's variable, or choose another name")
                continue
            self.variables[name] = VarDecl(
                name, vtype, default, lo, hi, ctx.get(spec, "label", "text", what, default=name),
                bool(ctx.get(spec, "show", "bool", what, default=False)), fmt, ctx.loc(pos))

    def read_items(self, ctx: Ctx, block: YMap | None) -> None:
        if block is None:
            return
        for name, spec in block.items():
            pos = block.key_pos[name]
            if not ID_RE.match(name):
                ctx.error("E105", f"'{name}' is not a valid item name", pos, "letters, digits and _")
                continue
            if self.base_story is not None and name in self.base_story.items:
                ctx.error("E208", f"item '{name}' is already declared by the base pack at "
                          f"{self.base_story.items[name].loc}", pos, "use the base's item, or choose another name")
                continue
            if isinstance(spec, str):
                self.items[name] = ItemDecl(name, spec, "", ctx.loc(pos))
                continue
            spec = ctx.mapping(spec, block.val_pos.get(name, pos), f"item '{name}'")
            if spec is None:
                continue
            ctx.keys(spec, ITEM_KEYS, f"item '{name}'")
            self.items[name] = ItemDecl(name, ctx.get(spec, "label", "text", f"item '{name}'", default=name),
                                        ctx.get(spec, "description", "text", f"item '{name}'", default=""),
                                        ctx.loc(pos))

    def read_fact_sheets(self, ctx: Ctx, meta: YMap) -> list[Path]:
        files: list[Path] = []
        if "facts" not in meta:
            return files
        entries = meta["facts"]
        if isinstance(entries, str):
            entries_pos = [(entries, ctx.vpos(meta, "facts"))]
        elif isinstance(entries, YList):
            entries_pos = list(zip(entries, entries.pos))
        else:
            ctx.error("E101", "'facts' should be a list of fact sheets", ctx.vpos(meta, "facts"))
            return files
        for entry, pos in entries_pos:
            if not isinstance(entry, str):
                ctx.error("E101", "a fact sheet is named by text", pos)
                continue
            if entry == BUILTIN:
                path = builtin_facts_path()
            else:
                path = self.root / entry
                if ".." in Path(entry).parts or Path(entry).is_absolute() or not inside(self.root, path):
                    ctx.error("E403", f"fact sheet '{entry}' is outside the pack folder", pos,
                              "keep every file a pack uses inside its folder")
                    continue
                files.append(path)
            if not path.is_file():
                ctx.error("E009", f"fact sheet '{entry}' not found", pos, f"looked for {shown_path(path)}")
                continue
            if path.resolve() in self.fact_paths:
                continue  # already read (the base pack of an extension names the same sheet)
            self.fact_paths.add(path.resolve())
            self.read_fact_sheet(path)
        return files

    def read_fact_sheet(self, path: Path) -> None:
        data, ctx = self.read(path)
        sheet = ctx.mapping(data, (1, 1), "a fact sheet") if data is not None else None
        if sheet is None:
            return
        ctx.keys(sheet, {"facts", "sources"}, "a fact sheet")
        sources = ctx.get(sheet, "sources", "map", "a fact sheet", default=YMap(1, 1))
        titles = {}
        for sid, spec in (sources or {}).items():
            titles[sid] = spec.get("title", sid) if isinstance(spec, dict) else str(spec)
        entries = ctx.get(sheet, "facts", "list", "a fact sheet", required=True, default=[])
        for entry, pos in zip(entries or [], getattr(entries, "pos", [])):
            fact = ctx.mapping(entry, pos, "a fact")
            if fact is None:
                continue
            ctx.keys(fact, FACT_KEYS, "a fact")
            fid = ctx.get(fact, "id", "id", "a fact", required=True)
            text = ctx.get(fact, "fact", "text", "a fact", required=True, default="")
            source = ctx.get(fact, "source", "text", "a fact", required=True, default="")
            if fid is None:
                continue
            if fid in self.facts:
                ctx.error("E402", f"fact '{fid}' is defined twice", ctx.vpos(fact, "id"),
                          f"first defined at {self.facts[fid].loc}")
                continue
            if source and source not in titles:
                ctx.error("E402", f"fact '{fid}' names unknown source '{source}'", ctx.vpos(fact, "source"),
                          "list it under `sources:`")
            self.facts[fid] = Fact(fid, str(text), str(source), str(titles.get(source, source)), ctx.loc(pos))

    # -- scene files ---------------------------------------------------------------------------
    def read_scene_file(self, path: Path) -> None:
        data, ctx = self.read(path)
        if data is None:
            return
        top = ctx.mapping(data, (1, 1), "a scene file")
        if top is None:
            return
        ctx.keys(top, FILE_KEYS, "a scene file")
        defaults = {k: ctx.get(top, k, "text", "a scene file", default="") for k in ("part", "place", "clock")}
        scenes = ctx.get(top, "scenes", "list", "a scene file", required=True, default=[])
        for entry, pos in zip(scenes or [], getattr(scenes, "pos", [])):
            raw = ctx.mapping(entry, pos, "a scene")
            if raw is not None and "add_choices" in raw:
                from .extend import read_patch
                read_patch(self, ctx, raw)
            elif raw is not None:
                scene = self.read_scene(ctx, raw, defaults)
                if scene is not None:
                    self.add_scene(ctx, scene, raw)

    def add_scene(self, ctx: Ctx, scene: Scene, raw: YMap) -> None:
        pos = ctx.vpos(raw, "id")
        if "replace" in raw or (self.base_story is not None and scene.id in self.base_story.scenes):
            from .extend import add_over_base
            if add_over_base(self, ctx, scene, raw, pos):
                return
        if scene.id in self.scenes:
            first = self.scenes[scene.id].loc
            ctx.error("E201", f"scene id '{scene.id}' is already used", pos, f"first defined at {first}")
            return
        self.scenes[scene.id] = scene
        self.scene_ctx[scene.id] = (ctx, pos)

    def read_scene(self, ctx: Ctx, raw: YMap, defaults: dict[str, str]) -> Scene | None:
        sid = ctx.get(raw, "id", "id", "a scene", required=True)
        what = f"scene '{sid}'" if sid else "a scene"
        ctx.keys(raw, SCENE_KEYS, what)
        if sid is None:
            return None
        title = ctx.get(raw, "title", "text", what, required=True, default=sid)
        paragraphs = self.read_text(ctx, raw, what)
        choices = self.read_choices(ctx, raw, what)
        for fid, fpos in ctx.id_list(raw, "facts", what):
            self.refs.facts.append((ctx, fid, fpos))
        ending = None
        if "ending" in raw:
            em = ctx.get(raw, "ending", "map", what)
            if em is not None:
                ctx.keys(em, ENDING_KEYS, f"the ending of {what}")
                kind = ctx.get(em, "kind", "text", "an ending", default="good")
                if kind not in ENDING_KINDS:
                    ctx.error("E106", f"ending kind '{kind}' is not one of {', '.join(sorted(ENDING_KINDS))}",
                              ctx.vpos(em, "kind"))
                ending = Ending(ctx.get(em, "title", "text", "an ending", required=True, default=title), kind,
                                ctx.get(em, "epilogue", "text", "an ending", default=""))
        scene = Scene(
            id=sid, title=title, paragraphs=tuple(paragraphs), choices=tuple(choices),
            part=ctx.get(raw, "part", "text", what, default=defaults["part"]),
            place=ctx.get(raw, "place", "text", what, default=defaults["place"]),
            clock=ctx.get(raw, "clock", "text", what, default=defaults["clock"]),
            facts=tuple(f for f, _ in ctx.id_list(raw, "facts", what)),
            art=self.read_art(ctx, raw, what),
            on_enter=tuple(self.read_effects(ctx, raw, "on_enter", what)),
            ending=ending, timer=None, loc=ctx.loc((raw.line, raw.col)))
        if ending is not None and choices:
            ctx.error("E206", f"{what} is an ending but has choices", ctx.vpos(raw, "choices"),
                      "remove the choices, or the ending")
        if ending is None and not choices and "add_choices" not in raw:
            ctx.error("E206", f"{what} has no choices and is not an ending", (raw.line, raw.col),
                      "add a choice that leads on, or an `ending:`")
        if "timer" in raw:
            tm = ctx.get(raw, "timer", "map", what)
            if tm is not None:
                ctx.keys(tm, TIMER_KEYS, f"the timer of {what}")
                secs = ctx.get(tm, "seconds", "number", "a timer", required=True, default=10)
                if not 1 <= secs <= 600:
                    ctx.error("E106", f"timer of {secs} seconds is outside 1..600", ctx.vpos(tm, "seconds"))
                default = ctx.get(tm, "default", "id", "a timer", required=True, default="")
                object.__setattr__(scene, "timer", Timer(float(secs), default, ctx.loc(ctx.vpos(tm, "default"))))
                self.refs.timers.append((ctx, scene, ctx.vpos(tm, "default")))
        return scene

    def read_text(self, ctx: Ctx, raw: YMap, what: str) -> list[Paragraph]:
        if "text" not in raw:
            ctx.error("E102", f"{what} is missing 'text'", (raw.line, raw.col), "add a `text: |` block")
            return []
        value = raw["text"]
        pos = ctx.vpos(raw, "text")
        indent = raw.col + 2
        if isinstance(value, str):
            return self.split_paragraphs(ctx, value, pos, "text" in raw.block, indent, None)
        if not isinstance(value, YList):
            ctx.get(raw, "text", "text", what)  # reports the type problem (and YAML 1.1 traps)
            return []
        out: list[Paragraph] = []
        for index, (item, ipos) in enumerate(zip(value, value.pos)):
            if isinstance(item, str):
                out.extend(self.split_paragraphs(ctx, item, ipos, index in value.block, value.col + 2, None))
            elif isinstance(item, YMap):
                ctx.keys(item, PARA_KEYS, "a paragraph")
                cond = ctx.condition(item["if"], ctx.vpos(item, "if")) if "if" in item else None
                if cond is not None:
                    self.refs.conditions.append((ctx, cond, ctx.vpos(item, "if")))
                body = ctx.get(item, "text", "text", "a paragraph", required=True, default="")
                if body:
                    out.extend(self.split_paragraphs(ctx, body, ctx.vpos(item, "text"), "text" in item.block,
                                                     item.col + 2, cond))
            else:
                ctx.error("E101", f"a paragraph should be text or {{if, text}}, not {type(item).__name__}", ipos)
        return out

    def split_paragraphs(self, ctx: Ctx, body: str, pos: tuple[int, int], block: bool, indent: int,
                         cond) -> list[Paragraph]:  # noqa: ANN001
        """Check the whole body once (located errors), then cut it into paragraphs at blank lines.

        Single line breaks inside a paragraph are folded into spaces (as in Markdown), so prose
        wrapped in the YAML file reflows to the player's window instead of breaking mid-line.
        """
        if self.template(ctx, body, pos, block, indent) is None:
            return []
        paragraphs = [" ".join(line.strip() for line in p.strip().splitlines())
                      for p in body.strip().split("\n\n") if p.strip()]
        out = []
        for para in paragraphs:
            tpl = self.template(ctx, para, pos, False, indent, report=False)
            if tpl is not None:
                out.append(Paragraph(tpl, cond, ctx.loc(pos)))
        return out

    def template(self, ctx: Ctx, text: str, pos: tuple[int, int], block: bool, indent: int,
                 report: bool = True) -> Template | None:
        try:
            tpl = parse_template(text)
        except TemplateError as err:
            if report:
                ctx.error("E305", err.message, template_pos(pos, text[: err.offset], block, indent), err.hint)
            return None
        if report:
            for name, offset in tpl.names:
                self.refs.text_vars.append((ctx, name, template_pos(pos, text[:offset], block, indent)))
        return tpl

    def read_art(self, ctx: Ctx, raw: YMap, what: str) -> str | None:
        name = ctx.get(raw, "art", "id", what)
        if name is None:
            return None
        pos = ctx.vpos(raw, "art")
        path = self.root / "art" / f"{name}.txt"
        if not inside(self.root, path):
            ctx.error("E403", f"art '{name}' resolves outside the pack folder", pos, "art files may not be links out of the pack")
            return None
        if not path.is_file():
            ctx.error("E403", f"art '{name}' not found", pos, f"create {shown_path(path)}")
            return None
        data = read_bytes(str(path), shown_path(path), MAX_ART_BYTES)[0]
        if data is None or len(data) > MAX_ART_BYTES:
            ctx.error("E403", f"art '{name}' is larger than {MAX_ART_BYTES // 1024} KiB", pos)
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            ctx.error("E403", f"art '{name}' is not UTF-8 text", pos)
            return None
        if control_char(text) is not None:
            ctx.error("E403", f"art '{name}' contains control characters", pos, "art is plain text, no escape codes")
            return None
        self.hasher.update(data)
        return text.expandtabs(4).rstrip("\n")

    def read_choices(self, ctx: Ctx, raw: YMap, what: str, key: str = "choices") -> list[Choice]:
        entries = ctx.get(raw, key, "list", what, default=[])
        out: list[Choice] = []
        seen: dict[str, tuple[int, int]] = {}
        for entry, pos in zip(entries or [], getattr(entries, "pos", [])):
            cm = ctx.mapping(entry, pos, "a choice")
            if cm is None:
                continue
            choice = self.read_choice(ctx, cm, what)
            if choice is None:
                continue
            if choice.id in seen:
                ctx.error("E203", f"two choices in {what} have the id '{choice.id}'", (cm.line, cm.col),
                          f"the other is at line {seen[choice.id][0]}; give one an explicit `id:`")
                continue
            seen[choice.id] = (cm.line, cm.col)
            out.append(choice)
        return out

    def read_choice(self, ctx: Ctx, cm: YMap, what: str) -> Choice | None:
        ctx.keys(cm, CHOICE_KEYS, f"a choice in {what}")
        text = ctx.get(cm, "text", "text", "a choice", required=True, default="")
        tpl = self.template(ctx, text, ctx.vpos(cm, "text"), "text" in cm.block, cm.col + 2) if text else None
        branches: list[Branch] = []
        goto = cm.get("goto")
        gpos = ctx.vpos(cm, "goto")
        if "goto" not in cm:
            ctx.error("E102", "a choice is missing 'goto'", (cm.line, cm.col), "add `goto: scene_id`")
        elif isinstance(goto, str):
            if ID_RE.match(goto):
                branches.append(Branch(goto, None, ctx.loc(gpos)))
                self.refs.gotos.append((ctx, goto, gpos))
            else:
                ctx.error("E105", f"'{goto}' is not a valid scene id", gpos)
        elif isinstance(goto, YList):
            for arm, apos in zip(goto, goto.pos):
                am = ctx.mapping(arm, apos, "a goto entry")
                if am is None:
                    continue
                ctx.keys(am, BRANCH_KEYS, "a goto entry")
                target = ctx.get(am, "scene", "id", "a goto entry", required=True)
                cond = ctx.condition(am["if"], ctx.vpos(am, "if")) if "if" in am else None
                if cond is not None:
                    self.refs.conditions.append((ctx, cond, ctx.vpos(am, "if")))
                if target:
                    branches.append(Branch(target, cond, ctx.loc(apos)))
                    self.refs.gotos.append((ctx, target, ctx.vpos(am, "scene")))
            if branches and branches[-1].when is not None:
                ctx.error("E207", "the last goto entry has an `if`", goto.pos[-1],
                          "end the list with `- scene: ...` and no `if`, so the choice always leads somewhere")
            if "id" not in cm:
                ctx.error("E102", "a choice with a conditional goto needs an explicit 'id'", (cm.line, cm.col),
                          "add `id: some_name`, used by saves and route tests")
        else:
            ctx.error("E101", f"'goto' should be a scene id or a list of {{if, scene}}, not {type(goto).__name__}", gpos)
        cid = ctx.get(cm, "id", "id", "a choice", default=None) or (branches[0].scene if branches else None)
        cond = None
        if "if" in cm:
            cond = ctx.condition(cm["if"], ctx.vpos(cm, "if"))
            if cond is not None:
                self.refs.conditions.append((ctx, cond, ctx.vpos(cm, "if")))
        locked = ctx.get(cm, "locked", "text", "a choice", default=None)
        effects = self.read_effects(ctx, cm, "effects", "a choice")
        if tpl is None or not branches or cid is None:
            return None
        return Choice(cid, tpl, tuple(branches), cond, locked, tuple(effects), ctx.loc((cm.line, cm.col)))

    def read_effects(self, ctx: Ctx, owner: YMap, key: str, what: str) -> list[Effect]:
        entries = ctx.get(owner, key, "list", what, default=[])
        out: list[Effect] = []
        for entry, pos in zip(entries or [], getattr(entries, "pos", [])):
            em = ctx.mapping(entry, pos, "an effect")
            if em is None:
                continue
            if len(em) != 1:
                ctx.error("E101", "an effect has exactly one of set, add, give, take, roll", pos,
                          "write each effect as its own list entry")
                continue
            op, arg = next(iter(em.items()))
            apos = ctx.vpos(em, op)
            if op not in EFFECT_OPS:
                from .fields import suggest
                near = suggest(op, EFFECT_OPS)
                ctx.error("E103", f"unknown effect '{op}'", em.key_pos[op],
                          f"did you mean '{near}'?" if near else "effects are set, add, give, take and roll")
                continue
            if op in ("give", "take"):
                names = [(arg, apos)] if isinstance(arg, str) else list(zip(arg, arg.pos)) if isinstance(arg, YList) else None
                if names is None:
                    ctx.error("E101", f"'{op}' takes an item or a list of items", apos)
                    continue
                for name, npos in names:
                    if isinstance(name, str):
                        eff = Effect(op, name, None, ctx.loc(npos))
                        out.append(eff)
                        self.refs.effects.append((ctx, eff, npos))
                    else:
                        ctx.error("E101", f"'{op}' takes item names", npos)
                continue
            if not isinstance(arg, YMap):
                ctx.error("E101", f"'{op}' takes a mapping of variable: value", apos, f"e.g. {op}: {{stamina: 1}}")
                continue
            for var, value in arg.items():
                vpos = arg.val_pos.get(var, arg.key_pos[var])
                if op == "roll":
                    if not (isinstance(value, YList) and len(value) == 2 and all(
                            isinstance(v, int) and not isinstance(v, bool) for v in value)):
                        ctx.error("E101", "roll takes a range of two whole numbers", vpos, "e.g. roll: {luck: [1, 6]}")
                        continue
                    value = (value[0], value[1])
                elif isinstance(value, (YMap, YList)) or value is None or isinstance(value, float):
                    ctx.error("E101", f"'{op}' needs a plain value for '{var}'", vpos)
                    continue
                eff = Effect(op, var, value, ctx.loc(arg.key_pos[var]))
                out.append(eff)
                self.refs.effects.append((ctx, eff, arg.key_pos[var]))
        return out


def load_pack(folder: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None) -> LoadResult:
    """Load and validate a pack. Raises PackError only when the folder is not a pack at all.

    With cache_dir, a pack that loaded clean before and has not changed comes from there (cache.py)."""
    root = Path(folder)
    with paused_gc():  # ~25% faster on big packs (see yamlsrc.paused_gc)
        if cache_dir is None:
            return Loader(root).load()
        from .cache import load_cached

        return load_cached(root, Path(cache_dir), Loader(root).load, LoadResult)

"""Reading pack.yaml's declarations: variables, items, fact sheets and the demo cut.

Passes of the loader (loader.py runs them): each takes the :class:`~game.content.build.Build` and
adds declarations, references and diagnostics to it, so this module needs nothing above build.py.
"""

from __future__ import annotations

from pathlib import Path

from game.content.build import Build, read_yaml
from game.content.fields import ID_RE, Ctx
from game.content.files import inside, shown_path
from game.content.keys import BUILTIN, FACT_KEYS, ITEM_KEYS, VAR_KEYS, VAR_TYPES
from game.content.paths import builtin_facts_path
from game.content.yamlsrc import YList, YMap
from game.engine.model import Fact, ItemDecl, VarDecl


def read_demo(build: Build, ctx: Ctx, meta: YMap) -> tuple[str, str] | None:
    demo = ctx.get(meta, "demo", "map", "pack.yaml")
    if demo is None:
        return None
    ctx.keys(demo, {"start", "end"}, "demo")
    start = ctx.get(demo, "start", "id", "demo", required=True)
    end = ctx.get(demo, "end", "id", "demo", required=True)
    if start:
        build.refs.gotos.append((ctx, start, ctx.vpos(demo, "start")))
    if end:
        build.refs.gotos.append((ctx, end, ctx.vpos(demo, "end")))
    return (start, end) if start and end else None


def read_variables(build: Build, ctx: Ctx, block: YMap | None) -> None:
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
        assert isinstance(default, (int, bool, str))  # it has the declared type now
        lo = ctx.get(spec, "min", "int", what)
        hi = ctx.get(spec, "max", "int", what)
        if vtype != "int" and (lo is not None or hi is not None):
            ctx.error("E106", f"min/max apply to int variables only ('{name}' is {vtype})", pos)
            lo = hi = None
        if lo is not None and hi is not None and lo > hi:
            ctx.error("E106", f"min {lo} is greater than max {hi}", ctx.vpos(spec, "min"))
        if vtype == "int" and isinstance(default, int) and (
                (lo is not None and default < lo) or (hi is not None and default > hi)):
            ctx.error("E106", f"default {default} is outside {lo}..{hi}", ctx.vpos(spec, "default"))
        fmt = ctx.get(spec, "format", "text", what, default="value")
        if fmt not in ("bar", "value", "percent"):
            ctx.error("E106", f"format '{fmt}' is not bar, value or percent", ctx.vpos(spec, "format"))
            fmt = "value"
        if fmt == "bar" and (lo is None or hi is None):
            ctx.error("E106", f"format 'bar' needs min and max on '{name}'", ctx.vpos(spec, "format"))
        if build.base_story is not None and name in build.base_story.variables:
            ctx.error("E208", f"variable '{name}' is already declared by the base pack at "
                      f"{build.base_story.variables[name].loc}", pos, "use the base's variable, or choose another name")
            continue
        build.variables[name] = VarDecl(
            name, vtype, default, lo, hi, ctx.get(spec, "label", "text", what, default=name),
            bool(ctx.get(spec, "show", "bool", what, default=False)), fmt, ctx.loc(pos))


def read_items(build: Build, ctx: Ctx, block: YMap | None) -> None:
    if block is None:
        return
    for name, spec in block.items():
        pos = block.key_pos[name]
        if not ID_RE.match(name):
            ctx.error("E105", f"'{name}' is not a valid item name", pos, "letters, digits and _")
            continue
        if build.base_story is not None and name in build.base_story.items:
            ctx.error("E208", f"item '{name}' is already declared by the base pack at "
                      f"{build.base_story.items[name].loc}", pos, "use the base's item, or choose another name")
            continue
        if isinstance(spec, str):
            build.items[name] = ItemDecl(name, spec, "", ctx.loc(pos))
            continue
        spec = ctx.mapping(spec, block.val_pos.get(name, pos), f"item '{name}'")
        if spec is None:
            continue
        ctx.keys(spec, ITEM_KEYS, f"item '{name}'")
        build.items[name] = ItemDecl(name, ctx.get(spec, "label", "text", f"item '{name}'", default=name),
                                    ctx.get(spec, "description", "text", f"item '{name}'", default=""),
                                    ctx.loc(pos))


def read_fact_sheets(build: Build, ctx: Ctx, meta: YMap) -> list[Path]:
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
            path = build.root / entry
            if ".." in Path(entry).parts or Path(entry).is_absolute() or not inside(build.root, path):
                ctx.error("E403", f"fact sheet '{entry}' is outside the pack folder", pos,
                          "keep every file a pack uses inside its folder")
                continue
            files.append(path)
        if not path.is_file():
            ctx.error("E009", f"fact sheet '{entry}' not found", pos, f"looked for {shown_path(path)}")
            continue
        if path.resolve() in build.fact_paths:
            continue  # already read (the base pack of an extension names the same sheet)
        build.fact_paths.add(path.resolve())
        read_fact_sheet(build, path)
    return files


def read_fact_sheet(build: Build, path: Path) -> None:
    data, ctx = read_yaml(build, path)
    sheet = ctx.mapping(data, (1, 1), "a fact sheet") if data is not None else None
    if sheet is None:
        return
    ctx.keys(sheet, {"facts", "sources"}, "a fact sheet")
    sources = ctx.get(sheet, "sources", "map", "a fact sheet", default=YMap(1, 1))
    titles = {}
    for sid, spec in (sources or {}).items():
        titles[sid] = spec.get("title", sid) if isinstance(spec, dict) else str(spec)
    entries: list[object] = ctx.get(sheet, "facts", "list", "a fact sheet", required=True, default=[])
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
        if fid in build.facts:
            ctx.error("E402", f"fact '{fid}' is defined twice", ctx.vpos(fact, "id"),
                      f"first defined at {build.facts[fid].loc}")
            continue
        if source and source not in titles:
            ctx.error("E402", f"fact '{fid}' names unknown source '{source}'", ctx.vpos(fact, "source"),
                      "list it under `sources:`")
        build.facts[fid] = Fact(fid, str(text), str(source), str(titles.get(source, source)), ctx.loc(pos))

"""Reading scene files: scenes, text and paragraphs, choices and gotos, effects, art, timers.

Passes of the loader (loader.py runs them): each takes the :class:`~game.content.build.Build` and
adds scenes, references and diagnostics to it. Entries that touch a base pack (`replace:`, ids the
base has) are handed to extend.py, which needs nothing from here, so the two never import in a circle.
"""

from __future__ import annotations

from pathlib import Path

from game.content.build import Build, read_yaml
from game.content.extend import add_over_base
from game.content.fields import ID_RE, Ctx, suggest, template_pos
from game.content.files import inside, shown_path
from game.content.keys import (
    BRANCH_KEYS,
    CHOICE_KEYS,
    EFFECT_OPS,
    ENDING_KEYS,
    ENDING_KINDS,
    FILE_KEYS,
    MAX_ART_BYTES,
    PARA_KEYS,
    PATCH_KEYS,
    SCENE_KEYS,
    TIMER_KEYS,
)
from game.content.yamlsrc import YList, YMap, control_char, read_bytes
from game.engine.expr import Condition
from game.engine.model import Branch, Choice, Effect, Ending, Paragraph, Scene, Timer
from game.engine.text import Template, TemplateError, parse_template


def read_scene_file(build: Build, path: Path) -> None:
    data, ctx = read_yaml(build, path)
    if data is None:
        return
    top = ctx.mapping(data, (1, 1), "a scene file")
    if top is None:
        return
    ctx.keys(top, FILE_KEYS, "a scene file")
    defaults = {k: ctx.get(top, k, "text", "a scene file", default="") for k in ("part", "place", "clock")}
    scenes: list[object] = ctx.get(top, "scenes", "list", "a scene file", required=True, default=[])
    for entry, pos in zip(scenes or [], getattr(scenes, "pos", [])):
        raw = ctx.mapping(entry, pos, "a scene")
        if raw is not None and "add_choices" in raw:
            read_patch(build, ctx, raw)
        elif raw is not None:
            scene = read_scene(build, ctx, raw, defaults)
            if scene is not None:
                add_scene(build, ctx, scene, raw)


def add_scene(build: Build, ctx: Ctx, scene: Scene, raw: YMap) -> None:
    pos = ctx.vpos(raw, "id")
    if "replace" in raw or (build.base_story is not None and scene.id in build.base_story.scenes):
        if add_over_base(build, ctx, scene, raw, pos):
            return
    if scene.id in build.scenes:
        first = build.scenes[scene.id].loc
        ctx.error("E201", f"scene id '{scene.id}' is already used", pos, f"first defined at {first}")
        return
    build.scenes[scene.id] = scene
    build.scene_ctx[scene.id] = (ctx, pos)


def read_patch(build: Build, ctx: Ctx, raw: YMap) -> None:
    """An entry with `add_choices`: more choices for a scene defined elsewhere (usually the base).

    Read here with the other choices; extend.apply_patches adds them once every scene is known."""
    sid = ctx.get(raw, "id", "id", "a scene", required=True)
    for key in raw:
        if key not in PATCH_KEYS:
            ctx.error("E103", f"'{key}' cannot go with `add_choices`", raw.key_pos[key],
                      "an entry with add_choices only adds choices; to change the scene itself, replace it "
                      "with `replace: true`")
    choices = read_choices(build, ctx, raw, f"the choices added to '{sid}'", key="add_choices")
    if sid is not None:
        build.patches.append((ctx, sid, ctx.vpos(raw, "id"), choices))


def read_scene(build: Build, ctx: Ctx, raw: YMap, defaults: dict[str, str]) -> Scene | None:
    sid = ctx.get(raw, "id", "id", "a scene", required=True)
    what = f"scene '{sid}'" if sid else "a scene"
    ctx.keys(raw, SCENE_KEYS, what)
    if sid is None:
        return None
    title = ctx.get(raw, "title", "text", what, required=True, default=sid)
    paragraphs = read_text(build, ctx, raw, what)
    choices = read_choices(build, ctx, raw, what)
    for fid, fpos in ctx.id_list(raw, "facts", what):
        build.refs.facts.append((ctx, fid, fpos))
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
        art=read_art(build, ctx, raw, what),
        on_enter=tuple(read_effects(build, ctx, raw, "on_enter", what)),
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
            build.refs.timers.append((ctx, scene, ctx.vpos(tm, "default")))
    return scene


def read_text(build: Build, ctx: Ctx, raw: YMap, what: str) -> list[Paragraph]:
    if "text" not in raw:
        ctx.error("E102", f"{what} is missing 'text'", (raw.line, raw.col), "add a `text: |` block")
        return []
    value = raw["text"]
    pos = ctx.vpos(raw, "text")
    indent = raw.col + 2
    if isinstance(value, str):
        return split_paragraphs(build, ctx, value, pos, "text" in raw.block, indent, None)
    if not isinstance(value, YList):
        ctx.get(raw, "text", "text", what)  # reports the type problem (and YAML 1.1 traps)
        return []
    out: list[Paragraph] = []
    for index, (item, ipos) in enumerate(zip(value, value.pos)):
        if isinstance(item, str):
            out.extend(split_paragraphs(build, ctx, item, ipos, index in value.block, value.col + 2, None))
        elif isinstance(item, YMap):
            ctx.keys(item, PARA_KEYS, "a paragraph")
            cond = ctx.condition(item["if"], ctx.vpos(item, "if")) if "if" in item else None
            if cond is not None:
                build.refs.conditions.append((ctx, cond, ctx.vpos(item, "if")))
            body = ctx.get(item, "text", "text", "a paragraph", required=True, default="")
            if body:
                out.extend(split_paragraphs(build, ctx, body, ctx.vpos(item, "text"), "text" in item.block,
                                        item.col + 2, cond))
        else:
            ctx.error("E101", f"a paragraph should be text or {{if, text}}, not {type(item).__name__}", ipos)
    return out


def split_paragraphs(build: Build, ctx: Ctx, body: str, pos: tuple[int, int], block: bool, indent: int,
                     cond: Condition | None) -> list[Paragraph]:
    """Check the whole body once (located errors), then cut it into paragraphs at blank lines.

    Single line breaks inside a paragraph are folded into spaces (as in Markdown), so prose
    wrapped in the YAML file reflows to the player's window instead of breaking mid-line.
    """
    if template(build, ctx, body, pos, block, indent) is None:
        return []
    paragraphs = [" ".join(line.strip() for line in p.strip().splitlines())
                  for p in body.strip().split("\n\n") if p.strip()]
    out = []
    for para in paragraphs:
        tpl = template(build, ctx, para, pos, False, indent, report=False)
        if tpl is not None:
            out.append(Paragraph(tpl, cond, ctx.loc(pos)))
    return out


def template(build: Build, ctx: Ctx, text: str, pos: tuple[int, int], block: bool, indent: int,
             report: bool = True) -> Template | None:
    try:
        tpl = parse_template(text)
    except TemplateError as err:
        if report:
            ctx.error("E305", err.message, template_pos(pos, text[: err.offset], block, indent), err.hint)
        return None
    if report:
        for name, offset in tpl.names:
            build.refs.text_vars.append((ctx, name, template_pos(pos, text[:offset], block, indent)))
    return tpl


def read_art(build: Build, ctx: Ctx, raw: YMap, what: str) -> str | None:
    name = ctx.get(raw, "art", "id", what)
    if name is None:
        return None
    pos = ctx.vpos(raw, "art")
    path = build.root / "art" / f"{name}.txt"
    if not inside(build.root, path):
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
    build.hasher.update(data)
    return text.expandtabs(4).rstrip("\n")


def read_choices(build: Build, ctx: Ctx, raw: YMap, what: str, key: str = "choices") -> list[Choice]:
    entries: list[object] = ctx.get(raw, key, "list", what, default=[])
    out: list[Choice] = []
    seen: dict[str, tuple[int, int]] = {}
    for entry, pos in zip(entries or [], getattr(entries, "pos", [])):
        cm = ctx.mapping(entry, pos, "a choice")
        if cm is None:
            continue
        choice = read_choice(build, ctx, cm, what)
        if choice is None:
            continue
        if choice.id in seen:
            ctx.error("E203", f"two choices in {what} have the id '{choice.id}'", (cm.line, cm.col),
                      f"the other is at line {seen[choice.id][0]}; give one an explicit `id:`")
            continue
        seen[choice.id] = (cm.line, cm.col)
        out.append(choice)
    return out


def read_choice(build: Build, ctx: Ctx, cm: YMap, what: str) -> Choice | None:
    ctx.keys(cm, CHOICE_KEYS, f"a choice in {what}")
    text = ctx.get(cm, "text", "text", "a choice", required=True, default="")
    tpl = template(build, ctx, text, ctx.vpos(cm, "text"), "text" in cm.block, cm.col + 2) if text else None
    branches: list[Branch] = []
    goto = cm.get("goto")
    gpos = ctx.vpos(cm, "goto")
    if "goto" not in cm:
        ctx.error("E102", "a choice is missing 'goto'", (cm.line, cm.col), "add `goto: scene_id`")
    elif isinstance(goto, str):
        if ID_RE.match(goto):
            branches.append(Branch(goto, None, ctx.loc(gpos)))
            build.refs.gotos.append((ctx, goto, gpos))
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
                build.refs.conditions.append((ctx, cond, ctx.vpos(am, "if")))
            if target:
                branches.append(Branch(target, cond, ctx.loc(apos)))
                build.refs.gotos.append((ctx, target, ctx.vpos(am, "scene")))
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
            build.refs.conditions.append((ctx, cond, ctx.vpos(cm, "if")))
    locked = ctx.get(cm, "locked", "text", "a choice", default=None)
    effects = read_effects(build, ctx, cm, "effects", "a choice")
    if tpl is None or not branches or cid is None:
        return None
    return Choice(cid, tpl, tuple(branches), cond, locked, tuple(effects), ctx.loc((cm.line, cm.col)))


def read_effects(build: Build, ctx: Ctx, owner: YMap, key: str, what: str) -> list[Effect]:
    entries: list[object] = ctx.get(owner, key, "list", what, default=[])
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
                    build.refs.effects.append((ctx, eff, npos))
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
            build.refs.effects.append((ctx, eff, arg.key_pos[var]))
    return out

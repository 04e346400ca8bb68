"""Fuzzing the pack loader: mutated real scene files and generated packs (fixed seed, bounded time).

Property: load_pack returns a LoadResult, either ok or with located diagnostics whose codes are
known, and never raises. When a (mutated or generated) pack loads clean, a random walk through it
never raises either: every attack must be caught at load time, never at play time.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from game.content import load_pack
from game.content.diagnostics import CODES
from game.content.loader import LoadResult
from game.content.paths import builtin_pack_dir
from game.engine.session import Session

from .bounds import time_bound

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "packs" / "tiny"
LOOP = ROOT / "tests" / "packs" / "loop"


def fuzz(n: int) -> settings:
    return settings(max_examples=n, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def sources() -> list[tuple[Path, str]]:
    """(pack folder, file name) pairs whose bytes get mutated: small test packs and the real story."""
    out = [(TINY, "scenes.yaml"), (TINY, "pack.yaml"), (LOOP, "scenes.yaml"), (LOOP, "pack.yaml")]
    campaign = builtin_pack_dir()
    out += [(campaign, p.name) for p in sorted(campaign.glob("*.yaml"))]
    return out


SOURCES = sources()
SNIPPETS = [b"&a ", b"*a", b"!!python/object:os.system ", b"!x ", b"{", b"}", b"[", b"]", b": ", b"- ", b"\t",
            b"\x00", b"\xff\xfe", b"\xc3", b"\x1b[2J", b"\\e", b'"', b"'", b"|", b">", b"? ", b"---\n", b"%TAG ! x\n",
            b"{x:>9999}", b"{x.__class__}", b"if: \"x.y\"", b"if: \"((((((((((((((((((((((((((((((((((1\"",
            b"99999999999999999999999", b"0x" + b"f" * 40, b"goto: nowhere", b"id: dup", b"ending: {}",
            b"\n  - id: z\n    title: Z\n    text: z\n", b"on_enter: [{roll: {luck: [6, 1]}}]", b"\xe2\x80\xae"]


def mutate(data: bytes, rnd: random.Random, steps: int) -> bytes:
    buf = bytearray(data)
    for _ in range(steps):
        kind = rnd.randrange(8)
        at = rnd.randrange(len(buf) + 1)
        if kind == 0 and buf:  # delete a range
            del buf[at: at + rnd.randrange(1, 200)]
        elif kind == 1:  # insert a hostile or structural snippet
            buf[at:at] = rnd.choice(SNIPPETS)
        elif kind == 2 and buf:  # flip one byte
            buf[min(at, len(buf) - 1)] = rnd.randrange(256)
        elif kind == 3:  # truncate
            del buf[at:]
        elif kind == 4:  # duplicate a line (duplicate keys, duplicate ids)
            lines = bytes(buf).split(b"\n")
            i = rnd.randrange(len(lines))
            lines.insert(i, lines[i])
            buf = bytearray(b"\n".join(lines))
        elif kind == 5:  # swap two lines (indentation goes wrong)
            lines = bytes(buf).split(b"\n")
            i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            buf = bytearray(b"\n".join(lines))
        elif kind == 6:  # shift indentation of a line
            lines = bytes(buf).split(b"\n")
            i = rnd.randrange(len(lines))
            lines[i] = b" " * rnd.randrange(0, 5) + lines[i].lstrip(b" ")
            buf = bytearray(b"\n".join(lines))
        else:  # random bytes
            buf[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 8)))
    return bytes(buf)


def check_result(result: object, folder: Path) -> None:
    assert isinstance(result, LoadResult)
    event("loaded clean" if result.ok else "diagnostics")  # --hypothesis-show-statistics shows the mix
    for d in result.diagnostics:
        assert d.code in CODES, d
        assert d.line >= 1 and d.col >= 1, d
        assert d.message and isinstance(d.hint, str)
    if result.ok:
        assert result.story is not None
        walk(result.story)


def walk(story, steps: int = 40, seed: int = 0) -> None:  # noqa: ANN001
    """A random playthrough: text, choices and effects must never raise on a pack that loaded clean."""
    rnd = random.Random(seed)
    session = Session(story, seed=seed)
    for _ in range(steps):
        session.text()
        views = session.available()
        if session.is_over or not views:
            break
        session.choose(rnd.choice(views).id)
        if rnd.random() < 0.1:
            session.rewind(rnd.randrange(1, 4))


def load_mutant(source: tuple[Path, str], data: bytes) -> None:
    folder, name = source
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "pack"
        if folder == builtin_pack_dir():
            # the real story's pack.yaml plus the one file under test keeps each example small
            pack.mkdir()
            shutil.copy(folder / "pack.yaml", pack / "pack.yaml")
            if (folder / "art").is_dir():
                shutil.copytree(folder / "art", pack / "art")
        else:
            shutil.copytree(folder, pack)
        (pack / name).write_bytes(data)
        with time_bound(10):
            check_result(load_pack(pack), pack)


@fuzz(700)
@given(st.sampled_from(SOURCES), st.integers(0, 2**32 - 1), st.integers(1, 6))
def test_mutated_real_files_load_or_report(source: tuple[Path, str], seed: int, steps: int) -> None:
    data = (source[0] / source[1]).read_bytes()
    load_mutant(source, mutate(data, random.Random(seed), steps))


# -- generated packs ----------------------------------------------------------------------------
ids = st.sampled_from(["a", "b", "c", "d", "end", "missing", "Bad Id", "x-y", ""])
var_names = st.sampled_from(["hp", "gold", "flag", "mood", "undeclared", "1bad"])
conds = st.one_of(
    st.sampled_from(["hp > 1", "flag", "not flag", "visited(b)", "visits(c) >= 2", "has(key)", "turn() % 2 == 0",
                     "gold / 0 == 0", "hp.__class__", "((hp)", "mood == 'calm'", "undeclared > 1", "has(nothing)",
                     "1000000000 * 1000000000 > 0", "-hp < -1000000000"]),
    st.text(max_size=20),
)
texts = st.one_of(st.sampled_from(["Hello.", "HP {hp}.", "{gold} gold", "{hp:>99999}", "{{ok}}", "{nope}", "}",
                                   "%0999999999d", "[b]not markup[/b]"]), st.text(max_size=30))
scalars = st.one_of(st.integers(-10**12, 10**12), st.booleans(), st.text(max_size=8), st.none(),
                    st.floats(allow_nan=True))
effects = st.one_of(
    st.fixed_dictionaries({"set": st.dictionaries(var_names, scalars, max_size=2)}),
    st.fixed_dictionaries({"add": st.dictionaries(var_names, scalars, max_size=2)}),
    st.fixed_dictionaries({"roll": st.dictionaries(var_names, st.lists(st.integers(-10, 10**10), max_size=3),
                                                   max_size=1)}),
    st.fixed_dictionaries({"give": st.sampled_from(["key", "gem", "nothing"])}),
    st.fixed_dictionaries({"take": st.sampled_from(["key", "gem"])}),
    st.dictionaries(st.sampled_from(["set", "explode"]), scalars, max_size=2),
)
choices = st.fixed_dictionaries(
    {"text": texts, "goto": st.one_of(ids, st.lists(st.fixed_dictionaries({"scene": ids}, optional={"if": conds}),
                                                    min_size=1, max_size=3))},
    optional={"id": ids, "if": conds, "locked": st.text(max_size=10), "effects": st.lists(effects, max_size=3)})
scenes = st.fixed_dictionaries(
    {"id": ids, "title": st.text(max_size=10),
     "text": st.one_of(texts, st.lists(st.one_of(texts, st.fixed_dictionaries({"if": conds, "text": texts})),
                                       max_size=3))},
    optional={"choices": st.lists(choices, max_size=4), "on_enter": st.lists(effects, max_size=2),
              "ending": st.fixed_dictionaries({"title": st.text(max_size=8)},
                                              optional={"kind": st.sampled_from(["best", "bad", "odd"])}),
              "timer": st.fixed_dictionaries({"seconds": st.integers(-5, 1000), "default": ids}),
              "art": st.sampled_from(["a", "../../etc/passwd", "nope"])})
variables = st.dictionaries(var_names, st.fixed_dictionaries(
    {"type": st.sampled_from(["int", "bool", "str", "float"])},
    optional={"default": scalars, "min": st.integers(-10, 10), "max": st.integers(-10, 100),
              "show": st.booleans(), "format": st.sampled_from(["bar", "value", "odd"])}), max_size=5)
packs = st.fixed_dictionaries(
    {"id": st.sampled_from(["gen", "Bad Id"]), "title": st.text(max_size=10), "version": st.sampled_from(["1", "1.0"]),
     "start": ids, "variables": variables,
     "items": st.dictionaries(st.sampled_from(["key", "gem"]), st.fixed_dictionaries({"label": st.text(max_size=5)}),
                              max_size=2)},
    optional={"facts": st.sampled_from([["first-take"], ["../x.yaml"], "nope"])})


@fuzz(500)
@given(packs, st.lists(scenes, min_size=1, max_size=6), st.integers(0, 1000))
def test_generated_packs_load_or_report(pack: dict, scene_list: list, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "gen"
        folder.mkdir()
        (folder / "pack.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
        (folder / "scenes.yaml").write_text(yaml.safe_dump({"scenes": scene_list}, allow_unicode=True),
                                            encoding="utf-8")
        (folder / "art").mkdir()
        (folder / "art" / "a.txt").write_text("/\\\n\\/\n", encoding="utf-8")
        with time_bound(10):
            result = load_pack(folder)
            check_result(result, folder)
            if result.ok:
                walk(result.story, seed=seed)


# -- well-formed generated packs: they must load clean and play without raising -----------------
VALID_CONDS = ["hp > 3", "flag", "not flag", "has(key)", "not has(gem)", "turn() % 3 == 0", "gold / 0 == 0",
               "gold * gold >= 0", "mood == 'calm'", "mood != \"busy\"", "hp - gold < 1000000000", "-hp <= 0",
               "(hp + 1) % 2 == 1 or flag and not has(key)"]


@st.composite
def valid_packs(draw) -> tuple[dict, dict]:  # noqa: ANN001
    n = draw(st.integers(2, 7))
    sids = [f"s{i}" for i in range(n)]
    conds = VALID_CONDS + [f"visited({s})" for s in sids] + [f"visits({s}) >= 2" for s in sids]
    big = st.integers(-10**12, 10**12)
    effect = st.one_of(
        st.builds(lambda v: {"set": {"hp": v}}, st.integers(-20, 20)),
        st.builds(lambda v: {"set": {"flag": v}}, st.booleans()),
        st.builds(lambda v: {"set": {"mood": v}}, st.sampled_from(["calm", "busy", "{not a template}"])),
        st.builds(lambda v, w: {"add": {"hp": v, "gold": w}}, st.integers(-5, 5), big),
        st.builds(lambda a, b: {"roll": {"gold": [a, b]}}, big, big),
        st.builds(lambda a, b: {"roll": {"hp": [a, b]}}, st.integers(-3, 12), st.integers(-3, 12)),
        st.builds(lambda i: {"give": i}, st.sampled_from(["key", "gem"])),
        st.builds(lambda i: {"take": i}, st.sampled_from(["key", "gem"])),
    )
    scenes = []
    for i, sid in enumerate(sids):
        paras: list = ["Scene {hp} {gold} {flag} {mood}."]
        for _ in range(draw(st.integers(0, 2))):
            paras.append({"if": draw(st.sampled_from(conds)), "text": "Only sometimes: {gold}."})
        choices = [{"id": f"c{i}_0", "text": "Always", "goto": draw(st.sampled_from(sids + ["end"])),
                    "effects": draw(st.lists(effect, max_size=3))}]
        for j in range(1, draw(st.integers(1, 4))):
            choice = {"id": f"c{i}_{j}", "text": f"Option {j} ({{hp}})", "if": draw(st.sampled_from(conds)),
                      "effects": draw(st.lists(effect, max_size=3))}
            if draw(st.booleans()):
                choice["locked"] = "Not now [red]really[/red]."
            if draw(st.booleans()):
                choice["goto"] = [{"if": draw(st.sampled_from(conds)), "scene": draw(st.sampled_from(sids))},
                                  {"scene": draw(st.sampled_from(sids + ["end"]))}]
            else:
                choice["goto"] = draw(st.sampled_from(sids + ["end"]))
            choices.append(choice)
        scene = {"id": sid, "title": f"Scene {i}", "text": paras, "choices": choices,
                 "on_enter": draw(st.lists(effect, max_size=2))}
        if draw(st.booleans()):
            scene["timer"] = {"seconds": draw(st.integers(1, 600)), "default": f"c{i}_0"}
        scenes.append(scene)
    scenes.append({"id": "end", "title": "End", "text": "Fin.", "ending": {"title": "End", "kind": "good"}})
    pack = {"id": "valid", "title": "Valid", "version": "1.0", "start": "s0",
            "variables": {"hp": {"type": "int", "default": 5, "min": 0, "max": 10, "show": True},
                          "gold": {"type": "int", "default": 0, "show": True},
                          "flag": {"type": "bool", "default": False, "show": True},
                          "mood": {"type": "str", "default": "calm", "show": True}},
            "items": {"key": {"label": "Key"}, "gem": {"label": "Gem"}}}
    return pack, {"scenes": scenes}


@fuzz(400)
@given(valid_packs(), st.integers(0, 10**6))
def test_well_formed_generated_packs_load_clean_and_play(generated: tuple[dict, dict], seed: int) -> None:
    pack, scene_file = generated
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "valid"
        folder.mkdir()
        (folder / "pack.yaml").write_text(yaml.safe_dump(pack), encoding="utf-8")
        (folder / "scenes.yaml").write_text(yaml.safe_dump(scene_file), encoding="utf-8")
        with time_bound(10):
            result = load_pack(folder)
    assert result.ok, "\n".join(d.text() for d in result.diagnostics)
    story = result.story
    rnd = random.Random(seed)
    session = Session(story, seed=seed)
    history = [session.state.copy()]
    with time_bound(10):
        for _ in range(80):
            session.text()
            hp, gold = session.state.vars["hp"], session.state.vars["gold"]
            assert 0 <= hp <= 10 and -10**9 <= gold <= 10**9  # clamped, even without min/max
            views = session.available()
            if session.is_over:
                break
            assert views, f"stuck in {session.state.scene}"  # the first choice never has an `if`
            if story.scenes[session.state.scene].timer and rnd.random() < 0.3:
                session.timeout()
            else:
                session.choose(rnd.choice(views).id)
            history.append(session.state.copy())
            if rnd.random() < 0.15 and len(history) > 1:
                back = rnd.randrange(1, len(history))
                assert session.rewind(back)
                del history[len(history) - back:]
                assert session.state.same_as(history[-1])  # rewind is exact, RNG included

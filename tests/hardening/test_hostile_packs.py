"""Hostile packs through `first-take validate`, each in its own capped child process.

Every attack must come out as a located diagnostic (``path:line:col: error[CODE]``) with a hint and
exit code 1, inside a wall-clock limit and an address-space cap; a segfault, a hang or a runaway
allocation fails the one test. PyYAML 6.0.3's C loader segfaults on the 25,000-deep input (the
benchmark shows it side by side), so the guard is what keeps validate alive.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .limits import Run, first_take, run_limited

TIMEOUT = 15.0  # seconds: a hang guard; the measured times are in benchmarks/ (all well under 1 s)
MEMORY_CAP_MIB = 768  # address space; a bomb that expanded would need gigabytes
PEAK_RSS_MIB = 200  # what validate may actually touch

PACK_YAML = """id: hostile
title: Hostile
version: 1.0.0
start: a
variables:
  stamina: {type: int, default: 3, min: 0, max: 10, label: Stamina, show: true}
"""
SCENES_YAML = """scenes:
  - id: a
    title: A
    text: The only scene.
    ending: {title: End, kind: good}
"""


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


def scene_with(key: str, value: str) -> str:
    """A scene file whose one scene carries an attack in `key` (an `if:` or a `text:`)."""
    if key == "if":
        return ("scenes:\n  - id: b\n    title: B\n    text: Hi.\n    choices:\n      - text: Go\n"
                f"        if: {value}\n        goto: a\n")
    return f"scenes:\n  - id: b\n    title: B\n    text: {value}\n    choices:\n      - text: Go\n        goto: a\n"


@dataclass
class Case:
    name: str
    content: str | bytes | None  # the hostile file (hostile.yaml), or None when `setup` makes it
    code: str
    line: int
    col: int
    message: str  # a regex the message must match
    file: str = "hostile.yaml"
    setup: object = None  # callable(pack: Path) for files that are not plain content
    extra: dict[str, str] = field(default_factory=dict)


def _fifo(pack: Path) -> None:
    os.mkfifo(pack / "hostile.yaml")


def _sparse(pack: Path) -> None:
    with open(pack / "hostile.yaml", "wb") as fh:
        fh.truncate(4 * 1024**3)  # 4 GiB of nothing: must be refused from its size, never read


def _outside_link(pack: Path) -> None:
    secret = pack.parent / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (pack / "hostile.yaml").symlink_to(secret)


def _art_link(pack: Path) -> None:
    (pack / "art").mkdir()
    secret = pack.parent / "secret.txt"
    secret.write_text("hunter2\n", encoding="utf-8")
    (pack / "art" / "leak.txt").symlink_to(secret)
    (pack / "hostile.yaml").write_text(
        "scenes:\n  - id: b\n    title: B\n    art: leak\n    text: Hi.\n    choices:\n      - {text: Go, goto: a}\n",
        encoding="utf-8")


def _facts_escape(pack: Path) -> None:
    (pack.parent / "facts.yaml").write_text("facts: []\n", encoding="utf-8")
    (pack / "pack.yaml").write_text(PACK_YAML + "facts: [../facts.yaml]\n", encoding="utf-8")


DEEP = 25_000
CASES = [
    # -- YAML structure ------------------------------------------------------------------------
    Case("alias_bomb", billion_laughs(), "E004", 1, 4, r"anchor '&a' is not allowed"),
    Case("alias_without_anchor", "scenes: *x\n", "E004", 1, 9, r"alias '\*x' is not allowed"),
    Case("alias_cycle", "a: &x [1, *x]\n", "E004", 1, 4, r"anchor '&x' is not allowed"),
    Case("deep_flow_sequences", "scenes: " + "[" * DEEP + "]" * DEEP + "\n", "E005", 1, 72,
         r"nesting deeper than 64 levels"),
    Case("deep_flow_unclosed", "scenes: " + "[" * DEEP + "\n", "E005", 1, 72, r"nesting deeper than 64"),
    Case("deep_flow_mappings", "scenes: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n", "E005", 1, 261,
         r"nesting deeper than 64"),
    Case("deep_block_mappings", "".join("  " * i + "a:\n" for i in range(200)), "E005", 65, 129,
         r"nesting deeper than 64"),
    Case("deep_block_sequences", "- " * DEEP + "x\n", "E005", 1, 129, r"nesting deeper than 64"),
    Case("too_many_nodes", "x: [" + "1," * 210_000 + "1]\n", "E006", 1, 399_995,
         r"more than 200,000 YAML nodes"),
    Case("oversized_file", "# " + "x" * (1024 * 1024) + "\n", "E002", 1, 1, r"larger than 1024 KiB"),
    Case("sparse_4gib_file", None, "E002", 1, 1, r"larger than 1024 KiB", setup=_sparse),
    Case("duplicate_top_key", SCENES_YAML.replace("scenes:", "scenes: []\nscenes:", 1), "E007", 2, 1,
         r"duplicate key 'scenes'"),
    Case("duplicate_nested_key", "scenes:\n  - id: b\n    title: B\n    title: C\n    text: x\n"
         "    ending: {title: E}\n", "E007", 4, 5, r"duplicate key 'title'"),
    Case("latin1_text", "scenes: []\n# caf\xe9 cr\xe8me\n".encode("latin-1"), "E001", 2, 6, r"not valid UTF-8"),
    Case("utf16_text", SCENES_YAML.encode("utf-16"), "E001", 1, 1, r"UTF-16 text, not UTF-8"),
    Case("binary_nul_bytes", b"scenes: []\nab\x00\x01\x02" + bytes(range(256)), "E001", 2, 3,
         r"binary \(it contains NUL bytes\)"),
    Case("raw_control_character", "scenes: []\nx: \"a\x07b\"\n", "E001", 2, 6, r"control characters are not allowed"),
    Case("escaped_terminal_codes", 'scenes: []\nx: "ok \\e[2J\\e]0;pwned\\a"\n', "E001", 2, 8,
         r"control character U\+001B"),
    Case("python_tag", "x: !!python/object/apply:os.system ['echo hi']\n", "E004", 1, 4,
         r"tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    Case("local_tag", "x: !shell rm -rf\n", "E004", 1, 4, r"tag '!shell' is not allowed"),
    Case("huge_decimal_int", "x: " + "9" * 5000 + "\n", "E106", 1, 4, r"number is too large"),
    Case("huge_hex_int", "x: 0x" + "f" * 100_000 + "\n", "E106", 1, 4, r"number is too large"),
    Case("two_documents", "scenes: []\n---\nscenes: []\n", "E003", 2, 1, r"more than one YAML document"),
    Case("named_pipe", None, "E009", 1, 1, r"not a regular file", setup=_fifo),
    # -- files outside the pack ----------------------------------------------------------------
    Case("scene_file_links_out", None, "E403", 1, 1, r"outside the pack folder", setup=_outside_link),
    Case("art_links_out", None, "E403", 4, 10, r"art 'leak' resolves outside the pack folder", setup=_art_link),
    Case("fact_sheet_escapes", None, "E403", 7, 9, r"fact sheet '\.\./facts\.yaml' is outside the pack folder",
         file="pack.yaml", setup=_facts_escape),
    Case("bomb_in_pack_yaml", PACK_YAML + billion_laughs().replace("a: &a", "zz: &a"), "E004", 7, 5,
         r"anchor '&a' is not allowed", file="pack.yaml"),
    # -- the condition language and text templates: load-time errors, never play-time ----------
    Case("expr_attribute_access", scene_with("if", '"stamina.__class__"'), "E301", 7, 21,
         r"unexpected character '\.'"),
    Case("expr_dunder_call", scene_with("if", "\"__import__('os')\""), "E301", 7, 14, r"unknown function '__import__'"),
    Case("expr_huge_integer", scene_with("if", '"stamina > 99999999999999999999"'), "E301", 7, 24,
         r"integer literal is too large"),
    Case("expr_deep_parentheses", scene_with("if", '"' + "(" * 200 + "1" + ")" * 200 + '"'), "E301", 7, 46,
         r"nested more than 32 deep"),
    Case("expr_long_source", scene_with("if", '"' + "stamina > 1 and " * 1000 + 'true"'), "E301", 7, 14,
         r"characters long \(limit 500\)"),
    Case("expr_node_flood", scene_with("if", '"' + "1+" * 240 + '1 > 0"'), "E301", 7, 14 + 199,
         r"more than 200 parts"),
    Case("expr_indexing", scene_with("if", '"stamina[0] > 1"'), "E301", 7, 21, r"unexpected character '\['"),
    Case("template_format_spec", scene_with("text", '"{stamina:>999999999}"'), "E305", 4, 12,
         r"'\{stamina:>999999999\}' is not a variable name"),
    Case("template_attribute", scene_with("text", '"{stamina.__class__}"'), "E305", 4, 12, r"is not a variable name"),
    Case("template_index", scene_with("text", '"{stamina[0]}"'), "E305", 4, 12, r"is not a variable name"),
    Case("template_conversion", scene_with("text", '"{stamina!r}"'), "E305", 4, 12, r"is not a variable name"),
]


def make_pack(tmp: Path, case: Case) -> Path:
    pack = tmp / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    (pack / "scenes.yaml").write_text(SCENES_YAML, encoding="utf-8")
    if case.setup is not None:
        case.setup(pack)  # type: ignore[operator]
    elif case.content is not None:
        data = case.content.encode("utf-8") if isinstance(case.content, str) else case.content
        (pack / case.file).write_bytes(data)
    return pack


def validate(tmp: Path, *extra: str) -> Run:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return run_limited(first_take() + ["validate", "pack", *extra], timeout=TIMEOUT, memory_mib=MEMORY_CAP_MIB,
                       cwd=tmp, env=env)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_is_a_located_error(tmp_path: Path, case: Case) -> None:
    make_pack(tmp_path, case)
    run = validate(tmp_path)
    assert not run.timed_out and not run.crashed, run.describe()
    assert run.returncode == 1, run.describe()
    assert run.peak_rss_mib < PEAK_RSS_MIB, run.describe()
    where = f"pack/{case.file}:{case.line}:{case.col}: error[{case.code}]: "
    lines = run.stdout.splitlines()
    hits = [i for i, line in enumerate(lines) if line.startswith(where)]
    assert hits, f"expected a line starting {where!r}\n{run.describe()}"
    message = lines[hits[0]][len(where):]
    assert re.search(case.message, message), f"{message!r} does not match {case.message!r}"
    assert lines[hits[0] + 1].startswith("  hint: "), "every diagnostic carries a hint"
    assert "Traceback" not in run.stderr, run.describe()


def test_json_output_locates_an_attack_too(tmp_path: Path) -> None:
    import json

    make_pack(tmp_path, CASES[0])
    run = validate(tmp_path, "--format", "json")
    assert run.returncode == 1, run.describe()
    diags = json.loads(run.stdout)
    bomb = [d for d in diags if d["code"] == "E004"]
    assert bomb and bomb[0]["path"] == "pack/hostile.yaml" and (bomb[0]["line"], bomb[0]["col"]) == (1, 4)
    assert bomb[0]["hint"]

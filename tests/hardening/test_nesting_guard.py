"""Our nesting limit (E005 at the 65th level) wins over the parser's own, on every PyYAML.

PyYAML 6.0.4's wheels carry libyaml 0.2.6, whose scanner stops at 1,000 levels while reading up to
1,024 characters ahead of the events yamlsrc walks: without yamlsrc's flow pre-scan a line of
``[[[[...`` came out as ``hostile.yaml:1:1008: error[E003]`` there and as ``1:72: error[E005]`` on
6.0.2. Every expected line below is what the event guard gives on a parser without a limit, and
the run must print exactly that line whichever PyYAML is installed. The second half checks that
the scan refuses nothing on its own: brackets in quotes, comments, block scalars and plain text.
"""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
import yaml

from game.content import yamlsrc
from game.content.yamlsrc import parse_text

from .test_hostile_packs import CASES, Case, make_pack, validate

DEEP = 25_000
E005 = "nesting deeper than 64 levels"
HINT = "  hint: packs never need this much nesting"

NESTING = [c for c in CASES if c.name.startswith("deep_")] + [
    Case("deep_flow_root", "[" * DEEP + "]" * DEEP + "\n", "E005", 1, 65, E005),
    Case("deep_flow_mixed", "scenes: " + "[{a: " * DEEP + "\n", "E005", 1, 165, E005),
    Case("deep_flow_mapping_then_sequences", "scenes: " + "[" * 40 + "{a: " + "[" * DEEP + "\n", "E005", 1, 75, E005),
    Case("deep_flow_in_block_sequence", "- " * 60 + "[" * DEEP + "\n", "E005", 1, 125, E005),
    Case("deep_flow_under_block_mappings",
         "".join("  " * i + "a:\n" for i in range(30)) + "  " * 30 + "b: " + "[" * DEEP + "\n", "E005", 31, 97, E005),
    Case("deep_flow_after_comment_and_quotes", '# [[[[ {{{{\nx: "[[[[" # ]]\ny: ' + "[" * DEEP + "\n",
         "E005", 3, 67, E005),
    Case("deep_flow_after_cr_breaks", "a: 1\rb: " + "[" * DEEP + "\r", "E005", 2, 67, E005),
    # The scanner, reading ahead, met this bad character (col 1,201) before the walk met level 65 on
    # 6.0.2, and libyaml's limit (col 1,001) on 6.0.4: now our limit is met first on both.
    Case("deep_flow_then_bad_character", "[" * 1200 + "@\n", "E005", 1, 65, E005),
]


def expected_line(case: Case) -> str:
    return f"pack/{case.file}:{case.line}:{case.col}: error[E005]: {E005}"


@pytest.mark.parametrize("case", NESTING, ids=[c.name for c in NESTING])
def test_deep_nesting_is_our_e005_on_any_pyyaml(tmp_path: Path, case: Case) -> None:
    make_pack(tmp_path, case)
    run = validate(tmp_path)
    assert not run.timed_out and not run.crashed and run.returncode == 1, run.describe()
    lines = run.stdout.splitlines()
    mine = [i for i, line in enumerate(lines) if line.startswith(f"pack/{case.file}:")]
    assert [lines[i] for i in mine] == [expected_line(case)], f"PyYAML {yaml.__version__}\n{run.describe()}"
    assert lines[mine[0] + 1] == HINT
    assert "Traceback" not in run.stderr, run.describe()


@pytest.mark.parametrize("case", NESTING, ids=[c.name for c in NESTING])
def test_parse_text_gives_the_same_line(case: Case) -> None:
    assert isinstance(case.content, str)
    value, diags = parse_text(case.content, "h.yaml")
    assert value is None
    assert [(d.line, d.col, d.code, d.message) for d in diags] == [(case.line, case.col, "E005", E005)]


def test_the_scan_rests_on_libyaml_default_limit() -> None:
    """_flow_cuts assumes the parser's limit, where it has one, is libyaml 0.2.6's 1,000 or more: a
    release that lowers it must fail here, not quietly turn E005s back into its own E003."""
    get = getattr(getattr(yaml, "_yaml", None), "_get_max_nest_level", None)
    if get is None:
        pytest.skip(f"PyYAML {yaml.__version__} has no nesting limit to ask about")
    limit = get()
    assert limit == -1 or limit >= 1000, f"libyaml's nesting limit is now {limit}"
    assert yamlsrc._CUT + yamlsrc.MAX_DEPTH < 1000  # what the cut text holds where the walk stops


LEGAL = {
    "quoted": 'a: "' + "[" * 2000 + '"\nb: \'' + "{" * 2000 + "'\n",
    "comment": "a: 1  # " + "[" * 2000 + "\n",
    "block_scalar": "a: |\n  " + "[" * 2000 + "\n  " + "{[" * 1000 + "\nb: >\n  " + "[" * 2000 + "\n",
    "plain": "a: x " + "[" * 2000 + "\nb: y" + "{" * 2000 + "\n",
    "flow_with_quotes": "a: [" + ", ".join(['"' + "[" * 10 + '"'] * 300) + "]\n",
    "shallow_flow_runs": "".join(f"k{i}: " + "[" * 60 + "1" + "]" * 60 + "\n" for i in range(50)),
    "multiline_quote": 'a: "x\n  ' + "[" * 2000 + '\n  y"\n',
}


@pytest.mark.parametrize("name", sorted(LEGAL))
def test_brackets_that_are_text_are_never_refused(name: str) -> None:
    text = LEGAL[name]
    value, diags = parse_text(text, "ok.yaml")
    assert diags == []
    assert value == yaml.safe_load(text)


def test_real_packs_never_reach_the_line_scan() -> None:
    root = Path(__file__).resolve().parents[2]
    files = sorted(glob.glob(str(root / "scenes" / "**" / "*.yaml"), recursive=True))
    files += sorted(glob.glob(str(root / "examples" / "**" / "*.yaml"), recursive=True))
    assert files
    for name in files:
        text = Path(name).read_text(encoding="utf-8")
        assert list(yamlsrc._flow_cuts(text)) == [], name

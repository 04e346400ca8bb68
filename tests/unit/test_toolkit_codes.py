"""Every diagnostic code is documented in MODDING.md's table, and the table lists nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from game.content.diagnostics import CODES

MODDING = Path(__file__).resolve().parents[2] / "MODDING.md"


def table() -> dict[str, tuple[str, str]]:
    text = MODDING.read_text(encoding="utf-8")
    block = text.split("<!-- codes:start -->", 1)[1].split("<!-- codes:end -->", 1)[0]
    rows = {}
    for line in block.splitlines():
        m = re.match(r"^\| `([EW]\d{3})` \| (error|warning) \| (.+) \|$", line)
        if m:
            assert m.group(1) not in rows, f"{m.group(1)} twice"
            rows[m.group(1)] = (m.group(2), m.group(3))
    return rows


def test_every_code_is_documented_and_only_those() -> None:
    rows = table()
    assert set(rows) == set(CODES), (sorted(set(CODES) - set(rows)), sorted(set(rows) - set(CODES)))
    for code, (severity, meaning) in rows.items():
        assert severity == CODES[code][0], code
        assert len(meaning) > 10, code


def test_codes_follow_the_numbering() -> None:
    for code, (severity, _) in CODES.items():
        assert (code[0] == "W") == (severity == "warning"), code

"""The loader: a valid pack becomes a Story; a broken one yields every located problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import PackError, load_pack
from tests.conftest import PACKS


def codes_at(result) -> set[tuple[str, int, int, str]]:  # noqa: ANN001
    return {(Path(d.path).name, d.line, d.col, d.code) for d in result.diagnostics}


def test_tiny_loads(tiny) -> None:  # noqa: ANN001
    assert tiny.start == "hangar"
    assert set(tiny.endings) == {"orbit", "scrub"}
    assert tiny.variables["fuel"].max == 5
    assert tiny.content_hash


def test_broken_pack_reports_everything_located() -> None:
    result = load_pack(PACKS / "broken")
    assert result.story is None
    got = codes_at(result)
    expected = {
        ("pack.yaml", 2, 8, "E104"),   # title: no
        ("pack.yaml", 4, 8, "E204"),   # start: begining
        ("scenes.yaml", 3, 5, "E103"),  # titel
        ("scenes.yaml", 4, 18, "E305"),  # {fuel.real}
        ("scenes.yaml", 7, 15, "E202"),  # goto midle
        ("scenes.yaml", 8, 24, "E301"),  # && in a condition
        ("scenes.yaml", 11, 14, "E302"),  # fuell
        ("scenes.yaml", 18, 9, "E201"),  # duplicate scene id
    }
    assert expected <= got
    hints = {d.code: d.hint for d in result.diagnostics}
    assert hints["E204"] == "did you mean 'beginning'?"
    assert hints["E103"] == "did you mean 'title'?"


def write_pack(tmp_path: Path, scenes: str, pack_extra: str = "") -> Path:
    (tmp_path / "pack.yaml").write_text(
        "id: t\ntitle: T\nversion: '1'\nstart: a\nvariables:\n  n: {type: int, default: 0}\n" + pack_extra)
    (tmp_path / "s.yaml").write_text(scenes)
    return tmp_path


@pytest.mark.parametrize(
    ("scenes", "code", "line", "col"),
    [
        ("scenes:\n  - id: a\n    title: A\n    text: x\n    text: y\n    ending: {title: E}\n", "E007", 5, 5),
        ("scenes:\n  - &x {id: a}\n", "E004", 2, 5),
        ("scenes:\n  - id: a\n    title: A\n    text: [unclosed\n", "E003", 5, 1),
        ("scenes:\n  - id: a\n    title: A\n    text: hi\n", "E206", 2, 5),
        ("scenes:\n  - id: a\n    title: A\n    text: hi\n    choices:\n      - {text: go, goto: a, effects: [{add: {n: x}}]}\n",
         "E306", 6, 46),
        ("scenes:\n  - id: a\n    title: A\n    text: hi\n    ending: {title: E, kind: great}\n", "E106", 5, 30),
        ("scenes:\n  - id: a\n    title: A\n    text: hi\n    facts: [nope]\n    ending: {title: E}\n", "E401", 5, 13),
    ],
)
def test_single_problems(tmp_path: Path, scenes: str, code: str, line: int, col: int) -> None:
    result = load_pack(write_pack(tmp_path, scenes))
    assert (code, line, col) in {(d.code, d.line, d.col) for d in result.diagnostics}, [
        d.text() for d in result.diagnostics]


def test_block_text_interpolation_error_points_inside_the_block(tmp_path: Path) -> None:
    scenes = "scenes:\n  - id: a\n    title: A\n    text: |\n      Line one.\n      Two {n:>99} here.\n    ending: {title: E}\n"
    result = load_pack(write_pack(tmp_path, scenes))
    d = next(d for d in result.diagnostics if d.code == "E305")
    assert (d.line, d.col) == (6, 11)


def test_not_a_pack(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="no such pack folder"):
        load_pack(tmp_path / "missing")
    with pytest.raises(PackError, match="no pack.yaml"):
        load_pack(tmp_path)


def test_never_raises_on_garbage(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_bytes(b"\xff\xfe\x00garbage")
    result = load_pack(tmp_path)
    assert [d.code for d in result.diagnostics] == ["E001"]

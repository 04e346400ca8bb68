"""Limits that keep play cheap whatever a pack or a save holds: no format strings, no
amplification, bounded integers, and numbers too long for Python refused as damage."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from game.engine.expr import INT_LIMIT, ExprError, parse
from game.engine.saves import SaveError, fit_to_story
from game.engine.session import Session
from game.engine.state import GameState
from game.engine.text import TemplateError, parse_template
from game.storage.files import DamagedFile, read_json
from game.storage.savefiles import read_save, write_save


def test_printf_and_format_specs_in_text_are_plain_text() -> None:
    """`%0999999999d` costs ~1 GB in a permissive formatter; here it is ten characters of text."""
    tracemalloc.start()
    try:
        out = parse_template("Score: %0999999999d {x} %s %(x)s").render(lambda name: "%0999999999d")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert out == "Score: %0999999999d %0999999999d %s %(x)s"
    assert peak < 64 * 1024


@pytest.mark.parametrize("src", ["{x:>999999999}", "{x!r}", "{x.__class__}", "{x[0]}", "{x.__init__.__globals__}",
                                 "{0}", "{}", "{ x y }", "{x", "x}"])
def test_template_attacks_are_refused(src: str) -> None:
    with pytest.raises(TemplateError) as err:
        parse_template(src)
    assert src[err.value.offset] in "{}"


def test_variable_values_are_never_templates_themselves(tiny) -> None:  # noqa: ANN001
    state = GameState.new(tiny, seed=1)
    state.vars["fuel"] = "{leaked.__class__} %0999999999d"  # a damaged save could hold anything
    text = Session(tiny, state).text()[0]
    assert "{leaked.__class__} %0999999999d" in text


@pytest.mark.parametrize("src,col", [("a.b", 2), ("x.__class__", 2), ("10000000000", 1), ("1" * 11, 1),
                                     ("a[0]", 2), ("f(1)", 1), ("__import__('os')", 1), ("x if y else z", 3),
                                     ("lambda: 1", 7), ("x ** 99999", 4), ("'a' * 999999999", None)])
def test_expression_attacks_are_located_errors(src: str, col: int | None) -> None:
    if col is None:  # allowed: text times a number is 0 (text is not a number), never a big string
        from game.engine.expr import evaluate

        class Env:
            def var(self, n):  # noqa: ANN001, ANN202
                return 0

            def visits(self, s):  # noqa: ANN001, ANN202
                return 0

            def has(self, i):  # noqa: ANN001, ANN202
                return False

            def turn(self):  # noqa: ANN202
                return 0

        assert evaluate(parse(src), Env()) == 0
        return
    with pytest.raises(ExprError) as err:
        parse(src)
    assert err.value.col == col, err.value.message


def test_arithmetic_stays_bounded_over_huge_saved_values(tiny) -> None:  # noqa: ANN001
    state = GameState.new(tiny, seed=1)
    state.vars["fuel"] = 10**400  # from a hand-edited save, before fit_to_story
    session = Session(tiny, state)
    from game.engine.expr import evaluate

    for src in ("fuel * fuel", "fuel / 3", "fuel % 7", "-fuel - fuel", "fuel + 1"):
        value = evaluate(parse(src), session.env)
        assert -INT_LIMIT <= value <= INT_LIMIT, src


def test_a_number_too_long_for_python_in_a_save_is_damage(tmp_path: Path, tiny) -> None:  # noqa: ANN001
    path = tmp_path / "slot.json"
    write_save(path, tiny, GameState.new(tiny, seed=1), "test")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"turn": 0', '"turn": ' + "9" * 5000), encoding="utf-8")
    with pytest.raises(SaveError):
        read_save(path)


def test_a_number_too_long_for_python_in_settings_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": ' + "9" * 5000 + "}", encoding="utf-8")
    with pytest.raises(DamagedFile):
        read_json(path)


def test_saved_values_are_fitted_to_their_declared_range(tmp_path: Path, tiny) -> None:  # noqa: ANN001
    state = GameState.new(tiny, seed=1)
    state.vars["fuel"] = 10**30
    path = tmp_path / "slot.json"
    write_save(path, tiny, state, "test")
    fitted, _ = fit_to_story(tiny, read_save(path))
    assert fitted.vars["fuel"] == tiny.variables["fuel"].max

"""The condition language: parsing, located errors, evaluation without eval."""

from __future__ import annotations

import pytest

from game.engine.expr import INT_LIMIT, ExprError, evaluate, names, parse


class Env:
    def __init__(self, **vars):  # noqa: ANN003
        self.vars = vars
        self.seen = {"dock": 2}
        self.items = {"camera"}

    def var(self, name):  # noqa: ANN001, ANN201
        return self.vars[name]

    def visits(self, scene):  # noqa: ANN001, ANN201
        return self.seen.get(scene, 0)

    def has(self, item):  # noqa: ANN001, ANN201
        return item in self.items

    def turn(self):  # noqa: ANN201
        return 7


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("fuel >= 3 and not leaked", True),
        ("fuel >= 4", False),
        ("visited(dock)", True),
        ("visited(pad)", False),
        ("visits(dock) == 2", True),
        ("has(camera) and not has(tripod)", True),
        ("turn() > 6", True),
        ("1 + 2 * 3 == 7", True),
        ("(1 + 2) * 3 == 9", True),
        ("-fuel == -3", True),
        ("7 / 2 == 3 and 7 % 2 == 1", True),
        ("5 / 0 == 0", True),
        ("role == 'surgeon'", True),
        ('role != "director"', True),
        ("fuel == '3'", False),
        ("leaked or fuel > 2", True),
        ("not not true", True),
    ],
)
def test_evaluates(src: str, expected: bool) -> None:
    env = Env(fuel=3, leaked=False, role="surgeon")
    assert evaluate(parse(src), env) is expected


@pytest.mark.parametrize(
    ("src", "col", "fragment"),
    [
        ("fuel >= 3 &&", 11, "unexpected character '&'"),
        ("fuel = 3", 6, "unexpected character '='"),
        ("a.b", 2, "'.'"),
        ("(fuel > 1", 10, "missing ')'"),
        ("fuel >", 7, "ends too early"),
        ("open(x)", 1, "unknown function"),
        ("has('camera')", 5, "takes one id"),
        ("1 < 2 < 3", 7, "cannot be chained"),
        ("'unclosed", 1, "not closed"),
        ("", 1, "empty"),
    ],
)
def test_errors_point_at_the_column(src: str, col: int, fragment: str) -> None:
    with pytest.raises(ExprError) as info:
        parse(src)
    assert fragment in info.value.message
    assert info.value.col == col


def test_limits() -> None:
    with pytest.raises(ExprError, match="characters long"):
        parse("x or " * 200 + "x")
    with pytest.raises(ExprError, match="nested"):
        parse("(" * 40 + "1" + ")" * 40)
    with pytest.raises(ExprError, match="too large"):
        parse("99999999999")
    big = evaluate(parse("1000000000 * 1000000000"), Env())
    assert big == INT_LIMIT


def test_names_lists_every_reference() -> None:
    refs = names(parse("fuel > 1 and visited(dock) or has(camera)"))
    assert sorted((k, n) for k, n, _ in refs) == [("item", "camera"), ("scene", "dock"), ("var", "fuel")]

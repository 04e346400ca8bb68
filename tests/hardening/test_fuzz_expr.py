"""Fuzzing the condition language and text templates (fixed seed, bounded time per example).

Properties: parse() returns a tree or raises ExprError with a column inside the source (never any
other exception); evaluate() on random trees over random environments never raises and keeps
arithmetic inside +/-INT_LIMIT; templates parse or raise TemplateError at an offset inside the
text, and rendering never amplifies (no format specs, no attribute access).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.expr import FUNCTIONS, INT_LIMIT, Binary, Call, ExprError, Lit, Unary, Var, evaluate, names, parse
from game.engine.text import Template, TemplateError, parse_template

from .bounds import time_bound


def fuzz(n: int) -> settings:
    return settings(max_examples=n, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


TOKENS = ["stamina", "footage", "x", "_y", "true", "false", "and", "or", "not", "visited", "visits", "has",
          "turn", "(", ")", ",", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "=", "!", ".",
          "[", "]", "{", "}", "'s'", '"q"', "'", '"', "0", "7", "1000000000", "99999999999", "²", "١", "ａ",
          "__class__", "\t", "\n", "\x00", "é", " "]

expressions = st.one_of(
    st.text(max_size=600),
    st.lists(st.sampled_from(TOKENS), max_size=80).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=80).map("".join),
)


def check_parse(src: str) -> None:
    with time_bound(5):
        try:
            tree = parse(src)
        except ExprError as err:
            assert isinstance(err.col, int) and 1 <= err.col <= len(src) + 1, (src, err.col)
            assert err.message
            return
    for kind, name, col in names(tree):
        assert kind in ("var", "scene", "item") and name
        assert 1 <= col <= len(src), (src, col)  # references point into the source


@fuzz(1500)
@given(expressions)
def test_parse_returns_a_tree_or_a_located_error(src: str) -> None:
    check_parse(src)


# -- evaluate over random trees and environments ------------------------------------------------
NAMES = ["a", "b", "c"]
values = st.one_of(st.integers(-10**12, 10**12), st.integers(-10**400, 10**400), st.booleans(), st.text(max_size=20))
leaves = st.one_of(
    values.map(Lit),
    st.sampled_from(NAMES).map(lambda n: Var(n, 1)),
    st.sampled_from(sorted(FUNCTIONS)).map(lambda f: Call(f, None if f == "turn" else "a", 1, 1)),
)
OPS = ["and", "or", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"]
trees = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.tuples(st.sampled_from(["not", "-"]), kids).map(lambda t: Unary(t[0], t[1])),
        st.tuples(st.sampled_from(OPS), kids, kids).map(lambda t: Binary(t[0], t[1], t[2])),
    ),
    max_leaves=60,
)


class Env:
    def __init__(self, vars: dict, visits: int, items: bool, turn: int) -> None:  # noqa: A002
        self._vars, self._visits, self._items, self._turn = vars, visits, items, turn

    def var(self, name: str):  # noqa: ANN201
        return self._vars.get(name, 0)

    def visits(self, scene: str) -> int:
        return self._visits

    def has(self, item: str) -> bool:
        return self._items

    def turn(self) -> int:
        return self._turn


envs = st.builds(Env, st.dictionaries(st.sampled_from(NAMES), values), st.integers(0, 10**12), st.booleans(),
                 st.integers(0, 10**12))


@fuzz(700)
@given(trees, envs)
def test_evaluate_never_raises(tree, env) -> None:  # noqa: ANN001
    with time_bound(5):
        result = evaluate(tree, env)
    assert isinstance(result, (int, bool, str))
    if isinstance(tree, Binary) and tree.op in ("+", "-", "*", "/", "%") and not isinstance(result, bool):
        assert -INT_LIMIT <= result <= INT_LIMIT


@fuzz(300)
@given(st.lists(st.sampled_from(TOKENS[:27]), min_size=1, max_size=40).map(" ".join), envs)
def test_parsed_expressions_evaluate_without_raising(src: str, env: Env) -> None:
    try:
        tree = parse(src)
    except ExprError:
        return
    with time_bound(5):
        assert isinstance(evaluate(tree, env), (int, bool, str))


# -- templates ----------------------------------------------------------------------------------
template_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(["{", "}", "{{", "}}", "x", "name", ":", ">999999999", ".__class__", "[0]", "!r",
                              "%0999999999d", " ", "\n", "{x}", "{ x }", "é"]), max_size=60).map("".join),
)


@fuzz(800)
@given(template_text, st.one_of(st.integers(-10**12, 10**12), st.booleans(), st.text(max_size=30)))
def test_templates_parse_or_raise_located_and_never_amplify(src: str, value) -> None:  # noqa: ANN001
    with time_bound(5):
        try:
            tpl = parse_template(src)
        except TemplateError as err:
            assert 0 <= err.offset < len(src), (src, err.offset)
            assert src[err.offset] in "{}"  # the error points at the brace that is wrong
            return
        assert isinstance(tpl, Template)
        out = tpl.render(lambda name: value)
    assert len(out) <= len(src) + len(tpl.names) * max(len(str(value)), 3)
    for name, offset in tpl.names:
        assert src[offset - 1] == "{" and all(ch.isalnum() or ch == "_" for ch in name)

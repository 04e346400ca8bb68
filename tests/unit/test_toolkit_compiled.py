"""Compiled conditions (closures over a tuple) must mean exactly what the engine's evaluator means."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.expr import Binary, Call, Lit, Unary, Var, evaluate
from game.toolkit.compiled import compile_node

NAMES = {("var", "n"): 0, ("var", "m"): 1, ("var", "t"): 2, ("var", "f"): 3, ("visits", "x"): 4,
         ("item", "k"): 5, ("turn", ""): 6}

leaves = st.one_of(
    st.integers(-1_000_000_000, 1_000_000_000).map(Lit), st.booleans().map(Lit), st.sampled_from(["a", "b", ""]).map(Lit),
    st.sampled_from(["n", "m", "t", "f"]).map(lambda n: Var(n, 1)),
    st.sampled_from([Call("visits", "x", 1, 1), Call("visited", "x", 1, 1), Call("has", "k", 1, 1),
                     Call("turn", None, 1, 1)]))
trees = st.recursive(leaves, lambda inner: st.one_of(
    st.tuples(st.sampled_from(["not", "-"]), inner).map(lambda t: Unary(*t)),
    st.tuples(st.sampled_from(["and", "or", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"]), inner, inner)
    .map(lambda t: Binary(*t))), max_leaves=12)
values = st.tuples(st.integers(-50, 50), st.integers(-3, 3), st.sampled_from(["a", "b", "zz"]), st.booleans(),
                   st.integers(0, 5), st.booleans(), st.integers(0, 20))


class Env:
    def __init__(self, v: tuple) -> None:
        self.v = v

    def var(self, name: str):  # noqa: ANN201
        return self.v[NAMES[("var", name)]]

    def visits(self, scene: str) -> int:
        return self.v[4]

    def has(self, item: str) -> bool:
        return self.v[5]

    def turn(self) -> int:
        return self.v[6]


@settings(max_examples=2000, deadline=None)
@given(trees, values)
def test_compiled_matches_evaluate(tree, vals) -> None:  # noqa: ANN001
    fn = compile_node(tree, lambda kind, name: NAMES[(kind, name)])
    assert fn(vals) == evaluate(tree, Env(vals))
    assert type(fn(vals)) is type(evaluate(tree, Env(vals)))

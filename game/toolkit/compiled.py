"""Conditions compiled to closures over a tuple of values, for the explorer's inner loop.

The engine evaluates a parsed tree through an Env object; the explorer evaluates the same trees
millions of times over a flat tuple, so it builds Python closures once (no ``eval``: each closure is
an ordinary nested function). The semantics are those of ``game.engine.expr.evaluate``; a property
test checks the two agree.
"""

from __future__ import annotations

from typing import Callable

from ..engine.expr import INT_LIMIT, Binary, Call, Lit, Node, Unary, Var

Fn = Callable[[tuple], object]
# Where a reference lives in the value tuple: resolve(kind, name) -> index, kind in var|visits|item|turn.
Resolver = Callable[[str, str], int]


def _num(value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    return 0


def _clamp(value: int) -> int:
    return -INT_LIMIT if value < -INT_LIMIT else INT_LIMIT if value > INT_LIMIT else value


def _ordered(op: str) -> Callable[[object, object], bool]:
    def cmp(a: object, b: object) -> bool:
        if isinstance(a, str) != isinstance(b, str):
            return False
        if op == "<":
            return a < b  # type: ignore[operator]
        if op == "<=":
            return a <= b  # type: ignore[operator]
        if op == ">":
            return a > b  # type: ignore[operator]
        return a >= b  # type: ignore[operator]
    return cmp


def compile_node(node: Node, resolve: Resolver) -> Fn:
    """A closure computing ``evaluate(node, env)`` from the value tuple."""
    if isinstance(node, Lit):
        value = node.value
        return lambda v: value
    if isinstance(node, Var):
        i = resolve("var", node.name)
        return lambda v: v[i]
    if isinstance(node, Call):
        if node.func == "turn":
            i = resolve("turn", "")
            return lambda v: v[i]
        if node.func == "has":
            i = resolve("item", node.arg or "")
            return lambda v: bool(v[i])
        i = resolve("visits", node.arg or "")
        if node.func == "visited":
            return lambda v: v[i] > 0
        return lambda v: v[i]
    if isinstance(node, Unary):
        inner = compile_node(node.operand, resolve)
        if node.op == "not":
            return lambda v: not inner(v)
        return lambda v: _clamp(-_num(inner(v)))
    assert isinstance(node, Binary)
    left = compile_node(node.left, resolve)
    right = compile_node(node.right, resolve)
    op = node.op
    if op == "and":
        return lambda v: bool(left(v)) and bool(right(v))
    if op == "or":
        return lambda v: bool(left(v)) or bool(right(v))
    if op == "==":
        def eq(v: tuple) -> bool:
            a, b = left(v), right(v)
            return type(a) is type(b) and a == b
        return eq
    if op == "!=":
        def ne(v: tuple) -> bool:
            a, b = left(v), right(v)
            return not (type(a) is type(b) and a == b)
        return ne
    if op in ("<", "<=", ">", ">="):
        cmp = _ordered(op)
        return lambda v: cmp(left(v), right(v))
    if op == "+":
        return lambda v: _clamp(_num(left(v)) + _num(right(v)))
    if op == "-":
        return lambda v: _clamp(_num(left(v)) - _num(right(v)))
    if op == "*":
        return lambda v: _clamp(_num(left(v)) * _num(right(v)))
    if op == "/":
        def div(v: tuple) -> int:
            a, b = _num(left(v)), _num(right(v))
            return 0 if b == 0 else _clamp(int(a / b))
        return div

    def mod(v: tuple) -> int:
        a, b = _num(left(v)), _num(right(v))
        return 0 if b == 0 else _clamp(a % b)
    return mod


def compile_condition(node: Node, resolve: Resolver) -> Callable[[tuple], bool]:
    fn = compile_node(node, resolve)
    return lambda v: bool(fn(v))

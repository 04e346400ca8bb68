"""Conditions compiled to closures over a tuple of values, for the explorer's inner loop.

The engine evaluates a parsed tree through an Env object; the explorer evaluates the same trees
millions of times over a flat tuple, so it builds Python closures once (no ``eval``: each closure is
an ordinary nested function). The operators are the engine's own (``game.engine.expr.BINARY``); a property
test checks the two evaluators agree.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.expr import BINARY, Binary, Call, Lit, Node, Unary, Value, Var, negate

Fn = Callable[[tuple], Value]
# Where a reference lives in the value tuple: resolve(kind, name) -> index, kind in var|visits|item|turn.
Resolver = Callable[[str, str], int]


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
        return lambda v: negate(inner(v))
    assert isinstance(node, Binary)
    left = compile_node(node.left, resolve)
    right = compile_node(node.right, resolve)
    op = node.op
    if op == "and":
        return lambda v: bool(left(v)) and bool(right(v))
    if op == "or":
        return lambda v: bool(left(v)) or bool(right(v))
    fn = BINARY[op]  # the engine's own operator: one definition of the semantics
    return lambda v: fn(left(v), right(v))


def compile_condition(node: Node, resolve: Resolver) -> Callable[[tuple], bool]:
    fn = compile_node(node, resolve)
    return lambda v: bool(fn(v))

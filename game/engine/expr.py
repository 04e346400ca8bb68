"""The condition language: tokenised and parsed once at load time, evaluated without ``eval``.

Packs are untrusted, so the language is deliberately tiny: integers, strings, booleans, declared
variable names, arithmetic, comparisons, ``and``/``or``/``not`` and four built-in queries. Limits on
length, depth, node count and integer size make every expression cheap to parse and to evaluate.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

MAX_SOURCE = 500  # characters in one expression
MAX_NODES = 200  # AST nodes in one expression
MAX_DEPTH = 32  # nesting of parentheses and operators
INT_LIMIT = 1_000_000_000  # literals and results are clamped to +/- this

FUNCTIONS = {"visited": 1, "visits": 1, "has": 1, "turn": 0}
KEYWORDS = {"and", "or", "not", "true", "false"} | set(FUNCTIONS)


Value = int | bool | str


class ExprError(Exception):
    """A syntax or limit error, with the 1-based column inside the expression."""

    def __init__(self, message: str, col: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.col = col
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Lit:
    value: int | bool | str


@dataclass(frozen=True, slots=True)
class Var:
    name: str
    col: int


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    arg: str | None
    col: int
    arg_col: int


@dataclass(frozen=True, slots=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary:
    op: str
    left: Node
    right: Node


Node = Lit | Var | Call | Unary | Binary


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # int, str, name, op, lparen, rparen, comma, end
    text: str
    col: int


_OPS = ("==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%")
# ASCII only: str.isdigit() accepts '²', which int() refuses, and look-alike letters make
# conditions that read right and never match.
_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r\n]+)
  | (?P<int>[0-9]+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<str>'[^'\r\n]*'|"[^"\r\n]*")
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|%)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<comma>,)
""", re.VERBOSE)


def tokenize(src: str) -> list[Token]:
    if len(src) > MAX_SOURCE:
        raise ExprError(f"expression is {len(src)} characters long (limit {MAX_SOURCE})", 1,
                        "split the logic across several choices or scenes")
    tokens: list[Token] = []
    i, n = 0, len(src)
    match = _TOKEN.match
    while i < n:
        m = match(src, i)
        if m is None:
            _bad_char(src, i)
        kind = m.lastgroup  # type: ignore[union-attr]
        text = m.group()  # type: ignore[union-attr]
        if kind == "int":
            if len(text) > 10:
                raise ExprError("integer literal is too large", i + 1, f"keep numbers within +/-{INT_LIMIT:,}")
            tokens.append(Token("int", text, i + 1))
        elif kind == "str":
            tokens.append(Token("str", text[1:-1], i + 1))
        elif kind != "ws":
            tokens.append(Token(kind, text, i + 1))  # type: ignore[arg-type]
        i = m.end()  # type: ignore[union-attr]
    tokens.append(Token("end", "", n + 1))
    return tokens


def _bad_char(src: str, i: int) -> None:
    c = src[i]
    if c in "'\"":
        raise ExprError("string is not closed", i + 1, f"add the closing {c} on the same line")
    hint = "use 'and', 'or', 'not'" if c in "&|!" else "conditions use names, numbers, quotes and operators"
    if c == "=":
        hint = "compare with '=='"
    elif c == ".":
        hint = "attribute access is not part of the language"
    elif c in "[]{}":
        hint = "indexing and braces are not part of the language"
    elif not c.isascii():
        hint = "names and numbers are plain ASCII letters, digits and _"
    raise ExprError(f"unexpected character {c!r}", i + 1, hint)


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.nodes = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def node(self, node: Node, col: int) -> Node:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ExprError(f"expression has more than {MAX_NODES} parts", col, "simplify the condition")
        return node

    def enter(self, col: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(f"expression is nested more than {MAX_DEPTH} deep", col, "simplify the condition")

    def is_word(self, word: str) -> bool:
        tok = self.peek()
        return tok.kind == "name" and tok.text == word

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ExprError("empty expression", 1, "write a condition such as `stamina >= 3`")
        node = self.parse_or()
        tok = self.peek()
        if tok.kind != "end":
            raise ExprError(f"unexpected {tok.text!r}", tok.col, "join conditions with 'and' or 'or'")
        return node

    def parse_or(self) -> Node:
        left = self.parse_and()
        while self.is_word("or"):
            tok = self.take()
            left = self.node(Binary("or", left, self.parse_and()), tok.col)
        return left

    def parse_and(self) -> Node:
        left = self.parse_not()
        while self.is_word("and"):
            tok = self.take()
            left = self.node(Binary("and", left, self.parse_not()), tok.col)
        return left

    def parse_not(self) -> Node:
        if self.is_word("not"):
            tok = self.take()
            self.enter(tok.col)
            operand = self.parse_not()
            self.depth -= 1
            return self.node(Unary("not", operand), tok.col)
        return self.parse_compare()

    def parse_compare(self) -> Node:
        left = self.parse_sum()
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            left = self.node(Binary(tok.text, left, self.parse_sum()), tok.col)
            nxt = self.peek()
            if nxt.kind == "op" and nxt.text in ("==", "!=", "<", "<=", ">", ">="):
                raise ExprError("comparisons cannot be chained", nxt.col, "write `a < b and b < c`")
        return left

    def parse_sum(self) -> Node:
        left = self.parse_term()
        while self.peek().kind == "op" and self.peek().text in ("+", "-"):
            tok = self.take()
            left = self.node(Binary(tok.text, left, self.parse_term()), tok.col)
        return left

    def parse_term(self) -> Node:
        left = self.parse_unary()
        while self.peek().kind == "op" and self.peek().text in ("*", "/", "%"):
            tok = self.take()
            left = self.node(Binary(tok.text, left, self.parse_unary()), tok.col)
        return left

    def parse_unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.text == "-":
            self.take()
            self.enter(tok.col)
            operand = self.parse_unary()
            self.depth -= 1
            return self.node(Unary("-", operand), tok.col)
        return self.parse_atom()

    def parse_atom(self) -> Node:
        tok = self.take()
        if tok.kind == "int":
            value = int(tok.text)
            if value > INT_LIMIT:
                raise ExprError("integer literal is too large", tok.col, f"keep numbers within +/-{INT_LIMIT:,}")
            return self.node(Lit(value), tok.col)
        if tok.kind == "str":
            return self.node(Lit(tok.text), tok.col)
        if tok.kind == "lparen":
            self.enter(tok.col)
            inner = self.parse_or()
            self.depth -= 1
            close = self.take()
            if close.kind != "rparen":
                raise ExprError("missing ')'", close.col, f"the '(' at column {tok.col} is not closed")
            return inner
        if tok.kind == "name":
            if tok.text in ("true", "false"):
                return self.node(Lit(tok.text == "true"), tok.col)
            if tok.text in ("and", "or", "not"):
                raise ExprError(f"'{tok.text}' needs something before it", tok.col, "")
            if tok.text in FUNCTIONS:
                return self.parse_call(tok)
            if self.peek().kind == "lparen":
                raise ExprError(f"unknown function {tok.text!r}", tok.col,
                                "functions are visited(scene), visits(scene), has(item) and turn()")
            return self.node(Var(tok.text, tok.col), tok.col)
        if tok.kind == "end":
            raise ExprError("expression ends too early", tok.col, "something is missing at the end")
        raise ExprError(f"unexpected {tok.text!r}", tok.col, "")

    def parse_call(self, name: Token) -> Node:
        if self.take().kind != "lparen":
            raise ExprError(f"{name.text} needs parentheses", name.col, f"write {name.text}(...)")
        arity = FUNCTIONS[name.text]
        arg: str | None = None
        arg_col = name.col
        if arity:
            tok = self.take()
            if tok.kind != "name":
                raise ExprError(f"{name.text}() takes one id", tok.col, f"write {name.text}(some_id) without quotes")
            arg, arg_col = tok.text, tok.col
        close = self.take()
        if close.kind != "rparen":
            raise ExprError(f"{name.text}() takes {arity} argument{'s' if arity != 1 else ''}", close.col,
                            "close the call with ')'")
        return self.node(Call(name.text, arg, name.col, arg_col), name.col)


def parse(src: str) -> Node:
    """Parse an expression; raises :class:`ExprError` with a column on any problem."""
    return _Parser(tokenize(src)).parse()


def names(node: Node) -> list[tuple[str, str, int]]:
    """Every reference in the tree as (kind, name, col): kind is 'var', 'scene' or 'item'."""
    out: list[tuple[str, str, int]] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, Var):
            out.append(("var", cur.name, cur.col))
        elif isinstance(cur, Call) and cur.arg is not None:
            out.append(("item" if cur.func == "has" else "scene", cur.arg, cur.arg_col))
        elif isinstance(cur, Unary):
            stack.append(cur.operand)
        elif isinstance(cur, Binary):
            stack.extend((cur.right, cur.left))
    return out


class Env(Protocol):
    def var(self, name: str) -> int | bool | str: ...
    def visits(self, scene: str) -> int: ...
    def has(self, item: str) -> bool: ...
    def turn(self) -> int: ...


def _clamp(value: int) -> int:
    return max(-INT_LIMIT, min(INT_LIMIT, value))


def evaluate(node: Node, env: Env) -> int | bool | str:
    """Evaluate a parsed tree. Type mismatches compare unequal rather than raising."""
    if isinstance(node, Lit):
        return node.value
    if isinstance(node, Var):
        return env.var(node.name)
    if isinstance(node, Call):
        if node.func == "visited":
            return env.visits(node.arg or "") > 0
        if node.func == "visits":
            return env.visits(node.arg or "")
        if node.func == "has":
            return env.has(node.arg or "")
        return env.turn()
    if isinstance(node, Unary):
        val = evaluate(node.operand, env)
        if node.op == "not":
            return not truthy(val)
        return negate(val)
    op = node.op
    if op == "and":
        return truthy(evaluate(node.left, env)) and truthy(evaluate(node.right, env))
    if op == "or":
        return truthy(evaluate(node.left, env)) or truthy(evaluate(node.right, env))
    return BINARY[op](evaluate(node.left, env), evaluate(node.right, env))


def negate(value: Value) -> int:
    return _clamp(-_num(value))


def _eq(a: Value, b: Value) -> bool:
    return type(a) is type(b) and a == b


def _ordered(test: Callable[[Any, Any], bool]) -> Callable[[Value, Value], bool]:
    """Text compares with text, numbers with numbers; a mix is simply false."""
    return lambda a, b: isinstance(a, str) == isinstance(b, str) and test(a, b)


def _div(a: Value, b: Value) -> int:
    """Truncates toward zero, in integers (no float on the way)."""
    x, y = _num(a), _num(b)
    if y == 0:
        return 0
    q = abs(x) // abs(y)
    return _clamp(q if (x < 0) == (y < 0) else -q)


def _mod(a: Value, b: Value) -> int:
    x, y = _num(a), _num(b)
    return 0 if y == 0 else _clamp(x % y)


# The strict binary operators, in one place: the engine's evaluate() and the toolkit's compiled
# conditions (game/toolkit/compiled.py) both call these, so their semantics cannot drift apart.
BINARY: dict[str, Callable[[Value, Value], Value]] = {
    "==": _eq,
    "!=": lambda a, b: not _eq(a, b),
    "<": _ordered(operator.lt),
    "<=": _ordered(operator.le),
    ">": _ordered(operator.gt),
    ">=": _ordered(operator.ge),
    "+": lambda a, b: _clamp(_num(a) + _num(b)),
    "-": lambda a, b: _clamp(_num(a) - _num(b)),
    "*": lambda a, b: _clamp(_num(a) * _num(b)),
    "/": _div,
    "%": _mod,
}


def _num(value: int | bool | str) -> int:
    """Operands of arithmetic: bools count as 0/1, text as 0, ints are clamped (a save may hold anything)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return _clamp(value)
    return 0


def truthy(value: int | bool | str) -> bool:
    return bool(value)


@dataclass(frozen=True, slots=True)
class Condition:
    """A parsed condition kept with its source text, for diagnostics, graphs and debugging."""

    source: str
    tree: Node

    def holds(self, env: Env) -> bool:
        return truthy(evaluate(self.tree, env))

"""Typed, located access to parsed YAML: each getter checks a type and reports where it went wrong."""

from __future__ import annotations

import difflib
import re
from typing import Literal, TypeVar, overload

from game.content.diagnostics import Diagnostic
from game.content.yamlsrc import YList, YMap
from game.engine.expr import Condition, ExprError, parse
from game.engine.model import Loc

ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,63}$")
_MISSING = object()
_D = TypeVar("_D")  # the type of a getter's `default`, returned when the value is missing or wrong


def type_name(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def suggest(word: str, options) -> str:  # noqa: ANN001
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else ""


class Ctx:
    """Diagnostics for one file, with helpers that read typed values out of YMaps."""

    def __init__(self, path: str, diags: list[Diagnostic]) -> None:
        self.path = path
        self.diags = diags

    def loc(self, pos: tuple[int, int]) -> Loc:
        return Loc(self.path, pos[0], pos[1])

    def error(self, code: str, message: str, pos: tuple[int, int], hint: str = "") -> None:
        self.diags.append(Diagnostic(self.path, pos[0], pos[1], code, message, hint))

    # -- shape ---------------------------------------------------------------------------------
    def keys(self, m: YMap, allowed: set[str], what: str) -> None:
        for key in m:
            if key not in allowed:
                near = suggest(key, allowed)
                hint = f"did you mean '{near}'?" if near else "allowed keys: " + ", ".join(sorted(allowed))
                self.error("E103", f"unknown key '{key}' in {what}", m.key_pos[key], hint)

    def mapping(self, value: object, pos: tuple[int, int], what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.error("E101", f"{what} should be a mapping (key: value lines), not {type_name(value)}", pos,
                   "indent its keys under it")
        return None

    def vpos(self, m: YMap, key: str) -> tuple[int, int]:
        return m.val_pos.get(key) or m.key_pos.get(key) or (m.line, m.col)

    # The overloads only tell the type checker what each kind gives: the kind's type, or the default.
    @overload
    def get(self, m: YMap, key: str, kind: Literal["text", "id"], what: str, *,
            required: bool = ...) -> str | None: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["text", "id"], what: str, *,
            required: bool = ..., default: _D) -> str | _D: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["int"], what: str, *, required: bool = ...) -> int | None: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["int"], what: str, *,
            required: bool = ..., default: _D) -> int | _D: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["number"], what: str, *,
            required: bool = ...) -> int | float | None: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["number"], what: str, *,
            required: bool = ..., default: _D) -> int | float | _D: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["bool"], what: str, *, required: bool = ...) -> bool | None: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["bool"], what: str, *,
            required: bool = ..., default: _D) -> bool | _D: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["list"], what: str, *, required: bool = ...) -> YList | None: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["list"], what: str, *,
            required: bool = ..., default: _D) -> YList | _D: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["map"], what: str, *, required: bool = ...) -> YMap | None: ...
    @overload
    def get(self, m: YMap, key: str, kind: Literal["map"], what: str, *,
            required: bool = ..., default: _D) -> YMap | _D: ...
    @overload
    def get(self, m: YMap, key: str, kind: str, what: str, *, required: bool = ..., default: object = ...) -> object: ...

    def get(self, m: YMap, key: str, kind: str, what: str, *, required: bool = False, default: object = None) -> object:
        """Read m[key] as kind: text | id | int | bool | number | list | map | any."""
        if key not in m:
            if required:
                self.error("E102", f"{what} is missing '{key}'", (m.line, m.col), f"add a '{key}:' line")
            return default
        value = m[key]
        pos = self.vpos(m, key)
        if kind == "any":
            return value
        if kind in ("text", "id"):
            if isinstance(value, (bool,)) or value is None:
                raw = m.raw.get(key, "" if value is None else str(value))
                self.error("E104", f"'{key}: {raw}' was read as {type_name(value)}, not text", pos,
                           f"put it in quotes: {key}: \"{raw}\"")
                return default
            if isinstance(value, (int, float)):
                value = m.raw.get(key, str(value))
            if not isinstance(value, str):
                self.error("E101", f"'{key}' in {what} should be text, not {type_name(value)}", pos)
                return default
            if kind == "id" and not ID_RE.match(value):
                self.error("E105", f"'{value}' is not a valid id", pos,
                           "ids start with a letter or _, then letters, digits, _ or - (at most 64)")
                return default
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.error("E101", f"'{key}' in {what} should be a whole number, not {type_name(value)}", pos)
                return default
            return value
        if kind == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.error("E101", f"'{key}' in {what} should be a number, not {type_name(value)}", pos)
                return default
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                self.error("E101", f"'{key}' in {what} should be true or false, not {type_name(value)}", pos)
                return default
            return value
        if kind == "list":
            if not isinstance(value, YList):
                self.error("E101", f"'{key}' in {what} should be a list, not {type_name(value)}", pos,
                           "start each entry on its own line with '- '")
                return default
            return value
        if kind == "map":
            if not isinstance(value, YMap):
                self.error("E101", f"'{key}' in {what} should be a mapping, not {type_name(value)}", pos)
                return default
            return value
        raise ValueError(kind)

    def id_list(self, m: YMap, key: str, what: str) -> list[tuple[str, tuple[int, int]]]:
        """A list of ids, or a single id written alone."""
        if key not in m:
            return []
        value = m[key]
        if isinstance(value, str):
            return [(value, self.vpos(m, key))] if ID_RE.match(value) else self._bad_id(value, self.vpos(m, key))
        if not isinstance(value, YList):
            self.error("E101", f"'{key}' in {what} should be a list of ids, not {type_name(value)}", self.vpos(m, key))
            return []
        out = []
        for item, pos in zip(value, value.pos):
            if isinstance(item, str) and ID_RE.match(item):
                out.append((item, pos))
            elif isinstance(item, str):
                self._bad_id(item, pos)
            else:
                self.error("E101", f"entries of '{key}' should be ids, not {type_name(item)}", pos)
        return out

    def _bad_id(self, value: str, pos: tuple[int, int]) -> list:
        self.error("E105", f"'{value}' is not a valid id", pos,
                   "ids start with a letter or _, then letters, digits, _ or -")
        return []

    # -- embedded languages ------------------------------------------------------------------
    def condition(self, src: object, pos: tuple[int, int], key: str = "if") -> Condition | None:
        if isinstance(src, bool):
            return Condition(str(src).lower(), parse(str(src).lower()))
        if isinstance(src, int):
            src = str(src)
        if not isinstance(src, str):
            self.error("E101", f"'{key}' should be a condition in quotes, not {type_name(src)}", pos,
                       "write it as text, e.g. if: \"stamina >= 3\"")
            return None
        try:
            return Condition(src, parse(src))
        except ExprError as err:
            self.error("E301", f"in condition: {err.message}", (pos[0], pos[1] + err.col - 1), err.hint)
            return None


def template_pos(pos: tuple[int, int], offset_text: str, block: bool, indent: int) -> tuple[int, int]:
    """Where an offset inside a scalar lands in the file (block scalars start on the next line)."""
    nl = offset_text.count("\n")
    if block:
        return pos[0] + 1 + nl, indent + len(offset_text) - (offset_text.rfind("\n") + 1)
    if nl:
        return pos[0] + nl, len(offset_text) - offset_text.rfind("\n")
    return pos[0], pos[1] + len(offset_text)

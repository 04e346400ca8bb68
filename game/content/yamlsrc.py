"""Guarded YAML reading: one pass over the parser's events builds plain values with positions.

Building values from events ourselves (instead of ``yaml.safe_load``) lets us refuse what is
dangerous in untrusted packs *before* it costs anything: anchors and aliases (the "billion laughs"
expansion and cycles), explicit tags, nesting past ``MAX_DEPTH`` (the C composer segfaults on very
deep nesting), too many nodes, duplicate keys and oversized files. Every value keeps its line and
column so diagnostics can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .diagnostics import Diagnostic

try:  # the C parser when present: ~10x faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_EVENTS = 400_000
MAX_INT_DIGITS = 18

_resolver = Resolver()
_constructor = SafeConstructor()
_STR = "tag:yaml.org,2002:str"


class YMap(dict):
    """A mapping that remembers where it, each key and each value stood."""

    __slots__ = ("line", "col", "key_pos", "val_pos", "raw", "block")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col
        self.key_pos: dict[str, tuple[int, int]] = {}
        self.val_pos: dict[str, tuple[int, int]] = {}
        self.raw: dict[str, str] = {}  # plain scalars that YAML resolved to a non-string: their text
        self.block: set[str] = set()  # keys whose value is a block scalar (| or >)


class YList(list):
    __slots__ = ("line", "col", "pos", "raw", "block")

    def __init__(self, line: int, col: int) -> None:
        super().__init__()
        self.line, self.col = line, col
        self.pos: list[tuple[int, int]] = []
        self.raw: dict[int, str] = {}
        self.block: set[int] = set()


@dataclass
class Parsed:
    value: object
    ok: bool


class _Stop(Exception):
    def __init__(self, diag: Diagnostic) -> None:
        self.diag = diag


def _scalar(ev: yaml.ScalarEvent, path: str) -> tuple[object, bool]:
    """Resolve a scalar the way safe_load would; returns (value, was_plain_non_string)."""
    plain = ev.implicit[0] and not ev.style
    if not plain:
        return ev.value, False
    tag = _resolver.resolve(ScalarNode, ev.value, (True, False))
    if tag == _STR or tag.endswith(":timestamp"):
        return ev.value, False
    if tag.endswith(":int"):
        digits = sum(ch.isdigit() for ch in ev.value)
        if digits > MAX_INT_DIGITS:
            line, col = ev.start_mark.line + 1, ev.start_mark.column + 1
            raise _Stop(Diagnostic(path, line, col, "E106", "number is too large",
                                   "numbers in packs stay within +/-1,000,000,000"))
    try:
        return _constructor.construct_object(ScalarNode(tag, ev.value)), True
    except Exception:  # a value YAML resolves but cannot build: keep the text
        return ev.value, False


def parse_text(text: str, path: str) -> tuple[object, list[Diagnostic]]:
    """Parse one YAML document into YMap/YList/scalars, or return located diagnostics."""
    stack: list[YMap | YList] = []
    pending_key: list[str | None] = []  # per open mapping: the key awaiting its value
    root: object = None
    events = 0
    docs = 0
    diags: list[Diagnostic] = []

    def where(ev) -> tuple[int, int]:  # noqa: ANN001
        return ev.start_mark.line + 1, ev.start_mark.column + 1

    def put(value: object, line: int, col: int, raw: str | None = None, block: bool = False) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top, YList):
            top.append(value)
            top.pos.append((line, col))
            if raw is not None:
                top.raw[len(top) - 1] = raw
            if block:
                top.block.add(len(top) - 1)
            return
        key = pending_key[-1]
        if key is None:  # this value is a key
            if not isinstance(value, str):
                if isinstance(value, (YMap, YList)):
                    raise _Stop(Diagnostic(path, line, col, "E008", "a mapping key must be plain text",
                                           "keys are simple words such as `id` or `text`"))
                value = raw if raw is not None else str(value)
            if value in top:
                first = top.key_pos[value]
                diags.append(Diagnostic(path, line, col, "E007", f"duplicate key '{value}'",
                                        f"it was first given at line {first[0]}; YAML would silently keep only one"))
                pending_key[-1] = "\x00dup"
            else:
                top.key_pos[value] = (line, col)
                pending_key[-1] = value
            return
        if key != "\x00dup":
            top[key] = value
            top.val_pos[key] = (line, col)
            if raw is not None:
                top.raw[key] = raw
            if block:
                top.block.add(key)
        pending_key[-1] = None

    try:
        for ev in yaml.parse(text, Loader=_Loader):
            events += 1
            if events > MAX_EVENTS:
                line, col = where(ev)
                raise _Stop(Diagnostic(path, line, col, "E006", f"more than {MAX_EVENTS:,} YAML nodes in one file",
                                       "split the pack into more files"))
            if isinstance(ev, yaml.AliasEvent):
                line, col = where(ev)
                raise _Stop(Diagnostic(path, line, col, "E004", f"alias '*{ev.anchor}' is not allowed",
                                       "write the value out in full; packs may not use anchors (&) or aliases (*)"))
            if isinstance(ev, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                line, col = where(ev)
                if ev.anchor is not None:
                    raise _Stop(Diagnostic(path, line, col, "E004", f"anchor '&{ev.anchor}' is not allowed",
                                           "write the value out in full; packs may not use anchors (&) or aliases (*)"))
                explicit_tag = ev.tag is not None and not (
                    ev.implicit if isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) else any(ev.implicit)
                )
                if explicit_tag and ev.tag not in ("!", _STR):
                    raise _Stop(Diagnostic(path, line, col, "E004", f"tag '{ev.tag}' is not allowed",
                                           "remove the tag; packs hold plain text, numbers, lists and mappings"))
            if isinstance(ev, yaml.ScalarEvent):
                line, col = where(ev)
                if ev.tag == _STR and not any(ev.implicit):
                    value, coerced = ev.value, False
                else:
                    value, coerced = _scalar(ev, path)
                if ev.style in ("'", '"'):
                    col += 1  # point at the first character inside the quotes
                put(value, line, col, ev.value if coerced else None, ev.style in ("|", ">"))
            elif isinstance(ev, yaml.MappingStartEvent):
                line, col = where(ev)
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(Diagnostic(path, line, col, "E005", f"nesting deeper than {MAX_DEPTH} levels",
                                           "packs never need this much nesting"))
                node = YMap(line, col)
                put(node, line, col)
                stack.append(node)
                pending_key.append(None)
            elif isinstance(ev, yaml.SequenceStartEvent):
                line, col = where(ev)
                if len(stack) >= MAX_DEPTH:
                    raise _Stop(Diagnostic(path, line, col, "E005", f"nesting deeper than {MAX_DEPTH} levels",
                                           "packs never need this much nesting"))
                seq = YList(line, col)
                put(seq, line, col)
                stack.append(seq)
            elif isinstance(ev, yaml.MappingEndEvent):
                stack.pop()
                pending_key.pop()
            elif isinstance(ev, yaml.SequenceEndEvent):
                stack.pop()
            elif isinstance(ev, yaml.DocumentStartEvent):
                docs += 1
                if docs > 1:
                    line, col = where(ev)
                    raise _Stop(Diagnostic(path, line, col, "E003", "more than one YAML document in the file",
                                           "remove the extra '---' line"))
    except _Stop as stop:
        return None, diags + [stop.diag]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (err.problem or "invalid YAML").strip()
        context = f" ({err.context})" if err.context else ""
        return None, diags + [Diagnostic(path, line, col, "E003", f"{problem}{context}", _yaml_hint(problem))]
    except yaml.YAMLError as err:  # reader errors: control characters and the like
        mark = getattr(err, "position", None)
        return None, diags + [Diagnostic(path, 1, 1, "E001", f"not readable as YAML text: {str(err).splitlines()[0]}",
                                         "save the file as UTF-8 text without control characters")]
    return root, diags


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a line of text contains ': '; put the text in quotes or use a block (`text: |`)"
    if "found character '\\t'" in problem or "tab" in problem:
        return "YAML indents with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "a key is missing its ':' or a multi-line string needs `|`"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "check the indentation of this line against the lines above"
    return "check quotes, colons and indentation around this point"


def read_file(path_on_disk: str, shown: str, max_bytes: int = MAX_BYTES) -> tuple[object, list[Diagnostic]]:
    """Read, size-check and decode a file, then parse it. Never raises for bad content."""
    try:
        with open(path_on_disk, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as err:
        return None, [Diagnostic(shown, 1, 1, "E009", f"cannot read the file: {err.strerror or err}", "check the path and permissions")]
    if len(data) > max_bytes:
        return None, [Diagnostic(shown, 1, 1, "E002", f"file is larger than {max_bytes // 1024} KiB",
                                 "split it into several scene files")]
    if b"\x00" in data:
        return None, [Diagnostic(shown, 1, 1, "E001", "file looks binary (it contains NUL bytes)",
                                 "scene files are UTF-8 text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Diagnostic(shown, line, col, "E001", "file is not valid UTF-8",
                                 "save the file as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return parse_text(text, shown)

"""Guarded YAML reading: one pass over the parser's events builds plain values with positions.

Building values from events ourselves (instead of ``yaml.safe_load``) lets us refuse what is
dangerous in untrusted packs *before* it costs anything: anchors and aliases (the "billion laughs"
expansion and cycles), explicit tags, nesting past ``MAX_DEPTH`` (the C composer segfaults on very
deep nesting; we never run the composer), too many nodes, huge numbers, control characters smuggled
in through escapes, duplicate keys and oversized, binary or non-UTF-8 files. Every value keeps its
line and column so diagnostics can point at it.

The loop is written for speed (it is most of the cost of loading a pack): event classes are
compared by identity, plain scalars that cannot be anything but text skip the resolver, and
scalars are built by calling SafeConstructor's functions directly (``construct_object`` would
cache every node forever).

Our limits must fire before the parser's own. libyaml 0.2.6 (the C parser in PyYAML 6.0.4's wheels)
refuses nesting past 1,000 levels in its *scanner*, and the scanner reads up to 1,024 characters of
a line ahead of the events we see: on a line of ``[[[[...`` it meets its limit (an E003 at column
~1008) before the walk sees the 65th level. So ``parse_text`` first counts, on each line with a
run of flow openers, the depth of its ``[`` and ``{`` (outside quotes and comments, not inside a
plain scalar) and, where that reaches ``_CUT``, parses only the text up to there: the scanner reads
that to its end without meeting any limit, and the walk refuses it at the very line and column the
whole text gives on a parser without a limit (``_flow_cuts`` says why). The scan never refuses a
file itself: a verdict of the cut text is kept only when it holds for the whole, and everything
else, like every file without such a line (a ``str.count`` and two regex searches tell: ~1% of a
load), is parsed whole. Block nesting needs no scan: the scanner opens a block level only once the
parser has caught up with it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from game.content.diagnostics import Diagnostic

try:  # the C parser when present: ~10x faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_EVENTS = 200_000  # real scene files have ~1 node per 20 bytes: a full 1 MiB file ~50,000
MAX_INT_DIGITS = 18
MAX_INT = 10**18  # any integer a pack may write; the engine clamps further to +/-1e9
# The flow depth at which a line is cut for the walk: 600 levels past ours (why: _flow_cuts).
_CUT = MAX_DEPTH + 1 + 600
_CUT_TRIES = 3  # lines cut and parsed before the whole text is left to the parser
_SCAN_TOKENS = 50_000  # tokens _line_cut may read in one file (~50 ms) before it leaves the file alone

_STR = "tag:yaml.org,2002:str"
# Plain scalars are resolved by their first character: most text starts with a letter that no
# implicit resolver claims, and those need no regex at all.
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    k: list(v) for k, v in Resolver.yaml_implicit_resolvers.items() if k is not None}
_ANY_RESOLVERS = list(Resolver.yaml_implicit_resolvers.get(None, []))
_SC = SafeConstructor()
_BUILD = {
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
}
# C0 controls except tab and newline, DEL and C1 controls: only "\e"-style escapes can produce them
# (the YAML reader refuses them raw), and in a terminal they are escape sequences.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})\Z")  # the common case, built without the resolver
_NEED_KEY = None
_DUP = object()  # the pending "key" of a duplicate: its value is parsed and dropped
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe", "UTF-16"),
         (b"\xfe\xff", "UTF-16"))
# Where libyaml can meet its 1,000 levels before the walk meets our 64: on a line holding 936 flow
# openers within the 1,026 characters its scanner reads ahead, so a run of 11 of them. _flow_cuts
# looks at lines with a run of 4, found by two searches that start with a literal (~0.4 ms a MiB
# each; one search for [\[{]{4} takes 10 ms).
_RUNS = (re.compile(r"\[[\[{]{3}"), re.compile(r"\{[\[{]{3}"))
_BREAKS = "\n\r\x85\u2028\u2029"  # YAML's line breaks, as libyaml counts lines
_LINE_END = re.compile(f"[{_BREAKS}]")
_QUOTED = r""""(?:[^"\\\n\r\x85\u2028\u2029]|\\[^\n\r\x85\u2028\u2029])*+"|'(?:[^'\n\r\x85\u2028\u2029]|'')*+'"""
# One token of a line in block context: its `open` starts a flow collection; `stop` is anything
# after which the rest of the line is not YAML structure (a comment, a block scalar's header) or
# cannot be read from this line alone (a quote that does not close on it).
_BLOCK_TOKEN = re.compile(r"""[ \t]+|(?:---|\.\.\.|[-?:])(?=[ \t]|$)|(?P<open>[\[{])|""" + _QUOTED + r"""
    |(?P<stop>[\#|>"'%@`])
    |[&*!][^ \t,\[\]{}]*+
    |[^ \t](?:[^ \t:]|:(?=[^ \t])|[ \t]++(?=[^ \t\#]))*+  # a plain scalar: it may hold [ and {
    """, re.VERBOSE)
# One token in a flow collection (a run of openers or closers is one); plain scalars end at , [ ] { }.
_FLOW_TOKEN = re.compile(r"""[ \t]+|(?P<open>[\[{]++)|(?P<close>[\]}]++)|""" + _QUOTED + r"""|(?P<stop>[\#"'])
    |[^ \t,\[\]{}][^ \t,\[\]{}]*+|.""", re.VERBOSE)
_ANCHOR_HINT = "write the value out in full; packs may not use anchors (&) or aliases (*)"
# While a pack loads for the cache: (path, sha256) of every file read, so a repeat load can check them.
_RECORD: ContextVar[list[tuple[str, str]] | None] = ContextVar("first_take_files_read", default=None)


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


def _resolve_plain(value: str, path: str, line: int, col: int) -> tuple[object, bool]:
    """Resolve a plain scalar the way safe_load would; returns (value, was_plain_non_string)."""
    resolvers = _RESOLVERS.get(value[0] if value else "")
    if resolvers and _DECIMAL.match(value):
        return int(value), True
    if not resolvers and not _ANY_RESOLVERS:
        return value, False
    tag = _STR
    for rtag, regexp in (resolvers or []) + _ANY_RESOLVERS:
        if regexp.match(value):
            tag = rtag
            break
    build = _BUILD.get(tag)
    if build is None:  # str, timestamps, merge/value keys: keep the text
        return value, False
    if tag.endswith(":int") and sum(ch.isdigit() for ch in value) > MAX_INT_DIGITS:
        raise _Stop(Diagnostic(path, line, col, "E106", "number is too large",
                               "numbers in packs stay within +/-1,000,000,000"))
    try:
        built = build(_SC, ScalarNode(tag, value))
    except Exception:  # a value YAML resolves but cannot build: keep the text
        return value, False
    if isinstance(built, int) and not isinstance(built, bool) and not -MAX_INT <= built <= MAX_INT:
        raise _Stop(Diagnostic(path, line, col, "E106", "number is too large",
                               "numbers in packs stay within +/-1,000,000,000"))
    return built, True


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic GC passes while building a pack: it allocates ~1 container a node and no cycles,
    and the passes the allocations trigger cost ~40% of the walk. Nests; restores the old setting."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def parse_text(text: str, path: str) -> tuple[object, list[Diagnostic]]:
    """Parse one YAML document into YMap/YList/scalars, or return located diagnostics."""
    for cut in _flow_cuts(text):  # deep flow nesting: the walk must meet our limit before the parser's
        value, diags, settled = _parse(text[:cut], path, settled_before=cut - 1)
        if settled:
            return value, diags
    return _parse(text, path)[:2]


def _flow_cuts(text: str) -> Iterator[int]:
    """Where the text may be cut so that the walk meets our depth limit before the parser meets its own.

    Each is just after a flow opener that brings the flow depth counted from the start of its line
    to _CUT. Up to the 65th level the cut text tokenizes as the whole does: the scanner reads past
    a token early only while that token may still turn out to be a mapping key (``[a]: b``), which
    it settles within 1,024 characters, on the token's line; the 600 collections still open at the
    cut need 600 closers past it, more than 1,024 characters from any token before the 65th level.
    What the cut does change is that the scanner, reading ahead, can no longer meet a syntax error
    (or libyaml's limit) past the cut before the walk meets ours. The cut text holds at most 64 + 600
    levels of flow where the walk stops and 64 of block nesting, far under libyaml's 1,000.

    A wrong count (a line in a block scalar, a quote opened on an earlier line) costs one more parse
    and never a refusal: parse_text keeps the cut text's verdict only when our walk refused it or
    its parser failed before the cut's last character; what a prefix holds, the whole holds. Without
    a verdict it tries the next such line, _CUT_TRIES in all, then parses the whole text.
    """
    if text.count("[") + text.count("{") < _CUT:  # nearly every file: no line can hold enough
        return
    budget, tries, pos = _SCAN_TOKENS, 0, 0
    ahead = [-1] * len(_RUNS)  # where each search last found a run
    while tries < _CUT_TRIES and budget > 0:
        for i, run in enumerate(_RUNS):
            if ahead[i] < pos:
                found = run.search(text, pos)
                ahead[i] = len(text) if found is None else found.start()
        at = min(ahead)
        if at == len(text):
            return
        start = text.rfind("\n", 0, at) + 1
        for br in _BREAKS[1:]:
            start = text.rfind(br, start, at) + 1 or start
        end_at = _LINE_END.search(text, at)
        pos = len(text) if end_at is None else end_at.start()
        cut, budget = _line_cut(text, start, pos, budget)
        if cut is not None:
            yield cut
            tries += 1


def _line_cut(text: str, pos: int, end: int, budget: int) -> tuple[int | None, int]:
    """Just after the flow opener in text[pos:end] that reaches depth _CUT (None when none does, or
    when unsure), and what is left of the token budget."""
    depth = 0
    block, flow = _BLOCK_TOKEN.match, _FLOW_TOKEN.match
    while pos < end and budget > 0:
        budget -= 1
        tok = (flow if depth else block)(text, pos, end)
        if tok is None or tok.lastgroup == "stop":
            return None, budget
        pos = tok.end()
        if tok.lastgroup == "open":
            depth += pos - tok.start()
            if depth >= _CUT:
                return pos - (depth - _CUT), budget
        elif tok.lastgroup == "close":
            depth = max(depth - (pos - tok.start()), 0)
    return None, budget


def _parse(text: str, path: str, settled_before: int = 0) -> tuple[object, list[Diagnostic], bool]:
    """parse_text without the cuts, and whether the verdict holds for any longer text too: our walk
    refused it, the reader did, or the parser failed at a character index below settled_before."""
    diags: list[Diagnostic] = []
    try:
        loader = _Loader(text)
    except Exception as err:  # noqa: BLE001 - e.g. a str the C parser cannot encode
        return None, [Diagnostic(path, 1, 1, "E001", f"not readable as YAML text: {err}",
                                 "save the file as UTF-8 text")], False
    try:
        with paused_gc():
            return _walk(loader, path, diags), diags, False
    except _Stop as stop:
        return None, diags + [stop.diag], True
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (err.problem or "invalid YAML").strip()
        context = f" ({err.context})" if err.context else ""
        return None, diags + [Diagnostic(path, line, col, "E003", f"{problem}{context}", _yaml_hint(problem))], \
            mark is not None and mark.index < settled_before
    except yaml.YAMLError as err:  # reader errors: control characters and the like
        line, col = _offset_pos(text, getattr(err, "position", None))
        reason = getattr(err, "reason", None) or str(err).splitlines()[0]
        char = getattr(err, "character", None)
        what = f" (character U+{char:04X})" if isinstance(char, int) else ""
        return None, diags + [Diagnostic(path, line, col, "E001", f"not readable as YAML text: {reason}{what}",
                                         "save the file as UTF-8 text without control characters")], True
    except (UnicodeError, ValueError, RecursionError) as err:
        return None, diags + [Diagnostic(path, 1, 1, "E001", f"not readable as YAML text: {err}",
                                         "save the file as UTF-8 text")], False
    finally:
        loader.dispose()


def _offset_pos(text: str, offset: object) -> tuple[int, int]:
    """Line and column of a byte offset into the UTF-8 form of text (what the C reader reports)."""
    if not isinstance(offset, int) or offset < 0:
        return 1, 1
    head = text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace")
    return head.count("\n") + 1, len(head) - (head.rfind("\n") + 1) + 1


def _walk(loader: object, path: str, diags: list[Diagnostic]) -> object:  # noqa: C901 - one hot loop
    get = loader.get_event  # type: ignore[attr-defined]
    stack: list[YMap | YList] = []
    keys: list[object] = []  # per open container: for a mapping, the key awaiting its value
    top: YMap | YList | None = None
    key: object = _NEED_KEY
    root: object = None
    events = 0
    docs = 0
    while True:
        ev = get()
        if ev is None:
            break
        events += 1
        if events > MAX_EVENTS:
            mark = ev.start_mark
            raise _Stop(Diagnostic(path, mark.line + 1, mark.column + 1, "E006",
                                   f"more than {MAX_EVENTS:,} YAML nodes in one file",
                                   "split the pack into more files"))
        cls = ev.__class__
        raw: str | None = None
        block = False
        if cls is ScalarEvent:
            mark = ev.start_mark
            line, col = mark.line + 1, mark.column + 1
            if ev.anchor is not None:
                raise _Stop(Diagnostic(path, line, col, "E004", f"anchor '&{ev.anchor}' is not allowed", _ANCHOR_HINT))
            value: object = ev.value
            style = ev.style
            implicit = ev.implicit
            if ev.tag is not None and not (implicit[0] or implicit[1]) and ev.tag not in ("!", _STR):
                raise _Stop(Diagnostic(path, line, col, "E004", f"tag '{ev.tag}' is not allowed",
                                       "remove the tag; packs hold plain text, numbers, lists and mappings"))
            if not style:
                if implicit[0]:
                    value, coerced = _resolve_plain(ev.value, path, line, col)
                    if coerced:
                        raw = ev.value
            elif style == '"':
                col += 1  # point at the first character inside the quotes
                bad = _CONTROL.search(ev.value)
                if bad is not None:
                    raise _Stop(Diagnostic(path, line, col + bad.start(), "E001",
                                           f"control character U+{ord(bad.group()):04X} in text",
                                           "packs may not contain control characters (terminal escape codes)"))
            elif style == "'":
                col += 1
            else:
                block = True
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            mark = ev.start_mark
            line, col = mark.line + 1, mark.column + 1
            if ev.anchor is not None:
                raise _Stop(Diagnostic(path, line, col, "E004", f"anchor '&{ev.anchor}' is not allowed", _ANCHOR_HINT))
            if ev.tag is not None and not ev.implicit and ev.tag != "!":
                raise _Stop(Diagnostic(path, line, col, "E004", f"tag '{ev.tag}' is not allowed",
                                       "remove the tag; packs hold plain text, numbers, lists and mappings"))
            if len(stack) >= MAX_DEPTH:
                raise _Stop(Diagnostic(path, line, col, "E005", f"nesting deeper than {MAX_DEPTH} levels",
                                       "packs never need this much nesting"))
            value = YMap(line, col) if cls is MappingStartEvent else YList(line, col)
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
            keys.pop()
            if stack:
                top = stack[-1]
                key = keys[-1]
            else:
                top = None
            continue
        elif cls is AliasEvent:
            mark = ev.start_mark
            raise _Stop(Diagnostic(path, mark.line + 1, mark.column + 1, "E004",
                                   f"alias '*{ev.anchor}' is not allowed", _ANCHOR_HINT))
        elif cls is DocumentStartEvent:
            docs += 1
            if docs > 1:
                mark = ev.start_mark
                raise _Stop(Diagnostic(path, mark.line + 1, mark.column + 1, "E003",
                                       "more than one YAML document in the file", "remove the extra '---' line"))
            continue
        else:  # stream start/end, document end
            continue

        # -- place the value ------------------------------------------------------------------
        if top is None:
            root = value
        elif top.__class__ is YList:
            top.append(value)
            top.pos.append((line, col))
            if raw is not None:
                top.raw[len(top) - 1] = raw
            if block:
                top.block.add(len(top) - 1)
        elif key is _NEED_KEY:  # this value is a key
            assert top.__class__ is YMap  # the only other container
            if value.__class__ is not str:
                if isinstance(value, (YMap, YList)):
                    raise _Stop(Diagnostic(path, line, col, "E008", "a mapping key must be plain text",
                                           "keys are simple words such as `id` or `text`"))
                value = raw if raw is not None else str(value)
            if value in top:
                first = top.key_pos[value]
                diags.append(Diagnostic(path, line, col, "E007", f"duplicate key '{value}'",
                                        f"it was first given at line {first[0]}; YAML would silently keep only one"))
                key = _DUP
            else:
                top.key_pos[value] = (line, col)
                key = value
            keys[-1] = key
            continue
        else:
            if key is not _DUP:
                # a mapping's value, and its key (read just before) is text
                assert top.__class__ is YMap and key.__class__ is str
                top[key] = value
                top.val_pos[key] = (line, col)
                if raw is not None:
                    top.raw[key] = raw
                if block:
                    top.block.add(key)
            key = keys[-1] = _NEED_KEY
        if cls is not ScalarEvent:  # a container opened: it becomes the top
            assert isinstance(value, (YMap, YList))
            stack.append(value)
            keys.append(_NEED_KEY)
            top = value
            key = _NEED_KEY
    return root


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


def read_bytes(path_on_disk: str, shown: str, max_bytes: int = MAX_BYTES) -> tuple[bytes | None, list[Diagnostic]]:
    """Read at most max_bytes of a regular file without blocking on FIFOs or devices."""
    try:
        fd = os.open(path_on_disk, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        return None, [Diagnostic(shown, 1, 1, "E009", f"cannot read the file: {err.strerror or err}",
                                 "check the path and permissions")]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [Diagnostic(shown, 1, 1, "E009", "not a regular file (a folder, pipe or device)",
                                     "packs hold ordinary text files")]
        if info.st_size > max_bytes:
            return None, [Diagnostic(shown, 1, 1, "E002", f"file is larger than {max_bytes // 1024} KiB",
                                     "split it into several scene files")]
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        return None, [Diagnostic(shown, 1, 1, "E009", f"cannot read the file: {err.strerror or err}",
                                 "check the path and permissions")]
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > max_bytes:  # it grew while we read it
        return None, [Diagnostic(shown, 1, 1, "E002", f"file is larger than {max_bytes // 1024} KiB",
                                 "split it into several scene files")]
    record = _RECORD.get()
    if record is not None:
        record.append((os.path.abspath(path_on_disk), hashlib.sha256(data).hexdigest()))
    return data, []


@contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    """Collect (absolute path, sha256) of every file read_bytes reads inside the block (cache.py)."""
    files: list[tuple[str, str]] = []
    token = _RECORD.set(files)
    try:
        yield files
    finally:
        _RECORD.reset(token)


def decode(data: bytes, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Strict UTF-8, with a located error for anything else."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return None, [Diagnostic(shown, 1, 1, "E001", f"file is {name} text, not UTF-8", "save the file as UTF-8")]
    if b"\x00" in data:
        at = data.index(b"\x00")
        line = data.count(b"\n", 0, at) + 1
        return None, [Diagnostic(shown, line, at - (data.rfind(b"\n", 0, at) + 1) + 1, "E001",
                                 "file looks binary (it contains NUL bytes)", "scene files are UTF-8 text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        start = data.rfind(b"\n", 0, err.start) + 1
        col = len(data[start: err.start].decode("utf-8", "replace")) + 1
        return None, [Diagnostic(shown, line, col, "E001", "file is not valid UTF-8", "save the file as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


def read_source(path_on_disk: str, shown: str, max_bytes: int = MAX_BYTES) -> tuple[object, list[Diagnostic], bytes]:
    """read_file that also returns the bytes it read (for content hashes); never raises for bad content."""
    data, diags = read_bytes(path_on_disk, shown, max_bytes)
    if data is None:
        return None, diags, b""
    text, diags = decode(data, shown)
    if text is None:
        return None, diags, data
    value, diags = parse_text(text, shown)
    return value, diags, data


def read_file(path_on_disk: str, shown: str, max_bytes: int = MAX_BYTES) -> tuple[object, list[Diagnostic]]:
    """Read, size-check and decode a file, then parse it. Never raises for bad content."""
    value, diags, _ = read_source(path_on_disk, shown, max_bytes)
    return value, diags


def control_char(text: str) -> int | None:
    """Offset of the first control character other than tab, newline and CR, or None."""
    found = _CONTROL.search(text.replace("\r", ""))
    return None if found is None else found.start()

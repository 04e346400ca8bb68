"""Text templates: `{name}` inserts a variable, `{{`/`}}` are literal braces, nothing else.

There is no attribute access, indexing or format specification, so a pack cannot make the game
build a gigabyte string (``{x:>999999999}``) or reach into Python objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MAX_NAME = 64


class TemplateError(Exception):
    def __init__(self, message: str, offset: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset  # 0-based offset into the template string
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Template:
    """Literal pieces and variable references, in order."""

    parts: tuple[str | tuple[str, int], ...]  # str = literal; (name, offset) = variable

    @property
    def names(self) -> list[tuple[str, int]]:
        return [p for p in self.parts if isinstance(p, tuple)]

    def render(self, lookup: Callable[[str], object]) -> str:
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                value = lookup(part[0])
                if isinstance(value, bool):
                    value = "yes" if value else "no"
                out.append(str(value))
        return "".join(out)


def parse_template(src: str) -> Template:
    """Split text into literals and `{name}` references; raises TemplateError at the bad brace.

    Jumps from brace to brace with str.find (most paragraphs have none), which keeps loading a
    large pack cheap.
    """
    if "{" not in src and "}" not in src:
        return Template((src,) if src else ())
    parts: list[str | tuple[str, int]] = []
    buf: list[str] = []
    i, n = 0, len(src)
    while i < n:
        opening, closing = src.find("{", i), src.find("}", i)
        nxt = min(opening if opening >= 0 else n, closing if closing >= 0 else n)
        if nxt > i:
            buf.append(src[i:nxt])
            i = nxt
            if i >= n:
                break
        if src[i] == "{":
            if i + 1 < n and src[i + 1] == "{":
                buf.append("{")
                i += 2
                continue
            end = src.find("}", i + 1)
            if end < 0:
                raise TemplateError("'{' is not closed", i, "write '{{' for a literal brace")
            name = src[i + 1 : end].strip()
            if not _is_name(name):
                raise TemplateError(
                    f"'{{{src[i + 1:end][:30]}}}' is not a variable name", i,
                    "only {variable} is allowed: no attributes, indexes or format specs; write '{{' for a brace",
                )
            if buf:
                parts.append("".join(buf))
                buf = []
            parts.append((name, i + 1))
            i = end + 1
        else:
            if i + 1 < n and src[i + 1] == "}":
                buf.append("}")
                i += 2
                continue
            raise TemplateError("stray '}'", i, "write '}}' for a literal brace")
    if buf:
        parts.append("".join(buf))
    return Template(tuple(parts))


def _is_name(name: str) -> bool:
    return bool(name) and len(name) <= MAX_NAME and (name[0].isalpha() or name[0] == "_") and all(
        ch.isalnum() or ch == "_" for ch in name)

"""Diagnostics: every problem in a pack, located, coded, with a hint, in text, JSON or GitHub form."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

# code -> (severity, one-line meaning). MODDING.md documents each; a test keeps the two in step.
CODES: dict[str, tuple[str, str]] = {
    "E001": ("error", "the file is not UTF-8 text (binary, another encoding, or control characters)"),
    "E002": ("error", "the file is larger than the size cap"),
    "E003": ("error", "YAML syntax error"),
    "E004": ("error", "YAML anchors, aliases and tags are not allowed in packs"),
    "E005": ("error", "YAML nesting is too deep"),
    "E006": ("error", "the file has too many YAML nodes"),
    "E007": ("error", "a key appears twice in one mapping"),
    "E008": ("error", "a mapping key is not plain text"),
    "E009": ("error", "the pack folder or a file it names cannot be read"),
    "E101": ("error", "a value has the wrong type"),
    "E102": ("error", "a required key is missing"),
    "E103": ("error", "unknown key"),
    "E104": ("error", "YAML 1.1 trap: an unquoted word was read as a boolean or null where text was expected"),
    "E105": ("error", "an id is not a valid id"),
    "E106": ("error", "a value is out of range or not one of the allowed words"),
    "E201": ("error", "two scenes share an id"),
    "E202": ("error", "a goto names a scene that does not exist"),
    "E203": ("error", "two choices in one scene share an id"),
    "E204": ("error", "the start scene does not exist"),
    "E205": ("error", "a timer's default is not one of the scene's choices"),
    "E206": ("error", "an ending scene has choices, or a scene has neither choices nor an ending"),
    "E207": ("error", "a conditional goto list must end with an entry that has no `if`"),
    "E208": ("error", "an extension pack reuses a scene, variable or item id of its base (scenes need `replace: true`)"),
    "E209": ("error", "`replace: true` or `add_choices` names a scene that does not exist (or the pack extends nothing)"),
    "E210": ("error", "`extends` names a base pack that is missing, broken, or leads back to this pack"),
    "E301": ("error", "expression syntax error"),
    "E302": ("error", "a variable is used but not declared in pack.yaml"),
    "E303": ("error", "visited()/visits() names a scene that does not exist"),
    "E304": ("error", "has(), give or take names an item that is not declared"),
    "E305": ("error", "text interpolation error"),
    "E306": ("error", "an effect does not fit the variable's type"),
    "E401": ("error", "a scene cites a fact that no fact sheet defines"),
    "E402": ("error", "a fact sheet problem (duplicate id or unknown source)"),
    "E403": ("error", "a file is outside the pack folder (a link out), or an art file is missing or too large"),
    "W501": ("warning", "a scene cannot be reached from the start scene"),
    "W502": ("warning", "a variable is declared but never read"),
    "W503": ("warning", "an item is declared but never given"),
    "E601": ("error", "a route file step or value is malformed"),
    "E602": ("error", "a route names a scene, choice, variable or ending the pack does not have"),
    "E603": ("error", "a route step cannot be taken (no such choice there, locked, no timer, or not exactly one "
                      "choice leads to the goto scene)"),
    "E604": ("error", "a route ends somewhere other than expected, or has steps after an ending"),
    "E605": ("error", "a route's expected variable value or condition does not hold"),
    "E606": ("error", "a route's expected text was not shown"),
    "W601": ("warning", "a pack has no route tests under tests/"),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""

    @property
    def severity(self) -> str:
        return CODES.get(self.code, ("error", ""))[0]

    def text(self) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.message}"
        return head + (f"\n  hint: {self.hint}" if self.hint else "")

    def github(self) -> str:
        level = "error" if self.severity == "error" else "warning"

        def esc(s: str) -> str:
            return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        msg = esc(f"[{self.code}] {self.message}" + (f" (hint: {self.hint})" if self.hint else ""))
        path = self.path.replace(",", "%2C").replace(":", "%3A")
        return f"::{level} file={path},line={self.line},col={self.col},title={self.code}::{msg}"

    def as_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity
        return d


def sort_key(d: Diagnostic) -> tuple:
    return (d.path, d.line, d.col, d.code)


def render(diags: list[Diagnostic], fmt: str = "text") -> str:
    diags = sorted(diags, key=sort_key)
    if fmt == "json":
        return json.dumps([d.as_dict() for d in diags], indent=2)
    if fmt == "github":
        return "\n".join(d.github() for d in diags)
    lines = [d.text() for d in diags]
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    lines.append(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    return "\n".join(lines)


def has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diags)

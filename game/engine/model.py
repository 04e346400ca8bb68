"""The immutable story: what a pack says, after loading. Nothing here changes during play.

Source locations ride along on every node so that validation, playtesting and the UI's error panel
can point at the line a modder wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.engine.expr import Condition
from game.engine.text import Template


@dataclass(frozen=True, slots=True)
class Loc:
    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


NOWHERE = Loc("<none>", 0, 0)

Value = int | bool | str


@dataclass(frozen=True, slots=True)
class VarDecl:
    name: str
    type: str  # "int" | "bool" | "str"
    default: Value
    min: int | None = None
    max: int | None = None
    label: str = ""
    show: bool = False
    format: str = "value"  # bar | value | percent
    loc: Loc = NOWHERE

    def clamp(self, value: Value) -> Value:
        if self.type == "int" and isinstance(value, int) and not isinstance(value, bool):
            if self.min is not None and value < self.min:
                return self.min
            if self.max is not None and value > self.max:
                return self.max
        return value


@dataclass(frozen=True, slots=True)
class ItemDecl:
    name: str
    label: str
    description: str = ""
    loc: Loc = NOWHERE


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    text: str
    source: str
    source_title: str = ""
    loc: Loc = NOWHERE


@dataclass(frozen=True, slots=True)
class Effect:
    """One change to the state: op is set | add | give | take | roll."""

    op: str
    target: str
    value: Value | tuple[int, int] | None = None
    loc: Loc = NOWHERE


@dataclass(frozen=True, slots=True)
class Branch:
    """One arm of a choice's goto; a None condition always holds."""

    scene: str
    when: Condition | None = None
    loc: Loc = NOWHERE


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: Template
    branches: tuple[Branch, ...]
    when: Condition | None = None
    locked: str | None = None
    effects: tuple[Effect, ...] = ()
    loc: Loc = NOWHERE

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(b.scene for b in self.branches)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Template
    when: Condition | None = None
    loc: Loc = NOWHERE


@dataclass(frozen=True, slots=True)
class Ending:
    title: str
    kind: str = "good"  # best | good | bittersweet | bad
    epilogue: str = ""


@dataclass(frozen=True, slots=True)
class Timer:
    seconds: float
    default: str  # choice id
    loc: Loc = NOWHERE


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    choices: tuple[Choice, ...] = ()
    part: str = ""
    place: str = ""
    clock: str = ""
    facts: tuple[str, ...] = ()
    art: str | None = None  # the art itself (already read from the pack's art/ folder)
    on_enter: tuple[Effect, ...] = ()
    ending: Ending | None = None
    timer: Timer | None = None
    loc: Loc = NOWHERE

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Story:
    """A loaded pack: scenes by id in file order, declarations, facts, and where it came from."""

    id: str
    title: str
    version: str
    start: str
    scenes: Mapping[str, Scene]
    variables: Mapping[str, VarDecl] = field(default_factory=dict)
    items: Mapping[str, ItemDecl] = field(default_factory=dict)
    facts: Mapping[str, Fact] = field(default_factory=dict)
    author: str = ""
    description: str = ""
    content_hash: str = ""
    root: str = ""
    demo: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "scenes", _frozen(self.scenes))
        object.__setattr__(self, "variables", _frozen(self.variables))
        object.__setattr__(self, "items", _frozen(self.items))
        object.__setattr__(self, "facts", _frozen(self.facts))

    def defaults(self) -> dict[str, Value]:
        return {name: decl.default for name, decl in self.variables.items()}

    @property
    def endings(self) -> dict[str, Scene]:
        return {sid: s for sid, s in self.scenes.items() if s.ending is not None}

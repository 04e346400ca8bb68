"""The stats sidebar: variables the pack marks `show: true`, as bars or values, and the items carried."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from game.engine.model import Story, VarDecl
from game.engine.state import GameState
from game.play.views import value_text

BAR = 14


def bar(value: int, low: int, high: int, width: int = BAR) -> str:
    span = max(1, high - low)
    filled = round(width * min(max(value - low, 0), span) / span)
    return "\u2588" * filled + "\u2591" * (width - filled)


def stat_line(decl: VarDecl, value: object) -> Content:
    label = decl.label or decl.name
    if isinstance(value, bool):
        return Content.assemble((label, "bold"), "\n", value_text(decl, value))
    if decl.format == "percent" and isinstance(value, int):
        return Content.assemble((label, "bold"), "\n", (bar(value, decl.min or 0, decl.max or 100), "$accent"),
                                f" {value}%")
    if decl.format == "bar" and isinstance(value, int) and decl.max is not None:
        return Content.assemble((label, "bold"), "\n", (bar(value, decl.min or 0, decl.max), "$accent"),
                                f" {value}/{decl.max}")
    return Content.assemble((label, "bold"), "\n", value_text(decl, value))


def stats_content(story: Story, state: GameState, describe_items: bool = False) -> Content:
    """The sidebar's text; `describe_items` adds each item's description (the stats overlay)."""
    parts: list[Content] = []
    shown = [d for d in story.variables.values() if d.show]
    for decl in shown:
        parts.append(stat_line(decl, state.vars.get(decl.name, decl.default)))
    if story.items:
        lines = [Content.styled("Carrying", "bold")]
        held = [story.items[i] for i in state.items if i in story.items]
        for item in held:
            lines.append(Content(f"\u2022 {item.label}"))
            if describe_items and item.description:
                lines.append(Content.styled(f"  {item.description}", "$text-muted"))
        if not held:
            lines.append(Content.styled("nothing yet", "$text-muted"))
        parts.append(Content("\n").join(lines))
    if not parts:
        return Content.styled("This story keeps no visible stats.", "$text-muted")
    return Content("\n\n").join(parts)


class StatsPanel(Static):
    DEFAULT_CSS = """
    StatsPanel { width: 100%; height: auto; }
    """

    def show(self, story: Story, state: GameState, describe_items: bool = False) -> None:
        self.update(stats_content(story, state, describe_items))

"""The story as a picture: Mermaid (renders on GitHub and in most Markdown viewers) or Graphviz DOT.

Scenes are nodes grouped by part (or by file when a scene has no part), endings are drawn apart,
the start is marked, and an edge that depends on a condition carries the condition's source text.
Parallel choices between the same two scenes become one edge: a plain arrow when any of them is
always available, else one labelled arrow per distinct condition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from game.engine.model import Scene, Story

_SAFE = re.compile(r"[^A-Za-z0-9_]")
ENDING_COLORS = {"best": "#c8e6c9", "good": "#dcedc8", "bittersweet": "#fff3c4", "bad": "#ffcdd2"}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str  # "" when always possible


def groups(story: Story) -> dict[str, list[Scene]]:
    """Scenes by part (or by file), in story order."""
    out: dict[str, list[Scene]] = {}
    for scene in story.scenes.values():
        key = scene.part or Path(scene.loc.path).name
        out.setdefault(key, []).append(scene)
    return out


def edges(story: Story) -> list[Edge]:
    raw: dict[tuple[str, str], list[str]] = {}
    for scene in story.scenes.values():
        for choice in scene.choices:
            earlier: list[str] = []
            for branch in choice.branches:
                parts = []
                if choice.when is not None:
                    parts.append(f"if {choice.when.source}")
                if branch.when is not None:
                    parts.append(f"then if {branch.when.source}" if parts else f"if {branch.when.source}")
                    earlier.append(branch.when.source)
                elif earlier:
                    parts.append("unless " + " or ".join(earlier))
                raw.setdefault((scene.id, branch.scene), []).append(", ".join(parts))
    out = []
    for (a, b), labels in raw.items():
        if "" in labels:
            out.append(Edge(a, b, ""))
        else:
            out.extend(Edge(a, b, label) for label in dict.fromkeys(labels))
    return out


def _node_ids(story: Story) -> dict[str, str]:
    ids: dict[str, str] = {}
    used: set[str] = set()
    for n, sid in enumerate(story.scenes):
        base = "s_" + _SAFE.sub("_", sid)
        node = base if base not in used else f"{base}_{n}"
        used.add(node)
        ids[sid] = node
    return ids


def _mm(text: str) -> str:
    """Text safe inside a quoted Mermaid label (entity codes for the characters it treats specially)."""
    return (text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#60;").replace(">", "#62;")
            .replace("\n", " "))


def _scene_label(scene: Scene) -> str:
    extra = f" ({scene.timer.seconds:g} s timer)" if scene.timer else ""
    return f"{scene.title}{extra}"


def mermaid(story: Story) -> str:
    ids = _node_ids(story)
    lines = ["flowchart TD"]
    for n, (name, scenes) in enumerate(groups(story).items()):
        lines.append(f'  subgraph g{n}["{_mm(name)}"]')
        for scene in scenes:
            label = f"{_mm(_scene_label(scene))}<br/>{scene.id}"
            if scene.ending is not None:
                lines.append(f'    {ids[scene.id]}(["{label}"])')
            else:
                lines.append(f'    {ids[scene.id]}["{label}"]')
        lines.append("  end")
    for e in edges(story):
        if e.label:
            lines.append(f'  {ids[e.source]} -->|"{_mm(e.label)}"| {ids[e.target]}')
        else:
            lines.append(f"  {ids[e.source]} --> {ids[e.target]}")
    lines.append("  classDef start stroke-width:3px")
    for kind, color in ENDING_COLORS.items():
        lines.append(f"  classDef ending_{kind} fill:{color},stroke:#555")
    lines.append(f"  class {ids[story.start]} start")
    for sid, scene in story.endings.items():
        lines.append(f"  class {ids[sid]} ending_{scene.ending.kind if scene.ending else 'good'}")
    return "\n".join(lines) + "\n"


def _dot(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(story: Story) -> str:
    lines = [f"digraph {_dot(story.id)} {{", "  rankdir=TB;", f"  label={_dot(story.title)};",
             '  node [shape=box, style="rounded", fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];']
    for n, (name, scenes) in enumerate(groups(story).items()):
        lines.append(f"  subgraph cluster_{n} {{")
        lines.append(f"    label={_dot(name)}; style=rounded; color=gray;")
        for scene in scenes:
            attrs = [f"label={_dot(_scene_label(scene) + chr(10) + scene.id)}"]
            if scene.ending is not None:
                color = ENDING_COLORS.get(scene.ending.kind, "#eeeeee")
                attrs += ["shape=doubleoctagon", 'style="filled"', f"fillcolor={_dot(color)}"]
            if scene.id == story.start:
                attrs.append("penwidth=3")
            lines.append(f"    {_dot(scene.id)} [{', '.join(attrs)}];")
        lines.append("  }")
    for e in edges(story):
        edge_attrs = f" [label={_dot(e.label)}, style=dashed]" if e.label else ""
        lines.append(f"  {_dot(e.source)} -> {_dot(e.target)}{edge_attrs};")
    lines.append("}")
    return "\n".join(lines) + "\n"

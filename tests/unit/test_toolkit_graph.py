"""Graphs: the DOT output renders with Graphviz, the Mermaid output parses as a flowchart."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.engine.model import Story
from game.toolkit.graph import dot, edges, mermaid
from tests.conftest import PACKS, load_ok

REPO = Path(__file__).resolve().parents[2]
NODE = re.compile(r'^\s+(s_[A-Za-z0-9_]+)(\["|\(\[")(.*?)("\]|"\]\))$')
EDGE = re.compile(r'^\s+(s_[A-Za-z0-9_]+) -->(?:\|"([^"|]*)"\|)? (s_[A-Za-z0-9_]+)$')


PACK_DIRS = [PACKS / "tiny", PACKS / "broken_playtest", REPO / "scenes", *sorted(REPO.glob("examples/*/pack.yaml"))]
PACK_DIRS = [p.parent if p.name == "pack.yaml" else p for p in PACK_DIRS]


def parse_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """A strict reading of the subset of Mermaid the graph command writes; fails on anything else."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    links: list[tuple[str, str, str]] = []
    depth = 0
    for line in lines[1:]:
        if re.match(r'^  subgraph g\d+\["[^"]*"\]$', line):
            depth += 1
        elif line.strip() == "end":
            depth -= 1
            assert depth >= 0
        elif m := NODE.match(line):
            assert depth == 1, line
            assert '"' not in m.group(3)
            nodes[m.group(1)] = m.group(3)
        elif m := EDGE.match(line):
            links.append((m.group(1), m.group(3), m.group(2) or ""))
        elif re.match(r"^  classDef \w+ [\w:#,\-.]+$", line) or re.match(r"^  class s_\w+ \w+$", line):
            pass
        else:
            raise AssertionError(f"not Mermaid this writer produces: {line!r}")
    assert depth == 0
    return nodes, links


@pytest.mark.parametrize("pack", PACK_DIRS, ids=lambda p: p.name)
def test_mermaid_has_every_scene_and_well_formed_edges(pack: Path) -> None:
    story = load_ok(pack)
    nodes, links = parse_mermaid(mermaid(story))
    shown = {label.rsplit("<br/>", 1)[1] for label in nodes.values()}
    assert shown == set(story.scenes)
    for a, b, _label in links:
        assert a in nodes and b in nodes
    assert len(links) == len(edges(story))
    conditional = {label for _, _, label in links if label}
    for scene in story.scenes.values():
        for choice in scene.choices:
            if choice.when is not None and not any(c.when is None and c.targets == choice.targets for c in scene.choices):
                assert any(choice.when.source.replace(">", "#62;").replace("<", "#60;") in lab for lab in conditional)


@pytest.mark.parametrize("pack", PACK_DIRS, ids=lambda p: p.name)
def test_dot_renders_with_graphviz(pack: Path) -> None:
    story = load_ok(pack)
    exe = shutil.which("dot")
    assert exe, "Graphviz `dot` is not installed: apt-get install -y graphviz (.ci/run installs it)"
    out = subprocess.run([exe, "-Tsvg"], input=dot(story), capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.lstrip().startswith("<?xml") and "</svg>" in out.stdout
    for sid in story.scenes:
        assert sid in out.stdout


def test_endings_and_conditions_are_marked(tiny: Story) -> None:
    text = mermaid(tiny)
    assert '(["Orbit<br/>orbit"])' in text and "class s_orbit ending_best" in text and "class s_hangar start" in text
    assert '-->|"if fuel #62;= 3"| s_orbit' in text and '-->|"unless fuel #62;= 3"| s_scrub' in text
    d = dot(tiny)
    assert '"hangar" -> "orbit" [label="if fuel >= 3", style=dashed];' in d and "doubleoctagon" in d

"""A generated pack shaped like the campaign (paragraphs, conditions, effects), at any size.

Deterministic for a given size, so every run of the benchmark parses the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

PACK = """id: generated
title: Generated Pack
version: 1.0.0
start: s0
variables:
  footage: {type: int, default: 0, min: 0, max: 100, label: Footage, show: true, format: percent}
  stamina: {type: int, default: 7, min: 0, max: 10, label: Stamina, show: true, format: bar}
  trust: {type: int, default: 5, min: 0, max: 10, label: Trust, show: true}
  backup: {type: bool, default: false, label: Backup, show: true}
  luck: {type: int, default: 0, min: 0, max: 6, label: Luck, show: true}
items:
  camera: {label: Camera}
  drive: {label: Drive}
"""

WORDS = ("the camera hums while the station turns slowly over a blue world and the crew counts "
         "every second of light left before the next pass into shadow").split()


def _para(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def scene_yaml(i: int, n: int, rng: random.Random) -> str:
    last = i == n - 1
    lines = [f"  - id: s{i}", f"    title: Scene number {i}", f'    clock: "Day {i % 12 + 1} of 12"',
             "    on_enter:", "      - add: {stamina: -1}", "    text:"]
    for _ in range(3):
        lines += ["      - |", f"        {_para(rng, 18)}", f"        {_para(rng, 14)}"]
    lines += ['      - if: "footage >= 50 and has(camera)"', "        text: |",
              f"          {_para(rng, 12)} You have {{footage}} percent."]
    if last:
        lines += ["    ending: {title: The End, kind: good, epilogue: It ends.}"]
        return "\n".join(lines) + "\n"
    nxt, far = i + 1, min(n - 1, i + 1 + rng.randrange(5))
    lines += ["    choices:",
              "      - text: Keep filming", f"        id: film_{i}", '        if: "stamina > 0"',
              "        locked: Too tired to hold the camera.",
              "        effects: [{add: {footage: 5}}, {give: camera}]", f"        goto: s{nxt}",
              "      - text: Make a backup", f"        id: backup_{i}", '        if: "not backup"',
              "        effects: [{set: {backup: true}}, {give: drive}]", f"        goto: s{far}",
              "      - text: Roll for it", f"        id: roll_{i}", "        effects: [{roll: {luck: [1, 6]}}]",
              "        goto:", f'          - {{if: "luck >= 4", scene: s{far}}}', f"          - {{scene: s{nxt}}}"]
    return "\n".join(lines) + "\n"


def write_pack(folder: Path, scenes: int = 5000, per_file: int = 100, seed: int = 7) -> list[Path]:
    """Write the pack; returns the scene files (pack.yaml excluded)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    files = []
    for start in range(0, scenes, per_file):
        body = "".join(scene_yaml(i, scenes, rng) for i in range(start, min(scenes, start + per_file)))
        path = folder / f"part-{start // per_file:03d}.yaml"
        path.write_text("part: Generated\nplace: Orbit\nscenes:\n" + body, encoding="utf-8")
        files.append(path)
    return files

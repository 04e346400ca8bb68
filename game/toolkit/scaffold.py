"""`first-take new DIR`: a small pack that validates, playtests and route-tests clean as created.

Three scenes (a loop, a timed scene, an ending), one variable read by a condition and by text, one
item, a locked choice, a conditional paragraph and a route test: enough to show every moving part,
small enough to read in a minute. The JSON Schemas are copied into `.schema/` so editors complete
keys without a network.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from game.toolkit import schema

PACK = """\
# yaml-language-server: $schema=.schema/pack.schema.json
id: {id}
title: {title}
version: 0.1.0
start: dressing_room
author: You
description: A first pack, made by `first-take new`. Change anything.

variables:
  confidence:
    type: int
    default: 0
    min: 0
    max: 3
    label: Confidence
    show: true
    format: bar
  takes: {{type: int, default: 0, min: 0, max: 9}}

items:
  script:
    label: Script
    description: Twelve pages, one of them yours.
"""

SCENES = """\
# yaml-language-server: $schema=.schema/scene.schema.json
part: "Day one"
place: "Sound stage 4"
clock: "06:00"
scenes:
  - id: dressing_room
    title: The Dressing Room
    art: clapper
    text:
      - |
        A mirror ringed with bulbs, a chair that spins, a kettle that does not. Somewhere past the
        door a crew is laying track for a dolly, and somebody is whistling the same four notes.
      - if: "has(script)"
        text: The script sits on your knee, open at the page with your line on it.
    choices:
      - id: read_script
        text: Read the script
        if: "not has(script)"
        effects:
          - give: script
          - add: {{confidence: 1}}
        goto: dressing_room
      - id: walk_to_set
        text: Walk to the set
        goto: on_set

  - id: on_set
    title: On Set
    clock: "06:40"
    timer: {{seconds: 20, default: roll_camera}}
    text:
      - |
        The lights come up one bank at a time. The director looks at you, then at the clock.
        Confidence: {{confidence}} out of 3.
      - if: "confidence >= 2"
        text: You know this scene. You could do it asleep, which is lucky, given the hour.
    choices:
      - id: roll_camera
        text: "Roll camera"
        effects:
          - add: {{takes: 1}}
        goto: wrap
      - id: one_more_minute
        text: Ask for one more minute
        if: "confidence < 3"
        locked: "Nobody will wait any longer."
        effects:
          - add: {{confidence: 1}}
        goto: on_set

  - id: wrap
    title: That's a Wrap
    clock: "07:15"
    text: |
      "Cut. Print it." It took {{takes}} take, and the kettle still does not work.
    ending:
      title: First Day Done
      kind: good
      epilogue: Tomorrow the real work starts.
"""

ART = """\
 ___________________
|/ / / / / / / / / /|
|___________________|
|  SCENE 1  TAKE 1  |
|___________________|
"""

ROUTE = """\
# yaml-language-server: $schema=../.schema/route.schema.json
# A route test: `first-take test` plays these steps and checks the expectations.
name: read the script, then shoot
seed: 0
steps:
  - read_script
  - walk_to_set
  - roll_camera
expect:
  ending: wrap
  vars: {confidence: 1, takes: 1}
  text: ["Cut. Print it."]
"""

README = """\
# {title}

Made with `first-take new`. From this folder's parent:

    first-take validate {name}          # every problem, with its line
    first-take playtest {name}          # every state: endings, soft-locks, dead choices
    first-take test {name}              # the route tests in tests/
    first-take play --pack {name}       # play it

MODDING.md in the FIRST TAKE repository has the tutorial and the full reference.
"""


def pack_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    if not slug or not slug[0].isalpha():
        slug = "pack-" + slug if slug else "my-pack"
    return slug[:64]


def scaffold(folder: Path | str, title: str | None = None) -> list[Path]:
    """Create the pack; raises FileExistsError when the folder exists and is not empty."""
    root = Path(folder)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FileExistsError(f"{root} already exists and is not empty")
    name = root.resolve().name or "my-pack"
    title = title or name.replace("-", " ").replace("_", " ").title()
    files = {
        root / "pack.yaml": PACK.format(id=pack_id(name), title=_yaml_text(title)),
        root / "scenes.yaml": SCENES.format(),
        root / "art" / "clapper.txt": ART,
        root / "tests" / "first-day.route.yaml": ROUTE,
        root / "README.md": README.format(title=title, name=root.name or "."),
    }
    for name_, text in ((root / ".schema" / f, schema.render(s)) for f, s in
                        ((schema.FILES[k], v) for k, v in schema.schemas().items())):
        files[name_] = text
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _yaml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)

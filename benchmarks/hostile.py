"""Hostile packs for the benchmark: how long `first-take validate` takes to refuse each one.

The tests (tests/hardening/test_hostile_packs.py) check the message, exit code and bounds of many
more; here we only time the expensive-looking ones next to a clean pack.
"""

from __future__ import annotations

import os
from pathlib import Path

PACK = "id: hostile\ntitle: Hostile\nversion: 1.0.0\nstart: a\n"
SCENE = "scenes:\n  - id: a\n    title: A\n    text: Hi.\n    ending: {title: End}\n"
DEEP = 25_000


def _bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


CASES: dict[str, str | None] = {
    "alias bomb (9 levels, 400 bytes)": _bomb(),
    "nesting 25,000 deep": "scenes: " + "[" * DEEP + "]" * DEEP + "\n",
    "210,000 YAML nodes": "x: [" + "1," * 210_000 + "1]\n",
    "1 MiB + 1 byte": "# " + "x" * (1024 * 1024) + "\n",
    "4 GiB sparse file": None,
    "5,000-digit integer": "x: " + "9" * 5000 + "\n",
    "expression 16 KB long": "scenes:\n  - id: b\n    title: B\n    text: Hi.\n    choices:\n      - text: Go\n"
                             "        if: \"" + "x > 1 and " * 1600 + "true\"\n        goto: a\n",
}


def make(folder: Path, name: str | None) -> Path:
    """A pack with one clean scene and, unless name is None, one hostile file."""
    pack = folder / (name or "clean").replace(" ", "_").replace(",", "")
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "scenes.yaml").write_text(SCENE, encoding="utf-8")
    if name is None:
        return pack
    content = CASES[name]
    if content is None:
        with open(pack / "hostile.yaml", "wb") as fh:
            fh.truncate(4 * 1024**3)
    else:
        (pack / "hostile.yaml").write_text(content, encoding="utf-8")
    return pack


def raw_deep_nesting_script(path: Path) -> str:
    """Python that loads the deep-nesting file with PyYAML's C loader directly (it segfaults)."""
    return f"import yaml; yaml.load(open({os.fspath(path)!r}).read(), Loader=yaml.CSafeLoader)"

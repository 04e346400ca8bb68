"""The engine is pure Python: importing it must not pull in textual or yaml (Harlequin's test)."""

from __future__ import annotations

import subprocess
import sys


def test_engine_imports_without_textual_or_yaml() -> None:
    code = (
        "import sys, game.engine, game.engine.saves, game.engine.expr\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'yaml', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_loader_does_not_import_textual() -> None:
    code = "import sys, game.content; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_only_game_ui_imports_textual() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "game"
    offenders = []
    for path in root.rglob("*.py"):
        if "ui" in path.relative_to(root).parts[:1]:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if re.match(r"(import|from)\s+textual(\.|\s|$)", stripped):
                offenders.append(f"{path.relative_to(root)}: {stripped}")
    assert offenders == []

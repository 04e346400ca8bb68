"""Where pack files are and how paths are shown: the loader's only view of the file system."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: Path) -> str:
    """Paths in diagnostics: relative to the working directory when inside it, else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).absolute()) if rel.startswith("..") else rel


def scene_files(root: Path, exclude: set[Path]) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("tests", "art"))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if name.endswith((".yaml", ".yml")) and not name.endswith((".route.yaml", ".route.yml")) and p not in exclude:
                out.append(p)
    return out


def inside(root: Path, candidate: Path) -> bool:
    """True when candidate, with every link resolved, stays inside root."""
    try:
        candidate.resolve(strict=False).relative_to(root.resolve())
        return True
    except ValueError:
        return False

"""Export the journal as a Markdown transcript into the data dir, atomically."""

from __future__ import annotations

import time
from pathlib import Path

from game.engine.journal import JournalEntry, to_markdown
from game.engine.model import Story
from game.storage.files import atomic_write


def export_transcript(data_dir: Path, story: Story, entries: list[JournalEntry]) -> Path:
    """Write ``<data dir>/transcripts/<pack>-<date>-<time>.md`` and return its path."""
    folder = Path(data_dir) / "transcripts"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"{story.id}-{stamp}.md"
    n = 2
    while path.exists():
        path = folder / f"{story.id}-{stamp}-{n}.md"
        n += 1
    atomic_write(path, to_markdown(story, entries).encode("utf-8"))
    return path

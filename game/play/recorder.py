"""The route recorder of `first-take play --record FILE`: the route so far, kept in a file as it grows."""

from __future__ import annotations

from pathlib import Path

from game.engine.model import Story
from game.engine.state import GameState
from game.play.config import GameConfig
from game.storage.files import write_user_file


class Recorder:
    """Keeps a route file up to date while someone plays.

    The host calls :meth:`update` after every change of scene; the whole file is rewritten each time,
    so it always holds the route so far (a rewind shortens it) and survives a crash. The path is the
    user's: a device, a FIFO or a symlink there is refused, never replaced.
    """

    def __init__(self, path: Path | str, story: Story) -> None:
        self.path = Path(path)
        self.story = story
        self.error: str | None = None

    @classmethod
    def for_config(cls, config: GameConfig, story: Story) -> Recorder | None:
        return cls(config.record_path, story) if config.record_path else None

    def update(self, state: GameState, start: str | None = None) -> bool:
        """Write the route so far. False only when writing starts failing (``error`` says why), so the
        caller tells the player once, not after every choice."""
        try:
            write_user_file(self.path, route_text(self.story, state, start).encode("utf-8"))
        except OSError as err:
            first = self.error is None
            self.error = f"cannot write the route file {self.path}: {err.strerror or err}"
            return not first
        self.error = None
        return True


def route_text(story: Story, state: GameState, start: str | None = None) -> str:
    """The route file for a game so far, in the toolkit's route-test format."""
    # Late on purpose, for startup: the route format lives with the loader and imports PyYAML, which
    # only `--record` needs; the first frame of every other game must not pay for it.
    from game.content.routes import route_for_state

    return route_for_state(story, state, start)

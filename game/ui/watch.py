"""Live reload for modders (`first-take play --pack DIR --watch`).

The pack folder is polled (file names, sizes and modification times: cheap, and it works on every
platform without a file-watching library); when something changed, the pack is loaded again in a
worker thread, off the event loop. A valid pack replaces the story and the player's state is fitted
to it (as a save would be); an invalid one shows its located errors and the last good story keeps
playing.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import App

from game.content import PackError, load_pack, render
from game.content.loader import LoadResult
from game.play.host import GameHost
from game.ui.widgets.errorpanel import ErrorPanel

POLL_SECONDS = 0.5


def pack_signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under the pack folder with its size and mtime; any change means reload."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            entries.append((os.path.relpath(path, root), st.st_mtime_ns, st.st_size))
    return tuple(sorted(entries))


class PackWatch:
    """Owned by the app when --watch is on: polls, reloads in a thread, hands results to the app."""

    def __init__(self, app: App[int], host: GameHost, root: Path) -> None:
        self.app = app
        self.host = host
        self.root = root
        self.signature = pack_signature(root)
        self.reloads = 0

    def start(self) -> None:
        self.app.set_interval(POLL_SECONDS, self.poll)

    def poll(self) -> None:
        self.app.run_worker(self.check, thread=True, exclusive=True, group="watch", exit_on_error=False)

    def check(self) -> None:
        """Runs in a worker thread: the only I/O of live reload."""
        signature = pack_signature(self.root)
        if signature == self.signature:
            return
        self.signature = signature
        try:
            result: LoadResult | str = load_pack(self.root)
        except PackError as err:
            result = str(err)
        self.app.call_from_thread(apply_reload, self.app, self.host, result)


def apply_reload(app: App[int], host: GameHost, result: LoadResult | str) -> None:
    """On the event loop: the host swaps in the new story and fits the game to it; or show the errors."""
    if isinstance(result, str) or not result.ok or result.story is None:
        text = result if isinstance(result, str) else render(result.diagnostics, "text")
        show_errors(app, text)
        return
    clear_errors(app)
    host.replace_story(result.story)


def show_errors(app: App[int], text: str) -> None:
    clear_errors(app)
    app.screen.mount(ErrorPanel(text))


def clear_errors(app: App[int]) -> None:
    for screen in app.screen_stack:
        for panel in screen.query(ErrorPanel):
            panel.remove()

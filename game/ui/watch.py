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
from typing import TYPE_CHECKING

from game.content import PackError, load_pack, render
from game.content.loader import LoadResult
from game.engine.saves import SaveError, SaveFile
from game.play.playthrough import Playthrough
from game.ui.widgets.errorpanel import ErrorPanel

if TYPE_CHECKING:
    from game.ui.app import FirstTakeApp

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

    def __init__(self, app: FirstTakeApp, root: Path) -> None:
        self.app = app
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
        self.app.call_from_thread(apply_reload, self.app, result)


def apply_reload(app: FirstTakeApp, result: LoadResult | str) -> None:
    """On the event loop: swap in the new story and fit the game to it, or show the errors."""
    if isinstance(result, str) or not result.ok or result.story is None:
        text = result if isinstance(result, str) else render(result.diagnostics, "text")
        show_errors(app, text)
        return
    clear_errors(app)
    story = result.story
    old = app.playthrough
    app.story = story
    app.slots.story = story
    app.watch_reloads = getattr(app, "watch_reloads", 0) + 1
    if old is None:
        app.notify("Pack reloaded.", timeout=3)
        return
    save = SaveFile(old.state.copy(), story.id, story.version, "", "", "", origin=old.origin)
    try:
        restored = Playthrough.restore(story, save)
    except SaveError as err:
        app.notify(f"Reloaded, but the game could not continue: {err}. Starting again.", severity="warning")
        app.new_game()
        return
    app.playthrough = restored.playthrough
    app._show_current()  # noqa: SLF001 - the app's own re-render path
    if restored.moved_from is not None:
        app.notify(f"Scene '{restored.moved_from}' was removed: back at '{app.playthrough.scene().title}', "
                   "the latest scene of this game that still exists.", severity="warning", timeout=8,
                   markup=False)  # scene ids and titles are pack text
    else:
        app.notify("Pack reloaded.", timeout=3)


def show_errors(app: FirstTakeApp, text: str) -> None:
    clear_errors(app)
    app.screen.mount(ErrorPanel(text))


def clear_errors(app: FirstTakeApp) -> None:
    for screen in app.screen_stack:
        for panel in screen.query(ErrorPanel):
            panel.remove()

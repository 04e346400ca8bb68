"""Any terminal size: start at each size, resize through all of them on every kind of screen, no exception.

Textual's OptionList raises at 4 columns or less (textual 8.2.8); below 60 x 16 every screen shows a
notice instead of its layout. `run_test` re-raises anything the app raised, so finishing is the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.ui.screens.ending import EndingScreen
from game.ui.screens.journal import JournalScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.sizenotice import MIN_HEIGHT, MIN_WIDTH, SizeNotice
from tests.functional.uihelp import player_app, press

SIZES = [(1, 1), (4, 2), (10, 3), (20, 5), (40, 12), (80, 24), (200, 60)]


def notice_shown(app) -> bool:  # noqa: ANN001
    return app.screen.query_one(SizeNotice).display


async def resize_through(pilot, sizes) -> None:  # noqa: ANN001
    app = pilot.app
    for width, height in sizes:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        assert notice_shown(app) == small, (type(app.screen).__name__, width, height)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_start_at_any_size_and_resize_through_all(data_dir: Path, size: tuple[int, int]) -> None:
    app = player_app(data_dir, timers=True)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert notice_shown(app) == (size[0] < MIN_WIDTH or size[1] < MIN_HEIGHT)
        await resize_through(pilot, SIZES + SIZES[-2::-1])
        await press(pilot, "n", "3", "3")  # the timed scene, so its countdown ticks through the resizes
        assert isinstance(app.screen, PlayScreen)
        await resize_through(pilot, SIZES[::-1] + SIZES[1:])
        await press(pilot, "j")
        assert isinstance(app.screen, JournalScreen)
        await resize_through(pilot, SIZES[::-1])
        await press(pilot, "escape", "z", "z", "4")  # back to the gate, stand down: the ending screen
        assert isinstance(app.screen, EndingScreen)
        await resize_through(pilot, SIZES[1:] + [size])


async def test_the_timer_holds_while_the_window_is_too_small(data_dir: Path) -> None:
    import time

    app = player_app(data_dir, timers=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "n", "3", "3")
        screen = app.screen
        await pilot.resize_terminal(30, 10)
        await pilot.pause()
        deadline = screen._deadline
        screen._tick()
        assert screen._deadline > deadline  # pushed back, not counting down
        assert app.session.scene().id == "jolt"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        screen._deadline = time.monotonic() - 1
        screen._tick()
        await pilot.pause()
        assert app.session.scene().id == "landing"

"""Helpers for the player-experience Pilot tests (test_ui_*.py, test_snapshots.py)."""

from __future__ import annotations

from pathlib import Path

from game.play.config import GameConfig
from game.ui.app import FirstTakeApp, make_app
from tests.conftest import PACKS, load_ok

PLAYER_PACK = PACKS / "player"


def player_story():  # noqa: ANN201
    return load_ok(PLAYER_PACK)


def player_app(data_dir: Path, **config: object) -> FirstTakeApp:
    """The app on the player test pack: seed 1, timers off, unless the test says otherwise."""
    options: dict[str, object] = {"seed": 1, "timers": False}
    options.update(config)
    return make_app(player_story(), GameConfig(data_dir=data_dir, **options))  # type: ignore[arg-type]


def notes(app: FirstTakeApp) -> str:
    """Every notification still on screen (run_test(notifications=True) is needed)."""
    return "\n".join(str(n.message) for n in app._notifications)


def screen_name(app: FirstTakeApp) -> str:
    return type(app.screen).__name__


async def press(pilot, *keys: str) -> None:  # noqa: ANN001
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def pick_slot(pilot, slot: str) -> None:  # noqa: ANN001
    """On the save/load screen, move to `slot` ("auto", "quick", "1".."9") and press Enter."""
    from textual.widgets import OptionList

    slots = pilot.app.screen.query_one("#slots", OptionList)
    slots.highlighted = slots.get_option_index(slot)
    await press(pilot, "enter")

"""Text from outside the program (settings, gallery, typed lines) is data: never Textual markup, never a
traceback. (More of issue 12's corpus goes here.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from tests.conftest import PACKS, run_cli
from tests.functional.uihelp import notes, player_app, press

PLAYER = str(PACKS / "player")


@pytest.mark.parametrize("word", ["\u00b2", "\u0663", "1" * 4300, "0", "-1", "1e3"])
def test_plain_mode_refuses_odd_numbers_in_words(data_dir: Path, word: str) -> None:
    out = run_cli("--data-dir", str(data_dir), "play", "--plain", "--pack", PLAYER, "--no-timers",
                  input=f"{word}\nquit\n")
    assert out.returncode == 0 and "Traceback" not in out.stderr + out.stdout
    assert "I don't know" in out.stdout or "There is no choice" in out.stdout


@pytest.mark.parametrize("name,content", [
    ("settings.json", {"format": "first-take-settings", "version": 1, "text_speed": "[/]", "theme": "[b]x[/]",
                       "timers": "on", "reduced_motion": False}),
    ("gallery.json", {"format": "first-take-gallery", "version": "[/]", "packs": {}}),
], ids=["settings", "gallery"])
async def test_markup_in_the_players_files_is_shown_as_text(data_dir: Path, name: str, content: dict) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / name).write_text(json.dumps(content), encoding="utf-8")
    app = player_app(data_dir)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, PlayScreen)
        assert "[/]" in notes(app)  # the odd value is reported as it is, not parsed as markup

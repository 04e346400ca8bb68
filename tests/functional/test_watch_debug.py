"""Live reload (--watch) and the debug panel (--debug, F12), driven through the Pilot (issue 4)."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.play.config import GameConfig
from game.ui.app import make_app
from game.ui.widgets.errorpanel import ErrorPanel
from tests.conftest import PACKS, load_ok
from tests.helpers import screen_text


def copy_tiny(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(PACKS / "tiny", pack)
    return pack


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


async def wait_for(pilot, predicate, seconds: float = 30.0) -> None:  # noqa: ANN001
    for _ in range(int(seconds / 0.1)):
        if predicate():
            return
        await pilot.pause(0.1)
    raise AssertionError("condition not reached in time")


async def test_watch_reloads_an_edit_and_keeps_the_variables(tmp_path, data_dir) -> None:  # noqa: ANN001
    pack = copy_tiny(tmp_path)
    app = make_app(load_ok(pack), GameConfig(data_dir=data_dir, pack_dir=pack, seed=1, timers=False, watch=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("2")  # refuel: fuel 2 -> 3
        await pilot.pause()
        assert app.playthrough.state.vars["fuel"] == 3
        edit(pack / "scenes.yaml", "You stand in a hangar", "You wait in a cold hangar")
        await wait_for(pilot, lambda: "You wait in a cold hangar" in screen_text(app))
        assert app.playthrough.state.vars["fuel"] == 3  # the player's state survived the reload
        assert app.story.scenes["hangar"].paragraphs[0].text.parts[0].startswith("You wait")

        # A broken edit: the errors show in a panel, the last good version keeps playing.
        edit(pack / "scenes.yaml", "scene: orbit", "scene: orbt")
        await wait_for(pilot, lambda: "error[E202]" in screen_text(app))
        assert app.screen.query(ErrorPanel)
        text = screen_text(app)
        assert "error[E202]: goto to missing scene 'orbt'" in text
        assert "scenes.yaml:" in text
        await pilot.press("2")  # still playable
        await pilot.pause()
        assert app.playthrough.state.vars["fuel"] == 4

        # Fixed again: the panel goes away.
        edit(pack / "scenes.yaml", "scene: orbt", "scene: orbit")
        await wait_for(pilot, lambda: not app.screen.query(ErrorPanel))


async def test_watch_when_the_current_scene_is_deleted(tmp_path, data_dir) -> None:  # noqa: ANN001
    pack = copy_tiny(tmp_path)
    (pack / "extra.yaml").write_text(
        "scenes:\n  - id: annex\n    title: The Annex\n    text: A side room.\n    choices:\n"
        "      - {text: Back, goto: hangar}\n")
    edit(pack / "scenes.yaml", "      - text: Wait for better weather",
         "      - text: Visit the annex\n        goto: annex\n      - text: Wait for better weather")
    app = make_app(load_ok(pack), GameConfig(data_dir=data_dir, pack_dir=pack, seed=1, timers=False, watch=True))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.choose("annex")
        await pilot.pause()
        assert "The Annex" in screen_text(app)
        (pack / "extra.yaml").unlink()
        edit(pack / "scenes.yaml", "      - text: Visit the annex\n        goto: annex\n", "")
        await wait_for(pilot, lambda: app.playthrough.scene().id == "hangar")
        assert "no longer" in " ".join(str(n.message) for n in app._notifications) or \
            "removed" in " ".join(str(n.message) for n in app._notifications)


async def test_debug_panel_shows_variables_and_jumps(tiny, data_dir) -> None:  # noqa: ANN001
    app = make_app(tiny, GameConfig(data_dir=data_dir, seed=1, timers=False, debug=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        text = screen_text(app)
        assert "fuel" in text and "2" in text and "items   (none)" in text
        await pilot.press(*"orbit", "enter")
        await pilot.pause()
        assert app.playthrough.scene().id == "orbit"
        assert "IN ORBIT" in screen_text(app)


async def test_f12_does_nothing_without_debug(tiny, config) -> None:  # noqa: ANN001
    app = make_app(tiny, config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "f12")
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"

"""Pack text never becomes Textual markup: a `locked:` reason like `[@click=app.quit]` would be a
clickable action in a notification. Scene text is rendered as Content elsewhere; this covers the
toast a locked choice shows."""

from __future__ import annotations

from pathlib import Path

from game.config import GameConfig
from tests.conftest import load_ok

REASON = "[@click=app.quit]Leave now[/] [b]bold?[/b]"
PACK = "id: markup\ntitle: Markup\nversion: 1.0.0\nstart: a\n"
SCENES = f"""scenes:
  - id: a
    title: A
    text: Hi.
    choices:
      - text: Locked
        id: locked
        if: "false"
        locked: "{REASON}"
        goto: b
      - text: Go
        goto: b
  - id: b
    title: B
    text: Bye.
    ending: {{title: End}}
"""


async def test_a_locked_reason_is_shown_as_written(tmp_path: Path, data_dir: Path) -> None:
    from game.ui.app import make_app

    pack = tmp_path / "markup"
    pack.mkdir()
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    (pack / "scenes.yaml").write_text(SCENES, encoding="utf-8")
    app = make_app(load_ok(pack), GameConfig(data_dir=data_dir, seed=1, timers=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        view = next(v for v in app.session.choices() if v.id == "locked")
        await pilot.press(str(view.number))
        await pilot.pause()
        # Textual keeps shown notifications on the app; markup=False is what keeps the text inert.
        notes = [n for n in app._notifications if n.message == REASON]  # noqa: SLF001
        assert notes, [n.message for n in app._notifications]  # noqa: SLF001
        assert not any(n.markup for n in notes), "a pack's text was shown as markup"
        assert app.is_running and app.session.scene().id == "a"

"""Pack text never becomes Textual markup: a `locked:` reason like `[@click=app.quit]` would be a
clickable action in a notification. Scene text is rendered as Content elsewhere; this covers the
toast a locked choice shows."""

from __future__ import annotations

from pathlib import Path

from game.play.config import GameConfig
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


LINK = "[@click=app.quit]X[/]"
EVERYWHERE_PACK = f'''id: everywhere
title: "T {LINK}"
version: 1.0.0
start: a
description: "D {LINK}"
variables:
  v: {{type: int, default: 1, label: "L {LINK}", show: true}}
items:
  key: {{label: "I {LINK}"}}
'''
EVERYWHERE_SCENES = f'''part: "P {LINK}"
place: "PL {LINK}"
clock: "C {LINK}"
scenes:
  - id: a
    title: "S {LINK}"
    text: "Body {LINK} {{v}}"
    on_enter: [{{give: key}}]
    choices:
      - text: "Choice {LINK}"
        goto: b
  - id: b
    title: "E {LINK}"
    text: "End {LINK}"
    ending: {{title: "ET {LINK}", kind: good, epilogue: "EP {LINK}"}}
'''


def rendered_text(app) -> str:  # noqa: ANN001
    """What the terminal would show, from the screenshot (so markup would already be applied)."""
    import html
    import re

    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_pack_text_is_literal_on_every_screen(tmp_path: Path, data_dir: Path) -> None:
    import re

    from game.ui.app import make_app

    pack = tmp_path / "everywhere"
    pack.mkdir()
    (pack / "pack.yaml").write_text(EVERYWHERE_PACK, encoding="utf-8")
    (pack / "scenes.yaml").write_text(EVERYWHERE_SCENES, encoding="utf-8")
    app = make_app(load_ok(pack), GameConfig(data_dir=data_dir, seed=1, timers=False))
    interpreted = re.compile(r"\b(T|D|S|P|PL|C|L|I|Body|Choice|ET|End|EP) X\b")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for stage, key, at_least in (("title", "n", 2), ("play", "1", 8), ("ending", None, 3)):
            text = rendered_text(app)
            literal = text.upper().count(LINK.upper())
            assert literal >= at_least, f"{stage}: {literal} literal links\n{text}"
            assert not interpreted.search(text), f"{stage}: pack text was rendered as markup"
            if key:
                await pilot.press(key)
                await pilot.pause()

"""Regenerate the README screenshots: `python docs/screenshots/make.py` (headless, fixed seed)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from game.play.config import GameConfig
from game.content import load_pack
from game.content.paths import builtin_pack_dir
from game.ui.app import make_app

HERE = Path(__file__).parent
# A crew eleven days in, as a player might have it (the stats sidebar shows these).
VARS = {"footage": 64, "stamina": 5, "secrecy": 7, "trust": 7, "lead": 3, "novitsky_cast": True}


async def shoot(name: str, scene: str | None, size: tuple[int, int], timers: bool = False) -> None:
    story = load_pack(builtin_pack_dir()).story
    assert story is not None
    with tempfile.TemporaryDirectory() as data:
        config = GameConfig(data_dir=Path(data), seed=2021, timers=timers, from_scene=scene,
                            timer_scale=1.0, set_vars=VARS)
        app = make_app(story, config)
        async with app.run_test(size=size) as pilot:
            await pilot.press("n")
            await pilot.pause(0.3)
            app.save_screenshot(str(HERE / f"{name}.svg"))


async def main() -> None:
    await shoot("title", None, (110, 34))
    await shoot("play", "b_shkaplerov", (110, 34))
    await shoot("thruster", "thr_lurch", (110, 34), timers=True)


if __name__ == "__main__":
    asyncio.run(main())

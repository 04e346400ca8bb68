"""Full routes through the campaign, from the title to three different endings, pressing keys (issue 3).

Routes are found with the engine (seeded random play), then played through the real UI: the test
reads each choice's number off the screen and presses it, as a player would. One route goes through
the timed thruster sequence and lets every countdown run out.
"""

from __future__ import annotations

import random

from game.engine.session import Session
from game.play.config import GameConfig
from game.ui.app import make_app
from game.ui.widgets.choices import ChoiceList
from tests.helpers import random_route, screen_text


def timer_route(story, seed: int = 7, tries: int = 20_000) -> list[str]:  # noqa: ANN001
    """A random route that takes every timed scene's default (as if the player let time run out)."""
    rng = random.Random(seed)
    for _ in range(tries):
        s = Session(story, seed=1)
        route: list[str] = []
        while not s.is_over:
            timer = s.scene().timer
            pick = timer.default if timer else rng.choice(s.available()).id
            s.choose(pick)
            route.append(pick)
        if "thr_drift" in s.state.visits and s.scene().id in ("end_premiere", "end_quiet", "end_documentary"):
            return route
    raise AssertionError("no route through the thruster sequence found")


async def play(pilot, app, route: list[str], let_timers_run_out: bool = False) -> int:  # noqa: ANN001
    """Press each choice's number as shown; at timed scenes optionally wait instead. Returns timeouts."""
    timeouts = 0
    for choice_id in route:
        scene = app.playthrough.scene()
        turn = app.playthrough.state.turn
        if let_timers_run_out and scene.timer is not None and scene.timer.default == choice_id:
            for _ in range(400):  # the countdown runs on its own: nothing is pressed
                await pilot.pause(0.05)
                if app.playthrough.state.turn > turn:
                    break
            assert app.playthrough.state.log[-1] == (scene.id, choice_id)
            timeouts += 1
            continue
        view = next(v for v in app.screen.query_one(ChoiceList).views if v.id == choice_id)
        assert f"{view.number}. {view.text}" in screen_text(app)
        await pilot.press(str(view.number))
        await pilot.pause()
        assert app.playthrough.state.turn == turn + 1
    return timeouts


def _timed_default(story, route: list[str], index: int) -> bool:  # noqa: ANN001
    """Whether step `index` of the route is taken in a timed scene by its timer's default."""
    s = Session(story, seed=1)
    for cid in route[:index]:
        s.choose(cid)
    timer = s.scene().timer
    return timer is not None and timer.default == route[index]


async def run_route(campaign, data_dir, route, ending: str, **config) -> None:  # noqa: ANN001, ANN003
    app = make_app(campaign, GameConfig(data_dir=data_dir, seed=1, **{"timers": False, **config}))
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        if config.get("timers"):  # the countdown is on screen in the first timed scene
            first = next(i for i, cid in enumerate(route) if _timed_default(campaign, route, i))
            await play(pilot, app, route[:first])
            assert "TIME" in screen_text(app)
            timeouts = await play(pilot, app, route[first:], let_timers_run_out=True)
        else:
            timeouts = await play(pilot, app, route)
        assert app.playthrough.scene().id == ending
        text = screen_text(app)
        assert campaign.scenes[ending].ending.title.upper() in text
        assert campaign.scenes[ending].ending.epilogue in text
        if config.get("timers"):
            assert timeouts >= 3


async def test_route_to_the_premiere(campaign, data_dir) -> None:  # noqa: ANN001
    await run_route(campaign, data_dir, random_route(campaign, "end_premiere", seed=11), "end_premiere")


async def test_route_to_the_leak(campaign, data_dir) -> None:  # noqa: ANN001
    await run_route(campaign, data_dir, random_route(campaign, "end_leaked", seed=12), "end_leaked")


async def test_route_where_every_thruster_countdown_runs_out(campaign, data_dir) -> None:  # noqa: ANN001
    route = timer_route(campaign)
    ending = Session(campaign, seed=1)
    for cid in route:
        ending.choose(cid)
    await run_route(campaign, data_dir, route, ending.scene().id, timers=True, timer_scale=0.1)

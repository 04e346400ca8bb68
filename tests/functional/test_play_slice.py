"""Play the built-in story as a player would: title screen, keys or mouse, read the screen."""

from __future__ import annotations

from game.engine.session import Session
from game.ui.app import make_app
from game.ui.widgets.choices import ChoiceList
from tests.helpers import screen_text, shortest_route


async def play_route(pilot, app, route: list[str]) -> None:  # noqa: ANN001
    """Press the number shown next to each choice of the route, checking the scene shown each step."""
    for choice_id in route:
        choices = app.screen.query_one(ChoiceList)
        view = next(v for v in choices.views if v.id == choice_id)
        assert view.available
        assert f"{view.number}. {view.text}" in screen_text(app)
        await pilot.press(str(view.number))
        await pilot.pause()


async def test_keys_from_title_to_the_scrubbed_ending(campaign, config) -> None:  # noqa: ANN001
    route = shortest_route(campaign, "end_scrubbed")
    app = make_app(campaign, config)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "New game" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert campaign.scenes[campaign.start].title in screen_text(app)
        await play_route(pilot, app, route)
        text = screen_text(app)
        assert campaign.scenes["end_scrubbed"].ending.title.upper() in text
        assert "Play again" in text
        await pilot.press("p")  # play again starts at the beginning
        await pilot.pause()
        assert campaign.scenes[campaign.start].title in screen_text(app)


async def test_keys_through_launch_and_docking(campaign, config) -> None:  # noqa: ANN001
    route = shortest_route(campaign, "iss_arrival", avoid={"night_standdown"})
    app = make_app(campaign, config)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await play_route(pilot, app, route)
        assert app.session.scene().id == "iss_arrival"
        assert campaign.scenes["iss_arrival"].title in screen_text(app)


async def test_arrows_and_enter_choose(tiny, config) -> None:  # noqa: ANN001
    app = make_app(tiny, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # "New game" is highlighted on the title screen
        await pilot.pause()
        assert "[This is not markup.]" in screen_text(app)
        await pilot.press("down", "enter")  # second choice: refuel
        await pilot.pause()
        assert app.session.state.vars["fuel"] == 3
        assert "3 units of fuel" in screen_text(app)


async def test_mouse_plays_to_an_ending(tiny, config) -> None:  # noqa: ANN001
    app = make_app(tiny, config)
    async with app.run_test(size=(100, 30)) as pilot:
        assert await pilot.click("#menu", offset=(3, 1))  # "New game"
        await pilot.pause()
        assert app.session is not None
        for choice_id in ("refuel", "launch"):
            views = app.screen.query_one(ChoiceList).views
            row = next(i for i, v in enumerate(views) if v.id == choice_id)
            assert await pilot.click(ChoiceList, offset=(4, row))
            await pilot.pause()
        text = screen_text(app)
        assert "IN ORBIT" in text and "The stars hold still for you." in text


async def test_unavailable_choice_shows_reason_and_does_nothing(tiny, config) -> None:  # noqa: ANN001
    app = make_app(tiny, config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        for _ in range(3):
            await pilot.press("2")
            await pilot.pause()
        assert "(The tank is full.)" in screen_text(app)
        turn = app.session.state.turn
        await pilot.press("2")
        await pilot.pause()
        assert app.session.state.turn == turn


def test_route_helper_agrees_with_engine(campaign) -> None:  # noqa: ANN001
    s = Session(campaign, seed=1)
    for cid in shortest_route(campaign, "end_scrubbed"):
        s.choose(cid)
    assert s.scene().id == "end_scrubbed"


async def test_mouse_plays_the_slice_to_the_scrubbed_ending(campaign, config) -> None:  # noqa: ANN001
    """Act I with the mouse only: click "New game", then click each choice of the route."""
    route = shortest_route(campaign, "end_scrubbed")
    app = make_app(campaign, config)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert await pilot.click("#menu", offset=(3, 1))  # "New game" is the first row inside the border
        await pilot.pause()
        assert campaign.scenes[campaign.start].title in screen_text(app)
        for choice_id in route:
            choices = app.screen.query_one(ChoiceList)
            row = next(i for i, v in enumerate(choices.views) if v.id == choice_id)
            turn = app.playthrough.state.turn
            assert await pilot.click(ChoiceList, offset=(4, row))
            await pilot.pause()
            assert app.playthrough.state.turn == turn + 1
        text = screen_text(app)
        assert campaign.scenes["end_scrubbed"].ending.title.upper() in text

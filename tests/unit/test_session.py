"""The session API: choices with availability, effects, conditional gotos, rewind, determinism."""

from __future__ import annotations

import pytest

from game.engine.session import ChoiceError, Session
from game.engine.state import GameState


def test_start_and_text(tiny) -> None:  # noqa: ANN001
    s = Session(tiny, seed=1)
    assert s.scene().id == "hangar"
    assert s.text() == ["You stand in a hangar with 2 units of fuel. [This is not markup.]"]
    ids = [v.id for v in s.choices()]
    assert ids == ["take_camera", "refuel", "tell_press", "wait", "launch"]


def test_effects_and_conditional_text(tiny) -> None:  # noqa: ANN001
    s = Session(tiny, seed=1)
    s.choose("take_camera")
    assert "camera" in s.state.items
    assert s.text()[-1] == "The camera is warm in your hand."
    assert "take_camera" not in [v.id for v in s.choices()]  # hidden: no `locked` reason


def test_locked_choice_shows_reason(tiny) -> None:  # noqa: ANN001
    s = Session(tiny, seed=1)
    for _ in range(3):
        s.choose("refuel")
    view = next(v for v in s.choices() if v.id == "refuel")
    assert not view.available and view.reason == "The tank is full."
    with pytest.raises(ChoiceError):
        s.choose("refuel")


def test_conditional_goto(tiny) -> None:  # noqa: ANN001
    low = Session(tiny, seed=1)
    low.choose("launch")
    assert low.scene().id == "scrub" and low.is_over
    high = Session(tiny, seed=1)
    high.choose("refuel")
    high.choose("launch")
    assert high.scene().id == "orbit"
    assert high.text() == ["You made it{!} Fuel left: 3."]


def test_choose_by_number(tiny) -> None:  # noqa: ANN001
    s = Session(tiny, seed=1)
    s.choose(2)
    assert s.state.vars["fuel"] == 3


def test_rng_is_seeded_and_rewind_is_exact(tiny) -> None:  # noqa: ANN001
    a, b = Session(tiny, seed=42), Session(tiny, seed=42)
    for s in (a, b):
        s.choose("refuel")
    assert a.state.vars["luck"] == b.state.vars["luck"]
    before = a.state.copy()
    a.choose("tell_press")
    a.choose("refuel")
    assert a.rewind(2)
    assert a.state.same_as(before)
    a.choose("refuel")  # the same roll again after rewinding
    b.choose("refuel")
    assert a.state.vars["luck"] == b.state.vars["luck"]


def test_rewind_many_crosses_checkpoints(tiny) -> None:  # noqa: ANN001
    s = Session(tiny, seed=3)
    snapshots = [s.state.copy()]
    for i in range(100):
        s.choose("refuel" if i % 3 == 0 else "wait")
        snapshots.append(s.state.copy())
    s.rewind(10)
    assert s.state.same_as(snapshots[90])
    s.rewind(88)
    assert s.state.same_as(snapshots[2])
    s.rewind(5)  # cannot go before the start
    assert s.state.same_as(snapshots[0])
    assert not s.rewind()


def test_state_round_trips_through_dict(tiny) -> None:  # noqa: ANN001
    s = Session(tiny, seed=9)
    s.choose("refuel")
    s.choose("take_camera")
    again = GameState.from_dict(s.state.to_dict())
    assert again.same_as(s.state)

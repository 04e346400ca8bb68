"""Long sessions: 10,000 choices through the engine with bounded memory and exact rewind, and 500
choices through the Textual UI (Pilot key presses) with a bounded number of widgets.

A booth runs for days; a player may loop a scene for an hour. The rewind history must stay small
(the log is one shared pair per choice; checkpoints hold no log and thin out with age) and the UI
must not keep a widget per scene it has shown.
"""

from __future__ import annotations

import gc
import random
import tracemalloc
from pathlib import Path

import pytest
from textual import events

from game.engine.session import Session
from game.engine.state import GameState
from game.play.config import GameConfig
from tests.conftest import load_ok
from tests.helpers import screen_text

LOOP = Path(__file__).resolve().parents[1] / "packs" / "loop"
CHOICES = 10_000


@pytest.fixture(scope="module")
def loop_story():  # noqa: ANN201
    return load_ok(LOOP)


def pick(session: Session, rnd: random.Random) -> str:
    """Any available choice except the one way out, so the loop never ends."""
    return rnd.choice([v.id for v in session.available() if v.id != "leave"])


def test_ten_thousand_choices_in_bounded_memory(loop_story) -> None:  # noqa: ANN001
    rnd = random.Random(7)
    session = Session(loop_story, seed=7)
    tracemalloc.start()
    try:
        for _ in range(1_000):
            session.choose(pick(session, rnd))
        early = tracemalloc.get_traced_memory()[0]
        for _ in range(CHOICES - 1_000):
            session.choose(pick(session, rnd))
        late, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert session.state.turn == CHOICES
    per_choice = (late - early) / (CHOICES - 1_000)
    # Measured: ~12 bytes a choice (an 8-byte pointer to a shared pair, plus thinned checkpoints).
    # Copying the log into every checkpoint, as before, cost ~1.4 KB a choice at this length and grew
    # quadratically.
    assert per_choice < 64, f"{per_choice:.0f} bytes per choice"
    assert peak - early < 2 * 1024 * 1024
    assert len(session._checkpoints) < 100  # dense for the last 1,024 turns, sparse before
    assert len({id(pair) for pair in session.state.log}) <= 3 * 2 * 4  # pairs are shared, not copied


def test_rewind_is_exact_across_a_long_session(loop_story) -> None:  # noqa: ANN001
    rnd = random.Random(11)
    session = Session(loop_story, seed=11)
    marks = {1, 31, 32, 33, 1_000, 1_023, 1_024, 1_025, 4_099, 8_191, 9_000, 9_990, 9_999}
    recorded: dict[int, GameState] = {0: session.state.copy()}
    moves: list[str] = []
    for turn in range(1, CHOICES + 1):
        moves.append(pick(session, rnd))
        session.choose(moves[-1])
        if turn in marks:
            recorded[turn] = session.state.copy()
    final = session.state.copy()
    for turn in sorted(recorded, reverse=True):
        assert session.rewind(session.state.turn - turn)
        assert session.state.same_as(recorded[turn]), f"rewind to turn {turn} is not exact"
    assert not session.rewind()
    # Replaying the same choices from the start reaches the same end, RNG included.
    for move in moves:
        session.choose(move)
    assert session.state.same_as(final)
    # And from the middle, after a rewind that lands between sparse checkpoints.
    session.rewind(CHOICES - 4_099)
    assert session.state.same_as(recorded[4_099])
    for move in moves[4_099:]:
        session.choose(move)
    assert session.state.same_as(final)


def test_a_long_state_survives_a_save_round_trip_compactly(loop_story) -> None:  # noqa: ANN001
    rnd = random.Random(3)
    session = Session(loop_story, seed=3)
    for _ in range(CHOICES):
        session.choose(pick(session, rnd))
    again = GameState.from_dict(session.state.to_dict())
    assert again.same_as(session.state)
    assert len({id(pair) for pair in again.log}) <= 3 * 2 * 4  # loading shares the pairs too
    resumed = Session(loop_story, again.copy())
    resumed.choose(pick(resumed, rnd))
    assert resumed.rewind() and resumed.state.same_as(again)


# -- through the UI ----------------------------------------------------------------------------
UI_CHOICES = 500


def widget_count(app) -> int:  # noqa: ANN001
    return sum(len(screen.query("*")) for screen in app.screen_stack)


def live_widgets() -> int:
    """Widgets still in memory, in the DOM or not: removed ones that stay referenced are a leak."""
    from textual.widget import Widget

    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, Widget))


async def press(pilot, key: str, *, real: bool) -> None:  # noqa: ANN001
    """A key press. `real` goes through Pilot.press, which also waits for the whole process to go
    idle (~100 ms a key here); otherwise the same Key event is posted to the app, as the terminal
    driver does, and we wait only for the screen to process it: the same path, ten times faster."""
    if real:
        await pilot.press(key)
        return
    pilot.app.post_message(events.Key(key, key))
    await pilot.pause(0)


async def test_five_hundred_choices_through_the_ui_keep_widgets_bounded(loop_story, data_dir: Path) -> None:  # noqa
    from game.ui.app import make_app

    config = GameConfig(data_dir=data_dir, seed=5, timers=False)
    app = make_app(loop_story, config)
    rnd = random.Random(5)
    counts: dict[int, int] = {}
    alive: dict[int, int] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for step in range(1, UI_CHOICES + 1):
            session = app.session
            choice = pick(session, rnd)
            number = next(v.number for v in session.choices() if v.id == choice)
            await press(pilot, str(number), real=step % 25 == 0 or step > UI_CHOICES - 10)
            for _ in range(200):  # the choice lands within a few event-loop turns
                if app.session.state.turn == step:
                    break
                await pilot.pause(0.005)
            assert app.session.state.turn == step, f"key {number} did not take choice {choice!r}"
            if step in (50, 250, UI_CHOICES):
                await pilot.pause()
                counts[step] = widget_count(app)
                alive[step] = live_widgets()
                assert loop_story.scenes[app.session.state.scene].title in screen_text(app)
        # The journal of a 500-choice game is one scrolling text, not a widget per entry.
        await pilot.press("j")
        await pilot.pause()
        journal_widgets = len(app.screen.query("*"))
        assert journal_widgets < 40, f"the journal uses {journal_widgets} widgets"
        await pilot.press("escape")
        await pilot.pause()
        counts[UI_CHOICES + 1] = widget_count(app)
    first = counts[50]
    # Widgets after 500 choices: the same as after 50, give or take a transient toast or two.
    assert all(count <= first + 4 for count in counts.values()), counts
    # And no removed widget lingers: Textual 8.2.8's Footer kept every FooterKey it ever made
    # (~13 a choice, 121 MiB after 500 choices) until game/ui/widgets/footer.py pruned them.
    assert alive[UI_CHOICES] <= alive[50] + 20, alive

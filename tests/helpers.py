"""Helpers for tests that play like a person: find a route with the engine, read the screen."""

from __future__ import annotations

from collections import deque

from game.engine.model import Story
from game.engine.session import Session


def shortest_route(story: Story, target: str, seed: int = 1, max_states: int = 200_000,
                   avoid: set[str] = frozenset()) -> list[str]:
    """Choice ids from the start to `target`, breadth-first over real sessions (timers as choices)."""
    start = Session(story, seed=seed)
    queue = deque([(start.state.copy(), [])])
    seen = {start.state.story_key()}
    while queue and len(seen) < max_states:
        state, route = queue.popleft()
        for view in Session(story, state.copy()).available():
            if view.id in avoid:
                continue
            s = Session(story, state.copy())
            s.choose(view.id)
            if s.state.scene == target:
                return route + [view.id]
            key = s.state.story_key()
            if key not in seen and not s.is_over:
                seen.add(key)
                queue.append((s.state, route + [view.id]))
    raise AssertionError(f"no route to {target}")


def screen_text(app) -> str:  # noqa: ANN001
    """The text a player sees on the current screen: every visible Static and every option."""
    from textual.widgets import OptionList, Static

    parts: list[str] = []
    for widget in app.screen.query("*"):
        if not widget.display or not widget.visible:
            continue
        if isinstance(widget, Static):
            parts.append(str(widget.content))
        elif isinstance(widget, OptionList):
            parts.extend(str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count))
    return "\n".join(parts)


def random_route(story: Story, target: str, seed: int = 1, tries: int = 20_000,
                 must_pass: str | None = None) -> list[str]:
    """A route to `target` found by seeded random play (fast where breadth-first search explodes)."""
    import random

    rng = random.Random(seed)
    for _ in range(tries):
        s = Session(story, seed=seed)
        route: list[str] = []
        while not s.is_over and len(route) < 500:
            pick = rng.choice(s.available()).id
            s.choose(pick)
            route.append(pick)
        if s.scene().id == target and (must_pass is None or must_pass in s.state.visits):
            return route
    raise AssertionError(f"no random route to {target} in {tries} tries")

"""Replays in the Textual UI (`first-take replay`): the host plays the plan on the app's timers."""

from __future__ import annotations

import shutil

from textual.pilot import Pilot

from game.engine.model import Story
from game.play.config import GameConfig
from game.play.plans import Plan, pause_for, replay_config
from game.ui.app import FirstTakeApp, make_app


class UiReplayer:
    """Drives the game through a plan on the app's own timers, a reading pause per scene.

    It only uses the host's intents (``new_game``, ``choose``); if the viewer takes a choice
    themselves the replay stops and says so.
    """

    def __init__(self, app: FirstTakeApp, plan: Plan, speed: float) -> None:
        self.app = app
        self.host = app.host
        self.plan = plan
        self.speed = speed
        self.step = 0
        self.done = False

    def begin(self) -> None:
        self.host.new_game()
        for warning in self.plan.warnings:
            self.app.notify(warning, severity="warning", timeout=10, markup=False)
        self._next()

    def _next(self) -> None:
        p = self.host.playthrough
        if p is None:
            return self._stop("Replay stopped.")
        if self.step >= len(self.plan.choices):
            return self._stop("Replay finished." + ("" if p.is_over else " The route ends here: play on if you like."))
        self.app.set_timer(pause_for(p.session.text(), self.speed), self.take_next)

    def take_next(self) -> None:
        """Take the next step (the timer calls this); stop if the viewer has taken over."""
        p = self.host.playthrough
        if p is None or p.state.turn != self.step:
            return self._stop("You took over: the replay stopped.")
        choice_id = self.plan.choices[self.step]
        self.step += 1
        if not self.host.choose(choice_id, p.state.scene):
            self.step -= 1
            return self._stop(f"Replay stopped: '{choice_id}' is not open here.")
        self._next()

    def _stop(self, message: str) -> None:
        self.done = True
        self.app.notify(message, timeout=8, markup=False)


def play_ui(story: Story, plan: Plan, config: GameConfig, speed: float) -> int:
    """Play the replay in the Textual UI; the viewer can quit (ctrl+q) or take over at any time."""
    cfg, scratch = replay_config(config, plan)
    try:
        app = make_app(story, cfg)

        async def start(pilot: Pilot[object]) -> None:  # returns at once; the app's timers do the rest
            await pilot.pause()
            UiReplayer(app, plan, speed).begin()

        app.run(auto_pilot=start)
        return app.return_code or 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

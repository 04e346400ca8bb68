"""Replays as text (`first-take replay --plain`): plain mode's front end, driven by a plan."""

from __future__ import annotations

import io
import shutil
from typing import TextIO

from game.engine.model import Story
from game.plain.game import PlainGame
from game.play.config import GameConfig
from game.play.plans import Plan, replay_config, run_code_for


class ReplayPrinter(PlainGame):
    def ending_block(self) -> None:
        """The ending as the player saw it, without the gallery and the menu."""
        self.ending_title()


def play_plain(story: Story, plan: Plan, config: GameConfig, out: TextIO) -> int:
    """Print the replay as plain mode shows a game: append-only text, the choice typed before each scene."""
    cfg, scratch = replay_config(config, plan)
    try:
        game = ReplayPrinter(story, cfg, io.StringIO(""), out)
        game.say(f"Replaying {plan.source or 'a route'}: {len(plan.choices)} choices, seed {plan.seed}"
                 f" ({story.title} {story.version}).")
        for warning in plan.warnings:
            game.say(f"Note: {warning}")
        game.look()
        for choice_id in plan.choices:
            view = next(v for v in game.game.session.available() if v.id == choice_id)
            game.say(f"> {view.number}")
            game.say(f"You chose: {view.text}")
            game.host.choose(choice_id)
        state = game.game.state
        scene = story.scenes[state.scene]
        end = f"the ending '{scene.ending.title}'" if scene.ending else f"scene '{scene.title}' (the route ends here)"
        game.say()
        game.say(f"Replay finished at {end} after {len(plan.choices)} choices.")
        code = game.host.run_code or run_code_for(story, state, plan.start)
        if code:
            game.say(f"Run code: {code}")
        return 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

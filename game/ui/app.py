"""The Textual app and `make_app`, the one factory used by the CLI and the tests."""

from __future__ import annotations

from textual.app import App

from ..config import GameConfig
from ..engine.model import Story
from ..engine.session import Session
from ..engine.state import GameState
from .screens.ending import EndingScreen
from .screens.play import PlayScreen
from .screens.title import TitleScreen


class FirstTakeApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "FIRST TAKE"

    def __init__(self, story: Story, config: GameConfig) -> None:
        super().__init__()
        self.story = story
        self.config = config
        self.session: Session | None = None
        self.timer_scale = 1.0 if config.timers else 0.0

    def on_mount(self) -> None:
        self.title = self.story.title
        self.show_title()

    # -- flow ----------------------------------------------------------------------------------
    def show_title(self) -> None:
        self._switch(TitleScreen())

    def new_game(self) -> None:
        state = GameState.new(self.story, self.config.seed or 0)
        state.vars.update(self.config.set_vars)
        if self.config.from_scene:
            state.scene = self.config.from_scene
            state.visits[state.scene] = 1
            self.session = Session(self.story, state)
        else:
            self.session = Session(self.story, seed=self.config.seed or 0)
            self.session.state.vars.update(self.config.set_vars)
        self._show_current()

    def choose(self, choice_id: str) -> None:
        assert self.session is not None
        self.session.choose(choice_id)
        self._show_current()

    def timeout(self) -> None:
        if self.session is not None and not self.session.is_over:
            self.session.timeout()
            self._show_current()

    def _show_current(self) -> None:
        assert self.session is not None
        if self.session.is_over:
            self._switch(EndingScreen())
        elif isinstance(self.screen, PlayScreen):
            self.screen.show_scene()
        else:
            self._switch(PlayScreen())

    def _switch(self, screen) -> None:  # noqa: ANN001
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)


def make_app(story: Story, config: GameConfig) -> FirstTakeApp:
    """Build the app for a loaded story; the CLI and the tests both come through here."""
    return FirstTakeApp(story, config)

"""The play screen: header (part, mission clock, place), the scene, the stats sidebar, the choices."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from game.engine.session import Session
from game.ui.keys import bindings
from game.ui.screens.base import GameScreen
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.countdown import Countdown
from game.ui.widgets.footer import Footer  # Textual's Footer leaks a widget set per choice
from game.ui.widgets.reveal import RevealText
from game.ui.widgets.sidebar import StatsPanel
from game.ui.widgets.sizenotice import SizeNotice

TICK = 0.1


def header_content(session: Session) -> Content:
    scene = session.scene()
    where = " | ".join(p for p in (scene.part, scene.clock, scene.place) if p)
    return Content.assemble((scene.title, "bold"), ("   " + where if where else "", "$text-muted"))


class PlayScreen(GameScreen):
    BINDINGS = bindings("play")  # game/play/keys.py: every key of the game

    DEFAULT_CSS = """
    PlayScreen { layout: vertical; }
    PlayScreen #header { height: auto; padding: 0 1; background: $panel; }
    PlayScreen #main { height: 1fr; }
    PlayScreen #story { width: 1fr; height: 100%; padding: 1 2; }
    PlayScreen #art { color: $accent; margin-bottom: 1; width: auto; }
    PlayScreen #text { width: 100%; max-width: 88; }
    PlayScreen #sidebar { width: 32; height: 100%; padding: 1 1; border-left: tall $panel; display: none; }
    PlayScreen.-wide #sidebar { display: block; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        yield Static(id="header")
        with Horizontal(id="main"):
            with VerticalScroll(id="story"):
                yield Static(id="art")
                yield RevealText(id="text")
            with VerticalScroll(id="sidebar"):
                yield StatsPanel(id="stats")
        yield Countdown(id="countdown")
        yield ChoiceList(id="choices")
        yield Footer()

    def on_mount(self) -> None:
        self._timer: Timer | None = None
        self._deadline = 0.0
        self._paused: float | None = None
        self.set_interval(1.0, self._count_play_time)
        self.show_scene()

    @property
    def session(self) -> Session:
        session = self.host.session
        assert session is not None, "the play screen is shown only while a game is in progress"
        return session

    def show_scene(self) -> None:
        """Render the session's current scene; called on mount, after every choice, rewind and load."""
        with self.app.batch_update():  # one frame for the whole scene, not one per widget
            self._render_scene()
        self._paused = None
        self._start_timer()
        self._refresh_bindings_if_changed()

    # Actions whose availability (the app's check_action) decides what the footer shows.
    FOOTER_ACTIONS = ("save", "quicksave", "load", "quickload", "rewind", "journal", "stats", "quit")

    def _refresh_bindings_if_changed(self) -> None:
        """Redraw the footer's keys only when one of them changed: a footer redraw restyles
        dozens of widgets (measured: 98 restyles a choice with it, 26 without; median 33 -> 20 ms)."""
        key = tuple(self.host.allowed(a) for a in self.FOOTER_ACTIONS)
        if key != getattr(self, "_bindings_key", None):
            self._bindings_key = key
            self.refresh_bindings()

    def _render_scene(self) -> None:
        session = self.session
        scene = session.scene()
        self.query_one("#header", Static).update(header_content(session))
        art = self.query_one("#art", Static)
        art.display = bool(scene.art)
        art.update(Content(scene.art or ""))
        self.query_one(RevealText).show_text("\n\n".join(session.text()), self.game_app.reveal_speed)
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)
        self.query_one(StatsPanel).show(session.story, session.state)
        choices = self.query_one("#choices", ChoiceList)
        views = session.choices()
        choices.show(views, scene.id)
        if not any(v.available for v in views):
            self.notify("No way forward from here: the pack has a dead end.", severity="error")
        choices.focus()

    # -- play time -----------------------------------------------------------------------------
    def _count_play_time(self) -> None:
        """Play time counts while this screen is in front and big enough to play."""
        self.host.tick(counting=self.is_current and not self.has_class("-too-small"))

    # -- timed choices -------------------------------------------------------------------------
    def _start_timer(self, remaining: float | None = None) -> None:
        self._stop_timer()
        countdown = self.query_one(Countdown)
        scene = self.session.scene()
        scale = self.host.timer_scale
        if scene.timer is None or not scale:
            countdown.remove_class("-active")
            return
        total = scene.timer.seconds * scale
        left = total if remaining is None else remaining
        self._deadline = self.host.clock() + left
        countdown.total = total
        countdown.remaining = left
        countdown.add_class("-active")
        self._timer = self.set_interval(TICK, self._tick)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self) -> None:
        if self.has_class("-too-small"):  # the player cannot see the choices: hold the clock
            self._deadline += TICK
            return
        remaining = self._deadline - self.host.clock()
        self.query_one(Countdown).remaining = remaining
        if remaining <= 0:
            self._stop_timer()
            self.host.timeout(self.session.state.scene)

    def on_screen_suspend(self) -> None:
        """An overlay opened (journal, saves, help...): stop the clock until it closes."""
        self.host.tick(counting=not self.has_class("-too-small"))
        if self._timer is not None:
            self._paused = max(0.0, self._deadline - self.host.clock())
            self._stop_timer()

    def on_screen_resume(self) -> None:
        if getattr(self, "_paused", None) is not None:
            remaining, self._paused = self._paused, None
            self._start_timer(remaining)
        self.host.tick(counting=False)  # the time on the overlay was not play
        self.refresh_bindings()

    @property
    def revealing(self) -> bool:
        return self.query_one(RevealText).revealing

    def skip_reveal(self) -> None:
        self.query_one(RevealText).skip()

    # -- choosing ------------------------------------------------------------------------------
    def action_pick(self, number: int) -> None:
        self.query_one(ChoiceList).pick(number)

    @on(ChoiceList.Chosen)
    def _chosen(self, event: ChoiceList.Chosen) -> None:
        event.stop()
        self.host.choose(event.choice_id, event.scene_id)  # dropped when the game has left that scene

    @on(ChoiceList.Refused)
    def _refused(self, event: ChoiceList.Refused) -> None:
        event.stop()
        self.notify(event.reason, severity="warning", markup=False)  # pack text

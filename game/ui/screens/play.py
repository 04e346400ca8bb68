"""The play screen: a header with part, mission clock and place; the scene; the choices."""

from __future__ import annotations

import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Static

from ...engine.session import Session
from ..widgets.choices import ChoiceList
from ..widgets.countdown import Countdown

TICK = 0.1


def header_content(session: Session) -> Content:
    scene = session.scene()
    where = " | ".join(p for p in (scene.part, scene.clock, scene.place) if p)
    return Content.assemble((scene.title, "bold"), ("   " + where if where else "", "$text-muted"))


class PlayScreen(Screen):
    BINDINGS = [Binding(str(n), f"pick({n})", f"Choice {n}", show=False) for n in range(1, 10)]

    DEFAULT_CSS = """
    PlayScreen { layout: vertical; }
    PlayScreen #header { height: auto; padding: 0 1; background: $panel; }
    PlayScreen #story { height: 1fr; padding: 1 2; }
    PlayScreen #art { color: $accent; margin-bottom: 1; width: auto; }
    PlayScreen #text { width: 100%; max-width: 88; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with VerticalScroll(id="story"):
            yield Static(id="art")
            yield Static(id="text")
        yield Countdown(id="countdown")
        yield ChoiceList(id="choices")
        yield Footer()

    def on_mount(self) -> None:
        self._timer: Timer | None = None
        self._deadline = 0.0
        self.show_scene()

    @property
    def session(self) -> Session:
        return self.app.session  # type: ignore[attr-defined]

    def show_scene(self) -> None:
        """Render the session's current scene; called on mount and after every choice."""
        session = self.session
        scene = session.scene()
        self.query_one("#header", Static).update(header_content(session))
        art = self.query_one("#art", Static)
        art.display = bool(scene.art)
        art.update(Content(scene.art or ""))
        self.query_one("#text", Static).update(Content("\n\n".join(session.text())))
        self.query_one("#story", VerticalScroll).scroll_home(animate=False)
        choices = self.query_one("#choices", ChoiceList)
        views = session.choices()
        choices.show(views)
        if not any(v.available for v in views):
            self.notify("No way forward from here: the pack has a dead end.", severity="error")
        choices.focus()
        self._start_timer()

    # -- timed choices -------------------------------------------------------------------------
    def _start_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        countdown = self.query_one(Countdown)
        scene = self.session.scene()
        scale = self.app.timer_scale  # type: ignore[attr-defined]
        if scene.timer is None or not scale:
            countdown.remove_class("-active")
            return
        total = scene.timer.seconds * scale
        self._deadline = time.monotonic() + total
        countdown.total = total
        countdown.remaining = total
        countdown.add_class("-active")
        self._timer = self.set_interval(TICK, self._tick)

    def _tick(self) -> None:
        remaining = self._deadline - time.monotonic()
        self.query_one(Countdown).remaining = remaining
        if remaining <= 0:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            self.app.timeout()  # type: ignore[attr-defined]

    # -- choosing ------------------------------------------------------------------------------
    def action_pick(self, number: int) -> None:
        view = self.query_one(ChoiceList).view_for(number)
        if view is None:
            return
        if not view.available:
            self.notify(view.reason or "Not available now.", severity="warning")
            return
        self.app.choose(view.id)  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, "#choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.app.choose(event.option.id)  # type: ignore[attr-defined]

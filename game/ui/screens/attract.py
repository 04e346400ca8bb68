"""The attract loop: on an untouched kiosk title, fact cards in turn with a recorded game at reading speed.

Any key or click stops it and shows the title again. With reduced motion the cards still change on
their own (that is the point of an attract loop), but the scene text appears at once.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from game.booth.kiosk import AttractReel, Card
from game.play.plans import pause_for
from game.ui.screens.base import GameScreen
from game.ui.widgets.reveal import RevealText
from game.ui.widgets.sizenotice import SizeNotice

BANNER = "PRESS ANY KEY TO PLAY"


class AttractScreen(GameScreen):
    DEFAULT_CSS = """
    AttractScreen { layout: vertical; align: center top; }
    AttractScreen #attract-banner { width: 100%; height: 3; content-align: center middle; text-style: bold;
                                     background: $accent; color: $text; }
    AttractScreen #card { width: 90; max-width: 100%; height: 1fr; padding: 1 2; }
    AttractScreen #card-kind { color: $text-muted; height: auto; margin-bottom: 1; }
    AttractScreen #card-title { text-style: bold; color: $accent; height: auto; margin-bottom: 1; }
    AttractScreen #card-where { color: $text-muted; height: auto; margin-bottom: 1; }
    AttractScreen #card-scroll { height: 1fr; }
    AttractScreen #card-note { text-style: italic; height: auto; margin-top: 1; }
    AttractScreen #attract-title { width: 100%; height: 1; content-align: center middle; color: $text-muted; }
    """

    def __init__(self, reel: AttractReel, speed: float = 1.0) -> None:
        super().__init__()
        self.reel = reel
        self.speed = speed
        self.index = 0
        self.shown: list[Card] = []  # every card shown so far, in order (tests read it)
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        yield Static(Content(BANNER), id="attract-banner")
        with Vertical(id="card"):
            yield Static(id="card-kind")
            yield Static(id="card-title")
            yield Static(id="card-where")
            with VerticalScroll(id="card-scroll", can_focus=False):
                yield RevealText(id="card-body")
                yield Static(id="card-note")
        yield Static(Content(self.host.story.title), id="attract-title")

    def on_mount(self) -> None:  # Sized.on_mount runs as well (Textual calls each class's handler)
        self.call_after_refresh(self.show_card)  # once the cards are surely mounted, however busy

    @property
    def card(self) -> Card:
        return self.reel.card(self.index)

    def show_card(self) -> None:
        # On a busy machine the loop can be stopped (a key, the kiosk's reset) while this screen is
        # still mounting: its cards are gone then, and there is nothing left to show.
        kinds = self.query("#card-kind").results(Static)
        kind_label = next(kinds, None)
        if kind_label is None:
            return
        card = self.card
        self.shown.append(card)
        kind = "Did you know?" if card.kind == "fact" else "A recorded game"
        kind_label.update(Content(kind.upper()))
        title = self.query_one("#card-title", Static)
        title.display = card.kind != "fact"
        title.update(Content(card.title))
        where = self.query_one("#card-where", Static)
        where.display = bool(card.where)
        where.update(Content(card.where))
        self.query_one(RevealText).show_text(card.body, self.game_app.reveal_speed)
        self.query_one("#card-note", Static).update(Content(card.note))
        self.query_one("#card-scroll", VerticalScroll).scroll_home(animate=False)
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(pause_for(card.words(), self.speed), self.next_card)

    def next_card(self) -> None:
        self.index += 1
        self.show_card()

    # -- any key or click stops it ---------------------------------------------------------------
    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.is_current:
            self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self._stop()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        event.stop()
        self._stop()

"""The ending screen: the ending, what really happened on this route, the endings found, what next."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.play.replay import run_code_for
from game.ui.widgets.footer import Footer  # Textual's Footer leaks a widget set per choice
from game.ui.widgets.sizenotice import SizeNotice
from game.ui.screens.base import GameScreen

KIND_LABEL = {"best": "The best ending", "good": "An ending", "bittersweet": "A bittersweet ending",
              "bad": "A hard ending"}


class EndingScreen(GameScreen):
    BINDINGS = [
        Binding("p", "play_again", "Play again"),
        Binding("z", "app.rewind", "Rewind"),
        Binding("ctrl+z", "app.rewind", "Rewind", show=False),
        Binding("j", "app.journal", "Journal"),
        Binding("f", "app.facts", "Facts"),
        Binding("t", "to_title", "Title"),
        Binding("q", "app.quit", "Quit"),
    ]

    DEFAULT_CSS = """
    EndingScreen { align: center middle; }
    EndingScreen #ending-box { width: 110; max-width: 100%; height: 100%; padding: 0 1; }
    EndingScreen #ending-kind { color: $text-muted; text-align: center; width: 100%; margin-top: 1; }
    EndingScreen #ending-title { text-style: bold; color: $accent; text-align: center; width: 100%; margin: 1 0; }
    EndingScreen #ending-cols { height: 1fr; }
    EndingScreen #ending-text { width: 3fr; height: 100%; padding: 0 1; }
    EndingScreen #epilogue { text-style: italic; margin-top: 1; }
    EndingScreen #truth { width: 2fr; height: 100%; padding: 0 1; border-left: tall $panel; }
    EndingScreen #truth-title { text-style: bold; color: $accent; }
    EndingScreen #found { width: 100%; text-align: center; color: $text-muted; height: auto; }
    EndingScreen #run-code { width: 100%; text-align: center; color: $text-muted; height: auto; }
    EndingScreen #ending-menu { width: 30; min-width: 14; height: auto; border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        app = self.app
        playthrough = app.playthrough  # type: ignore[attr-defined]
        session = playthrough.session
        scene = session.scene()
        ending = scene.ending
        facts = playthrough.route_facts()
        story = session.story
        found = app.gallery.found_endings(story)  # type: ignore[attr-defined]
        new = getattr(app, "new_ending", False)
        with Vertical(id="ending-box"):
            yield Static(Content(KIND_LABEL.get(ending.kind, "An ending")), id="ending-kind")
            yield Static(Content(ending.title.upper()), id="ending-title")
            with Horizontal(id="ending-cols"):
                with VerticalScroll(id="ending-text"):
                    yield Static(Content.styled("What your crew did", "bold $accent"))
                    yield Static(Content("\n\n".join(session.text())), id="ending-body")
                    yield Static(Content(ending.epilogue), id="epilogue")
                with VerticalScroll(id="truth"):
                    yield Static(Content("What really happened"), id="truth-title")
                    if facts:
                        body = Content("\n\n").join(
                            Content.assemble(f"\u2022 {f.text}", (f"\n  {f.source_title or f.source}", "$text-muted"))
                            for f in facts)
                    else:
                        body = Content.styled("This story cites no real facts on this route.", "$text-muted")
                    yield Static(body, id="truth-facts")
            line = f"Endings found: {len(found)} of {len(story.endings)}"
            yield Static(Content(("New ending!  " if new else "") + line), id="found")
            code = run_code_for(story, playthrough.state, app.config.from_scene)  # type: ignore[attr-defined]
            if code:  # one line that replays this run: `first-take replay --code CODE`
                yield Static(Content(f"Run code: {code}"), id="run-code")
            options = [Option("Play again", id="again"), Option("Rewind one choice", id="rewind"),
                       Option("Title screen", id="title"), Option("Quit", id="quit")]
            if app.kiosk is not None:  # type: ignore[attr-defined]  # kiosk: the ending is logged; no way out
                options = [o for o in options if o.id not in ("rewind", "quit")]
            with Center():
                yield OptionList(*options, id="ending-menu")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ending-menu", OptionList).focus()

    @on(OptionList.OptionSelected, "#ending-menu")
    def _menu(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        app = self.app
        {"again": self.action_play_again, "rewind": app.action_rewind,  # type: ignore[attr-defined]
         "title": self.action_to_title, "quit": app.action_quit}[event.option.id or "quit"]()

    def action_play_again(self) -> None:
        self.app.new_game()  # type: ignore[attr-defined]

    def action_to_title(self) -> None:
        self.app.show_title()  # type: ignore[attr-defined]

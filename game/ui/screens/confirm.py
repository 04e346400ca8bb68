"""A question with a few answers; Escape means the last (safe) one."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.screens.base import GameModal
from game.ui.widgets.sizenotice import SizeNotice


class ConfirmScreen(GameModal[str | None]):
    DEFAULT_CSS = """
    ConfirmScreen > .dialog { height: auto; max-height: 100%; width: 64; max-width: 100%; padding: 1 2; }
    ConfirmScreen #question { height: auto; margin-bottom: 1; }
    ConfirmScreen #answers { width: auto; min-width: 20; height: auto; border: round $accent; }
    """

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), id="question")
            with Center():
                yield OptionList(*[Option(label, id=key) for key, label in self.answers], id="answers")

    def on_mount(self) -> None:
        answers = self.query_one("#answers", OptionList)
        answers.highlighted = 0
        answers.focus()

    @on(OptionList.OptionSelected, "#answers")
    def _answer(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

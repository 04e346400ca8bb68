"""The numbered list of choices: keys 1-9, arrows and Enter, or the mouse."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.session import ChoiceView


class ChoiceList(OptionList):
    """One option per visible choice; unavailable ones are disabled and show the pack's reason."""

    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 50%; min-width: 12; border: none; padding: 0 1; background: $surface; }
    ChoiceList:focus { border: none; }
    """

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.views: list[ChoiceView] = []

    def show(self, views: list[ChoiceView]) -> None:
        self.views = views
        self.clear_options()
        options = []
        for view in views:
            if view.available:
                prompt = Content.assemble((f"{view.number}. ", "bold $accent"), view.text)
            else:
                reason = f"  ({view.reason})" if view.reason else ""
                prompt = Content.assemble((f"{view.number}. ", "dim"), (view.text + reason, "dim italic"))
            options.append(Option(prompt, id=view.id, disabled=not view.available))
        self.add_options(options)
        first = next((i for i, v in enumerate(views) if v.available), None)
        self.highlighted = first

    def view_for(self, number: int) -> ChoiceView | None:
        return next((v for v in self.views if v.number == number), None)

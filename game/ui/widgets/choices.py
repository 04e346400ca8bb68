"""The numbered list of choices: keys 1-9, arrows and Enter, or the mouse."""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.session import ChoiceView


class ChoiceList(OptionList):
    """One option per visible choice; unavailable ones are disabled and show the pack's reason.

    Picking one (Enter, a click, or a number key through :meth:`pick`) posts :class:`Chosen` with the
    scene it was offered in, so whoever handles it can drop a pick the game has moved past."""

    class Chosen(Message):
        def __init__(self, choice_id: str, scene_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id
            self.scene_id = scene_id

    class Refused(Message):
        """A locked choice was picked: ``reason`` is the pack's text (never markup)."""

        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 50%; min-width: 12; border: none; padding: 0 1; background: $surface; }
    ChoiceList:focus { border: none; }
    """

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.views: list[ChoiceView] = []
        self.scene_id = ""

    def show(self, views: list[ChoiceView], scene_id: str = "") -> None:
        self.views = views
        self.scene_id = scene_id
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

    def pick(self, number: int) -> None:
        """A number key: the choice with that number, if the list shows one."""
        view = self.view_for(number)
        if view is None:
            return
        if view.available:
            self.post_message(self.Chosen(view.id, self.scene_id))
        else:
            self.post_message(self.Refused(view.reason or "Not available now."))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id, self.scene_id))

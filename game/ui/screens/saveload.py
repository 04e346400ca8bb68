"""Save and load: nine named slots (plus autosave and quicksave to load from), damaged files shown as such."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.model import Story
from game.play.host import GameHost
from game.storage.slots import SlotInfo
from game.ui.screens.base import GameModal
from game.ui.widgets.sizenotice import SizeNotice


def slot_prompt(info: SlotInfo, story) -> Content:  # noqa: ANN001 - a Story
    first, second = info.describe_lines(story)
    head = (f"{info.title:<10} ", "bold")
    if not info.exists:
        return Content.assemble(head, (first, "$text-muted"))
    if info.damaged:
        return Content.assemble(head, (first, "bold $error"), "\n", (f"  {second}", "$error"))
    return Content.assemble(head, first, "\n", (f"  {second}", "$text-muted"))


class SaveLoadScreen(GameModal[str | None]):
    """`mode` is "save" (slots 1-9) or "load" (autosave, quicksave and slots 1-9)."""

    DEFAULT_CSS = """
    SaveLoadScreen #slots { height: 1fr; border: none; }
    """

    def __init__(self, mode: str, infos: list[SlotInfo], story: Story, where: str) -> None:
        super().__init__()
        self.mode = mode
        self.infos = infos
        self.story = story
        self.where = where

    @classmethod
    def for_host(cls, host: GameHost, mode: str) -> SaveLoadScreen:
        """The slots as they are now: read when the menu opens (an event), never while composing."""
        where = ("saves last until the game goes back to the title" if host.config.kiosk
                 else f"saves are in {host.slots.folder}")
        return cls(mode, host.slots.list(include_auto=mode == "load"), host.story, where)

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        story = self.story
        with Vertical(classes="dialog"):
            yield Static(Content("Save the game" if self.mode == "save" else "Load a game"), classes="dialog-title")
            yield OptionList(*[Option(slot_prompt(i, story), id=i.slot) for i in self.infos], id="slots")
            verb = "save in the slot" if self.mode == "save" else "load it"
            yield Static(Content(f"Enter: {verb}   Escape: back   Damaged files are kept; {self.where}"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        slots = self.query_one("#slots", OptionList)
        if self.mode == "load":  # start on the newest save that can be loaded
            usable = [i for i in self.infos if i.usable]
            newest = max(usable, key=lambda i: i.mtime, default=None)
            slots.highlighted = self.infos.index(newest) if newest else 0
        else:
            slots.highlighted = 0
        slots.focus()

    @on(OptionList.OptionSelected, "#slots")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        info = next(i for i in self.infos if i.slot == event.option.id)
        if self.mode == "load":
            if not info.exists:
                self.notify(f"{info.title} is empty.", severity="warning")
                return
            if not info.usable:
                self.notify(f"{info.title} cannot be loaded: {info.error}. The file is kept as it is.",
                            title="Damaged save", severity="error", markup=False)  # may quote the save file
                return
        self.dismiss(info.slot)


class SaveNameScreen(GameModal[str | None]):
    """Name the save (optional) and confirm replacing what the slot holds."""

    BINDINGS = [Binding("escape", "close", "Cancel")]

    DEFAULT_CSS = """
    SaveNameScreen > .dialog { height: auto; max-height: 100%; width: 70; max-width: 100%; }
    SaveNameScreen #warning { color: $warning; height: auto; margin-bottom: 1; }
    """

    def __init__(self, info: SlotInfo, default_label: str) -> None:
        super().__init__()
        self.info = info
        self.default_label = default_label

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        info = self.info
        story = self.host.story
        with Vertical(classes="dialog"):
            yield Static(Content(f"Save in {info.title}"), classes="dialog-title")
            if info.damaged:
                warning = (f"{info.title} holds a file that cannot be loaded ({info.error}). Saving here keeps "
                           f"that file beside the new save as {info.path.name}.damaged.")
            elif info.exists:
                warning = "This replaces: " + " | ".join(info.describe_lines(story))
            else:
                warning = ""
            yield Static(Content(warning), id="warning")
            yield Static(Content("Name (optional), then Enter to save; Escape cancels:"), classes="dialog-hint")
            name = Input(value=self.default_label, max_length=60, id="label")
            name.cursor_blink = False
            yield name

    def on_mount(self) -> None:
        self.query_one("#warning", Static).display = bool(self.info.exists)
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

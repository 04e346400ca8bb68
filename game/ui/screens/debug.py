"""The debug panel (`play --debug`, F12): every variable and item, and a jump to any scene."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.play.host import GameHost
from game.ui.screens.base import GameModal
from game.ui.widgets.sizenotice import SizeNotice


def state_lines(host: GameHost) -> str:
    """Variables (declared order), items and counters of the game in progress, as plain lines."""
    p = host.playthrough
    if p is None:
        return "No game in progress."
    state = p.state
    lines = [f"scene   {state.scene}", f"turn    {state.turn}", f"seed    {state.seed}", ""]
    width = max((len(n) for n in host.story.variables), default=4)
    for name in host.story.variables:
        lines.append(f"{name.ljust(width)}  {state.vars.get(name)!r}")
    lines += ["", "items   " + (", ".join(state.items) or "(none)")]
    return "\n".join(lines)


class DebugScreen(GameModal[str | None]):
    """Dismisses with the id of the scene to jump to, or None."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("f12", "close", "Close", show=False)]

    DEFAULT_CSS = """
    DebugScreen { align: right top; }
    DebugScreen > .dialog { width: 48; max-width: 100%; height: 100%; max-height: 100%; }
    DebugScreen #debug-state { height: auto; max-height: 50%; }
    DebugScreen #debug-scenes { height: 1fr; min-width: 12; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        with Vertical(classes="dialog"):
            yield Static(Content("Debug"), classes="dialog-title")
            with VerticalScroll(id="debug-state"):
                yield Static(Content(state_lines(self.host)), id="debug-vars")
            yield Input(placeholder="jump to scene id...", id="debug-jump")
            yield OptionList(*[Option(Content(f"{sid}  {s.title}"), id=sid) for sid, s in self.host.story.scenes.items()],
                             id="debug-scenes")
            yield Static(Content("Enter: jump   Escape or F12: close"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#debug-jump", Input).focus()

    @on(Input.Changed, "#debug-jump")
    def _filter(self, event: Input.Changed) -> None:
        needle = event.value.strip().lower()
        scenes = self.query_one("#debug-scenes", OptionList)
        scenes.clear_options()
        scenes.add_options([Option(Content(f"{sid}  {s.title}"), id=sid) for sid, s in self.host.story.scenes.items()
                            if needle in sid.lower() or needle in s.title.lower()])

    @on(Input.Submitted, "#debug-jump")
    def _submit(self, event: Input.Submitted) -> None:
        wanted = event.value.strip()
        if wanted in self.host.story.scenes:
            self.dismiss(wanted)
            return
        scenes = self.query_one("#debug-scenes", OptionList)
        if scenes.option_count == 1:
            self.dismiss(scenes.get_option_at_index(0).id)
        else:
            self.notify(f"No scene '{wanted}'" if wanted else "Type a scene id", severity="warning")

    @on(OptionList.OptionSelected, "#debug-scenes")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

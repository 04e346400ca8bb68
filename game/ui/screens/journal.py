"""The journal: everything read and chosen this game, scrollable, exportable as Markdown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine.journal import JournalEntry
from game.storage.transcript import export_transcript
from game.ui.screens.base import GameModal
from game.ui.widgets.sizenotice import SizeNotice


def journal_content(entries: list[JournalEntry]) -> Content:
    blocks: list[Content] = []
    for entry in entries:
        lines = [Content.styled(entry.title, "bold $accent")]
        where = " | ".join(p for p in (entry.part, entry.clock, entry.place) if p)
        if where:
            lines.append(Content.styled(where, "$text-muted"))
        body = "\n\n".join(p.strip() for p in entry.paragraphs) if entry.paragraphs else "(text not available)"
        lines.append(Content("\n" + body))
        if entry.choice is not None:
            lines.append(Content.assemble("\n", ("You chose: ", "bold"), (entry.choice, "italic")))
        elif entry.ending:
            lines.append(Content.assemble("\n", (f"ENDING: {entry.ending}", "bold")))
        else:
            lines.append(Content.styled("\n(you are here)", "$text-muted"))
        blocks.append(Content("\n").join(lines))
    return Content("\n\n" + "\u2500" * 20 + "\n\n").join(blocks)


class JournalScreen(GameModal[None]):
    BINDINGS = [Binding("e", "export", "Export as Markdown"), Binding("escape", "close", "Close"),
                Binding("j", "close", "Close", show=False)]

    DEFAULT_CSS = """
    JournalScreen #journal { height: 1fr; }
    JournalScreen #exported { color: $success; height: auto; }
    """

    def __init__(self, entries: list[JournalEntry]) -> None:
        """``entries``: the journal, rebuilt by whoever opens the screen (it replays the game's log)."""
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        entries = self.entries
        steps = sum(1 for e in entries if e.choice is not None)
        with Vertical(classes="dialog"):
            yield Static(Content(f"Journal: {len(entries)} scenes, {steps} choices"), classes="dialog-title")
            with VerticalScroll(id="journal"):
                yield Static(journal_content(entries), id="journal-text")
            yield Static(Content(""), id="exported")
            export = "" if self.host.config.kiosk else "e: export as Markdown   "
            yield Static(Content(f"{export}arrows/PgUp/PgDn: scroll   Escape: back"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        scroll = self.query_one("#journal", VerticalScroll)
        scroll.focus()
        self.call_after_refresh(scroll.scroll_end, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export" and self.host.config.kiosk:
            return False  # kiosk: nothing is written where the next player could read it
        return True

    def action_export(self) -> None:
        if self.check_action("export", ()) is not True:
            return
        try:
            path = export_transcript(self.host.config.data_dir, self.host.story, self.entries)
        except OSError as err:
            self.notify(f"Could not write the transcript: {err.strerror or err}", severity="error")
            return
        self.query_one("#exported", Static).update(Content(f"Transcript written to {path}"))
        self.notify(str(path), title="Transcript written")

"""Every key of the game, in one place: the bindings, the help screen, the palette and plain mode's help.

Pure Python on purpose (plain mode reads it, and only game.ui imports textual): game/ui/keys.py turns
:data:`KEYS` into Textual bindings, the help screen's lines and the command palette's entries, and
:func:`plain_help` below writes plain mode's `help` from it. tests/unit/test_keys.py checks that every
screen's bindings come from here and that README.md's Keys table lists every key the help screen does.

The order of KEYS is the order of every list made from it: each screen's footer, the help screen and
the palette. Plain mode's help has its own layout (two columns of typed commands), given by
:class:`Command`'s line and side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Where a key is bound. "app" is the app itself (every screen); "modal" is every dialog (GameModal).
Screen = Literal["app", "play", "title", "ending", "help", "journal", "facts", "stats", "debug", "modal"]


@dataclass(frozen=True)
class Command:
    """What plain mode calls an action: the words typed, what they do, and where `help` lists them."""

    words: str
    text: str
    line: int  # plain help's lines are sorted by this; two commands may share a line
    side: Literal["left", "right", "aside"] = "left"  # aside: "(words: text)" after the left one's text


@dataclass(frozen=True)
class Key:
    """One action of the game and the keys that run it.

    `action`, `label`, `show`, `key_display` and `priority` are the Textual binding's (the first key
    may show in the footer; any others never do); `{key}` in the action or label is the key pressed.
    An empty action means no binding: a widget or the app's event handler takes these keys.
    """

    action: str
    keys: tuple[str, ...]
    label: str = ""  # the footer's word for it
    screens: tuple[Screen, ...] = ()  # where it is bound
    show: bool | tuple[Screen, ...] = True  # in the footer: everywhere, nowhere, or only on these screens
    key_display: str = ""
    priority: bool = False
    # The help screen: one line per key, unless `join` puts it on the line of the key before it.
    help: str = ""  # empty: not on the help screen
    help_keys: str = ""  # how the help screen writes the keys; by default from `keys`
    join: Literal["", "pair", "aside"] = ""  # pair: "s / l  save / load"; aside: "j  journal (e: export)"
    kiosk: bool = True  # on the help screen at a kiosk (no load, no export, no palette, no quit there)
    kiosk_help: str = ""  # the kiosk's wording, when it differs
    hidden: bool = False  # in no help and not in README.md (F12 works only with --debug)
    # The command palette (ctrl+p), in this order; `command` names the app's action_* and the host's
    # allowed() name for it (by default the binding's action without "app.").
    palette: str = ""
    palette_help: str = ""
    command: str = ""
    plain: Command | None = None  # plain mode's typed command for the same thing

    def shown_on(self, screen: Screen) -> bool:
        return self.show if isinstance(self.show, bool) else screen in self.show

    @property
    def keys_text(self) -> str:
        """The keys as the help screen and README.md write them: "z, ctrl+z", "F5", "Escape"."""
        return self.help_keys or ", ".join(key_name(key) for key in self.keys)

    @property
    def palette_command(self) -> str:
        return self.command or self.action.removeprefix("app.")


NAMES = {"question_mark": "?", "escape": "Escape", "enter": "Enter", "space": "space", "up": "up", "down": "down"}


def key_name(key: str) -> str:
    """A Textual key name as a player reads it: question_mark is "?", f5 is "F5"."""
    if key in NAMES:
        return NAMES[key]
    if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    return key


KEYS: tuple[Key, ...] = (
    Key("pick({key})", tuple(str(n) for n in range(1, 10)), "Choice {key}", screens=("play",), show=False,
        help_keys="1-9", help="take that choice", plain=Command("1-9", "take that choice", 1)),
    Key("", ("up", "down", "enter"), help_keys="arrows, Enter", help="move through the choices, take one (or click)"),
    Key("", (), help_keys="any key, click", help="show the whole scene while its text appears"),
    # The title screen's and the ending screen's own keys come first: they lead those footers.
    Key("new_game", ("n",), "New game", screens=("title",), palette="New game",
        palette_help="Start the story from the beginning", plain=Command("again", "start a new game", 7, "right")),
    Key("continue_game", ("c",), "Continue", screens=("title",), command="continue", palette="Continue",
        palette_help="Resume the newest save", plain=Command("continue", "load the newest save", 3, "right")),
    Key("play_again", ("p",), "Play again", screens=("ending",)),
    Key("app.save", ("s",), "Save", screens=("play",), help="save to a slot",
        kiosk_help="save to a slot (kept until the game goes back to the title)",
        palette="Save", palette_help="Save the game to a slot", plain=Command("save N", "save in slot N (1-9)", 2)),
    Key("app.load", ("l",), "Load", screens=("play", "title"), help="load a save", join="pair", kiosk=False,
        palette="Load", palette_help="Load a saved game",
        plain=Command("load N", "load slot N (1-9, auto or quick)", 2, "right")),
    Key("app.quicksave", ("f5",), "Quicksave", screens=("play",), show=False, help="quicksave",
        palette="Quicksave", palette_help="Save to the quicksave slot (F5)"),
    Key("app.quickload", ("f9",), "Quickload", screens=("play",), show=False, help="quickload", join="pair",
        kiosk=False, palette="Quickload", palette_help="Load the quicksave (F9)"),
    Key("app.rewind", ("z", "ctrl+z"), "Rewind", screens=("play", "ending"), help="rewind one choice, back to the start",
        palette="Rewind", palette_help="Go back one choice (z)", plain=Command("undo", "go back one choice", 3)),
    Key("app.journal", ("j",), "Journal", screens=("play", "ending"), help="journal",
        kiosk_help="journal: everything read and chosen", palette="Journal",
        palette_help="Everything read and chosen this game (j)",
        plain=Command("journal", "what you have read and chosen so far", 4)),
    Key("export", ("e",), "Export as Markdown", screens=("journal",), help="export it as Markdown", join="aside",
        kiosk=False, plain=Command("export", "write it as Markdown", 4, "aside")),
    Key("app.facts", ("f",), "Facts", screens=("play", "ending"), help="fact file: the real events behind the story",
        palette="Fact file", palette_help="The real events behind the story (f)",
        plain=Command("facts", "the real facts behind the scenes you have passed", 5)),
    # An overlay: the only view of the stats below 100 columns (the sidebar shows them when wide).
    Key("app.stats", ("t",), "Stats", screens=("play",), help="stats and items (also in the sidebar when wide)",
        palette="Stats", palette_help="The crew's numbers and items (t)",
        plain=Command("stats", "the crew's numbers and what you carry", 6)),
    Key("app.settings", ("o",), "Settings", screens=("play", "title"), show=("title",),
        help="settings: text speed, theme, timers, motion", palette="Settings",
        palette_help="Text speed, theme, timed choices, reduced motion (o)"),
    Key("help", ("question_mark", "f1"), "Help", screens=("app",), key_display="?", help_keys="? or F1",
        help="this help", palette="Help", palette_help="Every key (? or F1)",
        plain=Command("help", "this list", 8)),
    Key("close", ("escape",), "Close", screens=("modal", "help", "journal", "facts", "stats", "debug"),
        help="close a screen"),
    # The key that opens a dialog closes it too.
    Key("close", ("question_mark",), "Close", screens=("help",), show=False),
    Key("close", ("j",), "Close", screens=("journal",), show=False),
    Key("close", ("f",), "Close", screens=("facts",), show=False),
    Key("close", ("t",), "Close", screens=("stats",), show=False),
    Key("close", ("f12",), "Close", screens=("debug",), show=False, hidden=True),
    Key("command_palette", ("ctrl+p",), help="command palette: every screen by name", kiosk=False),  # Textual's own
    Key("quit", ("ctrl+q",), "Quit", screens=("app",), show=False, priority=True,
        help="quit (asks first if there is unsaved play)", kiosk=False,
        plain=Command("quit", "autosave and leave", 8, "right")),
    Key("to_title", ("t",), "Title", screens=("ending",), command="title", palette="Title screen",
        palette_help="Back to the title screen"),
    Key("app.quit", ("q",), "Quit", screens=("title", "ending")),
    Key("debug", ("f12",), "Debug", screens=("app",), show=False, hidden=True),  # only with --debug
)

# Plain mode's commands that no key has (it shows a scene once; the screen always shows it).
PLAIN_ONLY: tuple[Command, ...] = (
    Command("look", "show the scene again", 7),
)


def keys_on(screen: Screen, keys: tuple[Key, ...] | None = None) -> list[Key]:
    """The keys bound on one screen, in the order of KEYS (the footer's order)."""
    return [k for k in (KEYS if keys is None else keys) if screen in k.screens and k.action]


def plain_help(keys: tuple[Key, ...] | None = None, only: tuple[Command, ...] | None = None) -> str:
    """Plain mode's `help`: every typed command, two to a line where they fit."""
    commands = [k.plain for k in (KEYS if keys is None else keys) if k.plain is not None]
    commands += PLAIN_ONLY if only is None else only
    order = {"left": 0, "right": 1, "aside": 2}
    lines = ["Commands:"]
    for number in sorted({c.line for c in commands}):
        on_line = sorted((c for c in commands if c.line == number), key=lambda c: order[c.side])
        columns = [c for c in on_line if c.side != "aside"] or on_line[:1]
        left, right = columns[0], columns[1] if len(columns) > 1 else None
        text = left.text + "".join(f" ({c.words}: {c.text})" for c in on_line if c.side == "aside" and c is not left)
        if right is None:
            lines.append(f"  {left.words:<14}{text}")
        else:
            lines.append(f"  {left.words:<14}{text:<{max(28, len(text) + 2)}}{right.words:<10}{right.text}")
        lines += [f"  {c.words:<14}{c.text}" for c in columns[2:]]  # a third on one line: one of its own
    return "\n".join(lines)

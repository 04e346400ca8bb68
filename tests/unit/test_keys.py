"""One source for every key: game/play/keys.py's KEYS makes the bindings, the help, the palette, plain help.

README.md's Keys table is written by hand; these tests check it lists every key the game documents.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from textual.binding import Binding

from game.play import keys as game_keys
from game.play.keys import KEYS, PLAIN_ONLY, Command, Key, key_name, plain_help
from game.ui.app import FirstTakeApp
from game.ui.keys import bindings as made_bindings
from game.ui.keys import help_lines, palette_entries
from game.ui.screens.base import GameModal
from game.ui.screens.debug import DebugScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.facts import FactsScreen
from game.ui.screens.help import HelpScreen, help_content
from game.ui.screens.journal import JournalScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.saveload import SaveNameScreen
from game.ui.screens.stats import StatsScreen
from game.ui.screens.title import TitleScreen

README = Path(__file__).resolve().parents[2] / "README.md"

# Every class that declares BINDINGS, and the name KEYS calls it by.
BOUND: dict[type, str] = {FirstTakeApp: "app", PlayScreen: "play", TitleScreen: "title", EndingScreen: "ending",
         HelpScreen: "help", JournalScreen: "journal", FactsScreen: "facts", StatsScreen: "stats",
         DebugScreen: "debug", GameModal: "modal", SaveNameScreen: "modal"}
# Those whose BINDINGS are made from KEYS (the others are other modules' and only checked against it).
GENERATED: list[type] = [EndingScreen, FirstTakeApp, HelpScreen, PlayScreen, TitleScreen]
SCREENS = sorted({name for name in BOUND.values()})


def bindings(screen: str) -> list[Binding]:
    made = made_bindings(screen)  # type: ignore[arg-type]
    assert all(isinstance(b, Binding) for b in made)
    return [b for b in made if isinstance(b, Binding)]


def readme_rows() -> list[tuple[str, str]]:
    """The (keys, what they do) rows of README.md's table between "## Keys" and the next "## "."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Keys\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2 and cells[0] not in ("key", "---"):
            rows.append((cells[0], cells[1]))
    assert rows, "README.md has no Keys table"
    return rows


def readme_keys() -> set[str]:
    """Every key README's table names: its key column ("`1`-`9`" is 1 to 9), and `x` in its text."""
    names: set[str] = set()
    for keys, text in readme_rows():
        for token in keys.split(","):
            token = token.strip().removeprefix("a ").replace("`", "")
            names.add(token)
            if m := re.fullmatch(r"(\d)-(\d)", token):
                names |= {str(n) for n in range(int(m[1]), int(m[2]) + 1)}
        names |= set(re.findall(r"`([^`]+)`", text))
    return names


def help_keys(keys_text: str) -> list[str]:
    """The keys of one help line: "s / l" is s and l, "? or F1" is ? and F1, "z, ctrl+z" z and ctrl+z."""
    return [k.strip() for k in re.split(r" / |, | or ", keys_text)]


# -- README ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("kiosk", [False, True])
def test_readme_lists_every_key_the_help_screen_lists(kiosk: bool) -> None:
    documented = readme_keys()
    missing = [k for keys, _ in help_lines(kiosk) for k in help_keys(keys) if k not in documented]
    assert missing == [], f"README.md's Keys table lacks {missing}"


def test_readme_lists_every_bound_key() -> None:
    documented = readme_keys()
    missing = sorted({key_name(key) for k in KEYS if not k.hidden for key in k.keys if k.screens and k.action}
                     - documented)
    assert missing == [], f"README.md's Keys table lacks {missing}"


# -- bindings --------------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", list(BOUND), ids=lambda c: c.__name__)
def test_every_binding_of_every_screen_is_in_keys(cls: type) -> None:
    screen = BOUND[cls]
    known = {(key, k.action.format(key=key)) for k in KEYS if screen in k.screens for key in k.keys}
    own = cls.__dict__.get("BINDINGS", [])
    assert own, f"{cls.__name__} declares no BINDINGS"
    for binding in own:
        pair = (binding.key, binding.action)
        assert pair in known, f"{cls.__name__} binds {pair}, which KEYS does not list for {screen!r}"


@pytest.mark.parametrize("cls", GENERATED, ids=lambda c: c.__name__)
def test_generated_screens_bind_exactly_what_keys_says(cls: type) -> None:
    assert [repr(b) for b in cls.__dict__["BINDINGS"]] == [repr(b) for b in bindings(BOUND[cls])]


def test_footers_are_as_before() -> None:
    """The shown keys and their order: the SVG snapshots hold the rest."""
    shown = {name: [(b.key, b.description) for b in bindings(name) if b.show] for name in ("play", "title", "ending", "app")}
    assert shown == {
        "play": [("s", "Save"), ("l", "Load"), ("z", "Rewind"), ("j", "Journal"), ("f", "Facts"), ("t", "Stats")],
        "title": [("n", "New game"), ("c", "Continue"), ("l", "Load"), ("o", "Settings"), ("q", "Quit")],
        "ending": [("p", "Play again"), ("z", "Rewind"), ("j", "Journal"), ("f", "Facts"), ("t", "Title"),
                   ("q", "Quit")],
        "app": [("question_mark", "Help")],
    }
    assert [b.key for b in bindings("play")][:9] == [str(n) for n in range(1, 10)]
    assert bindings("play")[0].action == "pick(1)" and bindings("play")[8].description == "Choice 9"
    quit_ = next(b for b in bindings("app") if b.key == "ctrl+q")
    assert quit_.priority and not quit_.show


@pytest.mark.parametrize("screen", SCREENS)
def test_no_key_is_bound_twice_on_one_screen(screen: str) -> None:
    counts = Counter(key for k in KEYS if screen in k.screens and k.action for key in k.keys)
    assert [key for key, n in counts.items() if n > 1] == []


def test_every_key_is_bound_somewhere_or_says_who_takes_it() -> None:
    for k in KEYS:
        assert bool(k.action) == bool(k.screens) or k.action == "command_palette", k  # ctrl+p is Textual's own
        assert set(k.screens) <= set(SCREENS), k


# -- the help screen, the palette and plain mode's help ---------------------------------------------
def test_help_lines_as_the_help_screen_has_always_shown_them() -> None:
    assert help_lines()[:5] == [("1-9", "take that choice"),
                                ("arrows, Enter", "move through the choices, take one (or click)"),
                                ("any key, click", "show the whole scene while its text appears"),
                                ("s / l", "save to a slot / load a save"), ("F5 / F9", "quicksave / quickload")]
    assert ("j", "journal (e: export it as Markdown)") in help_lines()
    assert [k for k, _ in help_lines()][-4:] == ["? or F1", "Escape", "ctrl+p", "ctrl+q"]


def test_kiosk_help_has_no_load_export_palette_or_quit() -> None:
    kiosk = dict(help_lines(kiosk=True))
    assert kiosk["s"] == "save to a slot (kept until the game goes back to the title)"
    assert kiosk["F5"] == "quicksave" and kiosk["j"] == "journal: everything read and chosen"
    assert not {"s / l", "F5 / F9", "ctrl+p", "ctrl+q"} & set(kiosk)
    assert "load a save" not in str(help_content(kiosk=True)) and "ctrl+q" not in str(help_content(kiosk=True))


def test_every_documented_key_is_on_the_help_screen_and_in_plain_help() -> None:
    text = str(help_content())
    for k in KEYS:
        if k.help and not k.hidden:
            assert k.keys_text in text and k.help in text, k
        if k.plain is not None:
            assert k.plain.words in plain_help() and k.plain.text in plain_help(), k
    for command in PLAIN_ONLY:
        assert command.words in plain_help()


def test_a_new_key_shows_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    new = Key("app.wave", ("w",), "Wave", screens=("play",), help="wave at the crew", palette="Wave",
              palette_help="Wave at the crew (w)", plain=Command("wave", "wave at the crew", 5, "right"))
    monkeypatch.setattr(game_keys, "KEYS", (*KEYS, new))
    assert ("w", "wave at the crew") in help_lines() and ("w", "wave at the crew") in help_lines(kiosk=True)
    assert "wave at the crew" in str(help_content())
    assert ("Wave", "Wave at the crew (w)", "wave") in palette_entries()
    assert any(b.key == "w" and b.action == "app.wave" for b in bindings("play"))
    assert "  facts         the real facts behind the scenes you have passed  wave      wave at the crew" in plain_help()


def test_plain_help_reads_as_it_always_has() -> None:
    from game.plain.game import HELP

    assert HELP == plain_help()
    assert HELP == """Commands:
  1-9           take that choice
  save N        save in slot N (1-9)        load N    load slot N (1-9, auto or quick)
  undo          go back one choice          continue  load the newest save
  journal       what you have read and chosen so far (export: write it as Markdown)
  facts         the real facts behind the scenes you have passed
  stats         the crew's numbers and what you carry
  look          show the scene again        again     start a new game
  help          this list                   quit      autosave and leave"""


def test_the_palette_keeps_its_titles_and_order_and_every_action_exists() -> None:
    entries = palette_entries()
    assert [title for title, _, _ in entries] == [
        "New game", "Continue", "Save", "Load", "Quicksave", "Quickload", "Rewind", "Journal", "Fact file",
        "Stats", "Settings", "Help", "Title screen"]
    for _, _, action in entries:
        assert callable(getattr(FirstTakeApp, f"action_{action}", None)), action


def test_keys_is_pure_python() -> None:
    import subprocess
    import sys

    code = "import sys, game.play.keys; print(any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

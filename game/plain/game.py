"""Plain mode (`first-take play --plain`): the game as lines of text, for screen readers and scripts.

It only ever appends: no cursor movement, no colours, no redraws. Choices are typed as numbers;
`save N`, `load N`, `undo`, `journal`, `facts`, `help` and `quit` are typed commands. It works with
a pipe as well as a terminal, and at the end of input it autosaves and exits 0. It is a front end of
the same game host as the Textual UI (saves, settings, endings gallery, every rule), and never
imports textual.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from game.booth.kiosk import DEMO_END_LINES, DEMO_END_TITLE
from game.engine.model import Story
from game.play.config import GameConfig
from game.play.host import Answer, GameHost, Notice
from game.play.keys import plain_help
from game.play.playthrough import Playthrough
from game.play.views import sentence, value_text
from game.storage.slots import AUTO, QUICK, SLOTS
from game.storage.transcript import export_transcript

HELP = plain_help()  # every typed command, from game/play/keys.py (the keys' list)


class LineReader:
    """Reads stdin on a thread so a timed choice can stop waiting; None means end of input."""

    def __init__(self, stream: TextIO) -> None:
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream: TextIO) -> None:
        try:
            for line in stream:
                self._lines.put(line.rstrip("\r\n"))
        except (OSError, ValueError, UnicodeDecodeError):
            pass
        self._lines.put(None)

    def get(self, timeout: float | None = None) -> str | None:
        """The next line; raises queue.Empty when `timeout` passes first."""
        return self._lines.get(timeout=timeout)


# How plain mode words some of the host's notices (its commands are typed words: `undo`, not "rewind").
WORDING = {
    "at_start": "You are at the start: there is nothing to undo.",
    "load_failed": "Could not load: {detail}.",
    "save_failed": "Could not save: {detail}.",
    "autosave_failed": "Note: could not autosave ({detail}).",
    "short_history": "Note: `undo` can go back only to this point.",
    "no_save": "There is no save to continue.",
}
YES = {"y", "yes"}


def is_number(word: str) -> bool:
    """A choice number as typed: ASCII digits, a few of them. `str.isdigit` also takes "²" and other
    digits `int` refuses, and a 4,300-digit number is past what `int` converts."""
    return 0 < len(word) <= 4 and word.isascii() and word.isdigit()


class PlainGame:
    """Plain mode's front end: lines in, lines out, every rule in the host."""

    def __init__(self, story: Story, config: GameConfig, stdin: TextIO, stdout: TextIO,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.out = stdout
        self.reader = LineReader(stdin)
        self.echo = not (hasattr(stdin, "isatty") and stdin.isatty())
        self._quiet = True  # the game is set up before `run` prints its first line
        self.host = GameHost(story, config, self, clock)
        self.host.new_game()
        self._quiet = False

    @property
    def story(self) -> Story:
        return self.host.story

    @property
    def config(self) -> GameConfig:
        return self.host.config

    @property
    def game(self) -> Playthrough:
        assert self.host.playthrough is not None  # plain mode always has a game in progress
        return self.host.playthrough

    # -- the host's events ---------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show_title(self) -> None:  # plain mode starts in a game and has no title screen
        pass

    def show_scene(self) -> None:
        if self._quiet:
            return
        game = self.game
        scene = self._print_scene()
        self.say()
        for view in game.session.choices():
            if view.available:
                self.say(f"  {view.number}. {view.text}")
            else:
                reason = f" ({view.reason})" if view.reason else ""
                self.say(f"  {view.number}. [locked] {view.text}{reason}")
        if scene.timer is not None and self.host.timer_scale > 0:
            default = next((v for v in game.session.available() if v.id == scene.timer.default), None)
            what = f"; then: {default.number}. {default.text}" if default else ""
            self.say(f"  (timed: {scene.timer.seconds * self.host.timer_scale:.0f} seconds{what})")

    def _print_scene(self):  # noqa: ANN202 - the Scene shown
        game = self.game
        scene = game.scene()
        self.say()
        self.say(f"== {scene.title} ==")
        where = " | ".join(p for p in (scene.part, scene.clock, scene.place) if p)
        if where:
            self.say(where)
        if scene.art:
            self.say()
            self.say(scene.art.rstrip("\n"))
        for para in game.session.text():
            self.say()
            self.say(para.strip())
        return scene

    def show_ending(self) -> None:
        if self._quiet:
            return
        self._print_scene()
        self.ending_block()

    def ending_title(self) -> None:
        """The ending as the player saw it: its title and epilogue (all a replay prints)."""
        ending = self.game.scene().ending
        assert ending is not None
        self.say()
        self.say(f"*** ENDING: {ending.title}")
        if ending.epilogue:
            self.say(ending.epilogue)

    def ending_block(self) -> None:
        self.ending_title()
        found = self.host.gallery.found_endings(self.story)
        new = "New ending! " if self.host.new_ending else ""
        self.say(f"{new}Endings found: {len(found)} of {len(self.story.endings)}.")
        facts = self.game.route_facts()
        if facts:
            self.say()
            self.say("What really happened:")
            for fact in facts:
                self.say(f"  - {fact.text}")
        if self.host.run_code:
            self.say()
            self.say(f"Run code: {self.host.run_code}")
        self.say()
        self.say("Type `again` for a new game, `undo` to go back one choice, or `quit`.")

    def show_demo_end(self) -> None:
        if self._quiet:
            return
        self._print_scene()
        self.say()
        self.say("*** " + DEMO_END_TITLE.format(title=self.story.title))
        for line in DEMO_END_LINES:
            self.say(line)
        self.say()
        self.say("Type `again` for a new game, or `quit`.")

    def tell(self, notice: Notice) -> None:
        if notice.code in WORDING:
            self.say(WORDING[notice.code].format(detail=notice.detail.rstrip(".")))
        elif notice.severity == "information":
            self.say(notice.text)
        else:
            self.say(f"Note: {notice.text}")

    def confirm(self, question: str, options: list[tuple[str, str]], answer: Answer) -> None:
        """Ask on a line of its own; the answer is the next line (a number, the option's word, or yes)."""
        self.say(question)
        self.say("  " + "   ".join(f"{n}. {label}" for n, (_, label) in enumerate(options, 1)))
        self.out.write("? ")
        self.out.flush()
        line = self.reader.get()
        if line is not None and self.echo:
            self.say(line)
        word = (line or "").strip().lower()
        keys = [key for key, _ in options]
        if is_number(word) and 1 <= int(word) <= len(options):
            answer(keys[int(word) - 1])
        elif word in keys:
            answer(word)
        elif word in YES and "yes" in keys:
            answer("yes")
        else:
            answer(None)

    def settings_changed(self) -> None:  # plain mode has no theme or motion to apply
        pass

    # -- the loop ------------------------------------------------------------------------------
    def run(self) -> int:
        self.say(f"{self.story.title} (plain mode). Type `help` for commands.")
        for notice in self.host.notices:
            self.say(f"Note: {notice}")
        newest = self.host.newest_save()
        if newest is not None:
            self.say(f"There is a saved game ({newest.title}): type `continue` to resume it.")
        self.look()
        while True:
            line = self.read_line()
            if line is None:
                self.host.tick()
                if not self.game.is_over:
                    self.host.autosave()
                    self.say("End of input: autosaved.")
                return 0
            if line == "":  # timed out (read_line already took the default) or an empty line
                continue
            if self.command(line) == "quit":
                return 0

    def read_line(self) -> str | None:
        scene = self.game.scene()
        wait = None
        if scene.timer is not None and self.host.timer_scale > 0 and not self.game.is_over:
            wait = scene.timer.seconds * self.host.timer_scale
        self.out.write("> ")
        self.out.flush()
        try:
            line = self.reader.get(timeout=wait)
        except queue.Empty:
            self.say()
            self.say("Time is up.")
            self.host.timeout(scene.id)
            return ""
        if line is not None and self.echo:
            self.say(line)
        elif line is None:
            self.say()
        return None if line is None else line.strip()

    def command(self, line: str) -> str | None:
        words = line.lower().split()
        if not words:
            return None
        verb, arg = words[0], (words[1] if len(words) > 1 else "")
        if is_number(verb):
            self.pick(int(verb))
        elif verb in ("quit", "exit", "q"):
            self.host.tick()
            if not self.game.is_over:
                self.host.autosave()
                self.say("Autosaved. Goodbye.")
            return "quit"
        elif verb == "save":
            self.save(arg)
        elif verb in ("load", "restore"):
            self.load(arg)
        elif verb == "continue":
            self.host.continue_()
        elif verb in ("undo", "back", "z"):
            if self.game.can_rewind:
                self.say("You go back one choice.")
            self.host.rewind()
        elif verb in ("journal", "history"):
            self.journal()
        elif verb == "export":
            path = export_transcript(self.config.data_dir, self.story, self.game.journal())
            self.say(f"Transcript written to {path}")
        elif verb in ("facts", "fact"):
            self.facts()
        elif verb in ("stats", "inventory", "i"):
            self.stats()
        elif verb in ("look", "l"):
            self.look()
        elif verb in ("again", "restart", "new"):
            self.host.new_game()
        elif verb in ("help", "?", "h"):
            self.say(HELP)
        else:
            self.say(f"I don't know `{words[0]}`. Type a choice number, or `help`.")
        return None

    # -- commands ------------------------------------------------------------------------------
    def look(self) -> None:
        game = self.game
        if game.is_over:
            self.show_ending()
        elif game.state.scene == self.host.demo_end:
            self.show_demo_end()
        else:
            self.show_scene()

    def pick(self, number: int) -> None:
        if self.game.is_over:
            self.say("The story has ended. Type `again`, `undo` or `quit`.")
            return
        views = self.game.session.choices()
        if not 1 <= number <= len(views):
            self.say(f"There is no choice {number}. Type a number from 1 to {len(views)}, or `help`.")
            return
        view = views[number - 1]
        if not view.available:
            self.say(f"That choice is locked: {sentence(view.reason or 'not available now')}")
            return
        self.say(f"You chose: {view.text}")
        self.host.choose(view.id, self.game.state.scene)

    def save(self, arg: str) -> None:
        if not self.config.allow_save:
            self.say("Saving is turned off in this game.")
            return
        if arg not in SLOTS:
            self.say("Save where? Type `save` and a slot number from 1 to 9.")
            return
        self.host.save(arg)

    def load(self, arg: str) -> None:
        if not self.config.allow_load:
            self.say("Loading is turned off in this game.")
            return
        slot = {"a": AUTO, "auto": AUTO, "autosave": AUTO, "quick": QUICK, "q": QUICK}.get(arg, arg)
        if slot not in (AUTO, QUICK, *SLOTS):
            self.say("Load what? Type `load` and a slot number from 1 to 9 (or `auto`, `quick`).")
            return
        self.host.load(slot)

    def journal(self) -> None:
        entries = self.game.journal()
        self.say("Journal:")
        for n, entry in enumerate(entries, 1):
            chose = f" -> you chose: {entry.choice}" if entry.choice else (" (you are here)" if not entry.ending else "")
            ending = f" -> ENDING: {entry.ending}" if entry.ending else ""
            self.say(f"  {n}. {entry.title}{chose}{ending}")
        self.say("Type `export` to write the whole journal as a Markdown file.")

    def facts(self) -> None:
        known = self.host.known_facts()
        total = len(self.story.facts)
        if not total:
            self.say("This story has no fact file.")
            return
        self.say(f"Fact file: {len(known)} of {total} facts found.")
        for fid in known:
            fact = self.story.facts[fid]
            source = f" (source: {fact.source_title or fact.source})" if fact.source_title or fact.source else ""
            self.say(f"  - {fact.text}{source}")

    def stats(self) -> None:
        state = self.game.state
        for decl in (d for d in self.story.variables.values() if d.show):
            self.say(f"  {decl.label or decl.name}: {value_text(decl, state.vars.get(decl.name, decl.default))}")
        items = [self.story.items[i].label for i in state.items if i in self.story.items]
        self.say("  Carrying: " + (", ".join(items) if items else "nothing"))


def run_plain(story: Story, config: GameConfig, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    try:
        out.reconfigure(errors="replace")  # type: ignore[union-attr]  # a dumb terminal must not crash us
    except (AttributeError, ValueError):
        pass
    return PlainGame(story, config, stdin or sys.stdin, out).run()

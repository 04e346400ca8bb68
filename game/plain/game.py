"""Plain mode (`first-take play --plain`): the game as lines of text, for screen readers and scripts.

It only ever appends: no cursor movement, no colours, no redraws. Choices are typed as numbers;
`save N`, `load N`, `undo`, `journal`, `facts`, `help` and `quit` are typed commands. It works with
a pipe as well as a terminal, and at the end of input it autosaves and exits 0. It runs on the same
engine, slots, settings and endings gallery as the Textual UI, and never imports textual.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from typing import TextIO

from game import __version__
from game.play.config import GameConfig
from game.engine.model import Story
from game.engine.saves import SaveError
from game.engine.session import ChoiceError
from game.storage.gallery import Gallery
from game.play.playthrough import Playthrough
from game.play.replay import Recorder
from game.storage.slots import AUTO, QUICK, SLOTS, SlotStore, slot_title
from game.storage.settings import SettingsStore
from game.storage.transcript import export_transcript

HELP = """Commands:
  1-9           take that choice
  save N        save in slot N (1-9)        load N    load slot N (1-9, auto or quick)
  undo          go back one choice          continue  load the newest save
  journal       what you have read and chosen so far (export: write it as Markdown)
  facts         the real facts behind the scenes you have passed
  stats         the crew's numbers and what you carry
  look          show the scene again        again     start a new game
  help          this list                   quit      autosave and leave"""


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


class PlainGame:
    def __init__(self, story: Story, config: GameConfig, stdin: TextIO, stdout: TextIO) -> None:
        self.story = story
        self.config = config
        self.out = stdout
        self.reader = LineReader(stdin)
        self.echo = not (hasattr(stdin, "isatty") and stdin.isatty())
        self.slots = SlotStore(config.saves_folder, story, __version__)
        self.gallery = Gallery(config.data_dir / "gallery.json")
        settings, notice = SettingsStore(config.settings_path).load()
        self.timer_scale = config.timer_scale * settings.timer_factor if config.timers else 0.0
        self.notices = [n for n in (notice, self.gallery.notice) if n]
        self.recorder = Recorder.for_config(config, story)  # `play --plain --record FILE`
        self.game = self._new_game()
        self._since = time.monotonic()

    # -- output --------------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def show_scene(self) -> None:
        game = self.game
        scene = game.scene()
        if self.recorder is not None and not self.recorder.update(game.state, self.config.from_scene):
            self.say(f"Note: {self.recorder.error}")
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
        self.gallery.record_facts(self.story, game.session.unlocked_facts())
        if scene.ending is not None:
            self.show_ending()
            return
        self.say()
        for view in game.session.choices():
            if view.available:
                self.say(f"  {view.number}. {view.text}")
            else:
                reason = f" ({view.reason})" if view.reason else ""
                self.say(f"  {view.number}. [locked] {view.text}{reason}")
        if scene.timer is not None and self.timer_scale > 0:
            default = next((v for v in game.session.available() if v.id == scene.timer.default), None)
            what = f"; then: {default.number}. {default.text}" if default else ""
            self.say(f"  (timed: {scene.timer.seconds * self.timer_scale:.0f} seconds{what})")
        self.autosave()

    def show_ending(self) -> None:
        scene = self.game.scene()
        ending = scene.ending
        assert ending is not None
        self.say()
        self.say(f"*** ENDING: {ending.title}")
        if ending.epilogue:
            self.say(ending.epilogue)
        new = self.gallery.record_ending(self.story, scene)
        found = self.gallery.found_endings(self.story)
        self.say(f"{'New ending! ' if new else ''}Endings found: {len(found)} of {len(self.story.endings)}.")
        facts = self.game.route_facts()
        if facts:
            self.say()
            self.say("What really happened:")
            for fact in facts:
                self.say(f"  - {fact.text}")
        self.say()
        self.say("Type `again` for a new game, `undo` to go back one choice, or `quit`.")

    # -- the loop ------------------------------------------------------------------------------
    def run(self) -> int:
        self.say(f"{self.story.title} (plain mode). Type `help` for commands.")
        for notice in self.notices:
            self.say(f"Note: {notice}")
        newest = self.slots.newest() if self.config.allow_load else None
        if newest is not None:
            self.say(f"There is a saved game ({newest.title}): type `continue` to resume it.")
        self.show_scene()
        while True:
            line = self.read_line()
            if line is None:
                self.tick()
                if not self.game.is_over:
                    self.autosave()
                    self.say("End of input: autosaved.")
                return 0
            if line == "":  # timed out (read_line already took the default) or an empty line
                continue
            if self.command(line) == "quit":
                return 0

    def read_line(self) -> str | None:
        scene = self.game.scene()
        wait = None
        if scene.timer is not None and self.timer_scale > 0 and not self.game.is_over:
            wait = scene.timer.seconds * self.timer_scale
        self.out.write("> ")
        self.out.flush()
        try:
            line = self.reader.get(timeout=wait)
        except queue.Empty:
            self.say()
            self.say("Time is up.")
            self.tick()
            self.game.timeout()
            self.show_scene()
            return ""
        if line is not None and self.echo:
            self.say(line)
        elif line is None:
            self.say()
        return None if line is None else line.strip()

    def tick(self) -> None:
        now = time.monotonic()
        self.game.state.play_time += now - self._since
        self._since = now

    def command(self, line: str) -> str | None:
        words = line.lower().split()
        if not words:
            return None
        verb, arg = words[0], (words[1] if len(words) > 1 else "")
        if verb.isdigit():
            self.pick(int(verb))
        elif verb in ("quit", "exit", "q"):
            self.tick()
            if not self.game.is_over:
                self.autosave()
                self.say("Autosaved. Goodbye.")
            return "quit"
        elif verb == "save":
            self.save(arg)
        elif verb in ("load", "restore"):
            self.load(arg)
        elif verb == "continue":
            newest = self.slots.newest()
            if newest is None:
                self.say("There is no save to continue.")
            else:
                self.load(newest.slot)
        elif verb in ("undo", "back", "z"):
            self.undo()
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
            self.show_scene()
        elif verb in ("again", "restart", "new"):
            self.game = self._new_game()
            self.show_scene()
        elif verb in ("help", "?", "h"):
            self.say(HELP)
        else:
            self.say(f"I don't know `{words[0]}`. Type a choice number, or `help`.")
        return None

    # -- commands ------------------------------------------------------------------------------
    def _new_game(self) -> Playthrough:
        c = self.config
        return Playthrough.new(self.story, c.seed or 0, c.set_vars, c.from_scene)

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
            self.say(f"That choice is locked: {view.reason or 'not available now'}.")
            return
        self.tick()
        try:
            self.game.choose(view.id)
        except ChoiceError as err:  # pragma: no cover - views and choose agree
            self.say(str(err))
            return
        self.say(f"You chose: {view.text}")
        self.show_scene()

    def save(self, arg: str) -> None:
        if not self.config.allow_save:
            self.say("Saving is turned off in this game.")
            return
        if arg not in SLOTS:
            self.say("Save where? Type `save` and a slot number from 1 to 9.")
            return
        self.tick()
        try:
            self.slots.write(arg, self.game)
        except OSError as err:
            self.say(f"Could not save: {err.strerror or err}.")
            return
        self.say(f"Saved in {slot_title(arg)}.")

    def load(self, arg: str) -> None:
        if not self.config.allow_load:
            self.say("Loading is turned off in this game.")
            return
        slot = {"a": AUTO, "auto": AUTO, "autosave": AUTO, "quick": QUICK, "q": QUICK}.get(arg, arg)
        if slot not in (AUTO, QUICK, *SLOTS):
            self.say("Load what? Type `load` and a slot number from 1 to 9 (or `auto`, `quick`).")
            return
        try:
            restored = self.slots.load(slot)
        except SaveError as err:
            self.say(f"Could not load: {err}.")
            return
        self.game = restored.playthrough
        self._since = time.monotonic()
        self.say(f"Loaded {slot_title(slot)}.")
        for note in restored.notes:
            self.say(f"Note: {note}")
        if not restored.full_history:
            self.say("Note: `undo` can go back only to this point.")
        self.show_scene()

    def undo(self) -> None:
        if not self.game.rewind(1):
            self.say("You are at the start: there is nothing to undo.")
            return
        self.say("You go back one choice.")
        self.show_scene()

    def journal(self) -> None:
        entries = self.game.journal()
        self.say("Journal:")
        for n, entry in enumerate(entries, 1):
            chose = f" -> you chose: {entry.choice}" if entry.choice else (" (you are here)" if not entry.ending else "")
            ending = f" -> ENDING: {entry.ending}" if entry.ending else ""
            self.say(f"  {n}. {entry.title}{chose}{ending}")
        self.say("Type `export` to write the whole journal as a Markdown file.")

    def facts(self) -> None:
        known = self.gallery.known_facts(self.story)
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
        shown = [d for d in self.story.variables.values() if d.show]
        for decl in shown:
            value = state.vars.get(decl.name, decl.default)
            label = decl.label or decl.name
            if decl.format == "percent":
                self.say(f"  {label}: {value}%")
            elif decl.max is not None and decl.format == "bar":
                self.say(f"  {label}: {value} of {decl.max}")
            else:
                self.say(f"  {label}: {value}")
        items = [self.story.items[i].label for i in state.items if i in self.story.items]
        self.say("  Carrying: " + (", ".join(items) if items else "nothing"))

    def autosave(self) -> None:
        # A game with no choice made yet has nothing to keep, and must not replace the last autosave.
        if not self.config.allow_save or self.game.is_over or self.game.state.turn == 0:
            return
        try:
            self.slots.write(AUTO, self.game)
        except OSError as err:
            self.say(f"Note: could not autosave ({err.strerror or err}).")


def run_plain(story: Story, config: GameConfig, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    try:
        out.reconfigure(errors="replace")  # type: ignore[union-attr]  # a dumb terminal must not crash us
    except (AttributeError, ValueError):
        pass
    return PlainGame(story, config, stdin or sys.stdin, out).run()

"""The game host: one game in progress and everything around it, for every front end.

The Textual app, plain mode, the replays and the kiosk all play through one :class:`GameHost`: it
owns the playthrough, the player's storage (save slots, endings gallery, settings), the route
recorder, the autosave rule, unsaved-choice tracking, the demo-end rule and story replacement for
live reload. A front end sends intents (``new_game``, ``choose``, ``save``...) and renders what the
host tells it through :class:`Frontend`, the way ink's runtime fires events for its host. So a rule
of play is written once, and the modes cannot drift apart.

Nothing here imports textual; time comes from an injected clock, so tests decide play time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from game import __version__
from game.engine.model import Story
from game.engine.saves import SaveError, SaveFile
from game.engine.session import ChoiceError, Session
from game.play.config import GameConfig
from game.play.plans import run_code_for
from game.play.playthrough import Playthrough, Restored
from game.play.recorder import Recorder
from game.storage.files import set_aside
from game.storage.gallery import Gallery
from game.storage.settings import Settings, SettingsStore
from game.storage.slots import AUTO, SlotInfo, SlotStore, slot_title

Severity = Literal["information", "warning", "error"]
Answer = Callable[[str | None], None]

# Actions a kiosk never offers: no way out but the operator's keys, no load menu.
KIOSK_HIDDEN = frozenset({"quit", "help_quit", "command_palette", "load", "quickload"})


@dataclass(frozen=True)
class Notice:
    """Something the player should be told. ``code`` is stable, so a front end may word it its own way
    (plain mode says "undo" where the TUI says "rewind"); ``text`` is the host's sentence."""

    code: str
    text: str
    severity: Severity = "information"
    title: str = ""
    detail: str = ""  # the bare reason (a save's error, a file system message), for rewording
    lasting: bool = False  # worth more than a glance: the TUI keeps it up longer


class Frontend(Protocol):
    """What the host asks of whatever shows the game. Every method returns at once; ``confirm`` calls
    ``answer`` with the chosen option's key (or None) whenever the player has answered."""

    def show_title(self) -> None: ...
    def show_scene(self) -> None: ...
    def show_ending(self) -> None: ...
    def show_demo_end(self) -> None: ...
    def tell(self, notice: Notice) -> None: ...
    def confirm(self, question: str, options: list[tuple[str, str]], answer: Answer) -> None: ...
    def settings_changed(self) -> None: ...


class Booth(Protocol):
    """What a booth (kiosk mode) hears of the game: one booth-log line per game comes from these."""

    def game_started(self) -> None: ...
    def game_over(self) -> None: ...
    def before_title(self) -> None: ...


class Headless:
    """A front end that shows nothing and answers every question "no": for tests and tools."""

    def __init__(self) -> None:
        self.told: list[Notice] = []

    def show_title(self) -> None: ...
    def show_scene(self) -> None: ...
    def show_ending(self) -> None: ...
    def show_demo_end(self) -> None: ...
    def settings_changed(self) -> None: ...

    def tell(self, notice: Notice) -> None:
        self.told.append(notice)

    def confirm(self, question: str, options: list[tuple[str, str]], answer: Answer) -> None:
        answer(None)


@dataclass
class PlayerStorage:
    """One player's files: save slots, endings gallery, settings. A kiosk gives each visitor a fresh one."""

    slots: SlotStore
    gallery: Gallery
    settings: SettingsStore

    @classmethod
    def for_config(cls, config: GameConfig, story: Story) -> PlayerStorage:
        return cls(SlotStore(config.saves_folder, story, __version__), Gallery(Path(config.data_dir) / "gallery.json"),
                   SettingsStore(config.settings_path))

    @classmethod
    def in_folder(cls, folder: Path, story: Story) -> PlayerStorage:
        return cls(SlotStore(folder / "saves", story, __version__), Gallery(folder / "gallery.json"),
                   SettingsStore(folder / "settings.json"))


class _Unknown:
    """The newest save has not been looked up since the slots last changed."""


UNKNOWN = _Unknown()


class GameHost:
    def __init__(self, story: Story, config: GameConfig, frontend: Frontend | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.story = story
        self.config = config
        self.frontend: Frontend = frontend if frontend is not None else Headless()
        self.clock = clock
        self.storage = PlayerStorage.for_config(config, story)
        self.settings, notice = self.storage.settings.load()
        self.notices = [n for n in (notice, self.storage.gallery.notice) if n]  # shown once the front end is up
        self.recorder = Recorder.for_config(config, story)  # `play --record FILE`
        self.booth: Booth | None = None
        self.playthrough: Playthrough | None = None
        self.new_ending = False  # the ending just reached was not in the gallery before
        self.run_code = ""  # the run code of the ending just reached ("" when none reproduces it)
        self.reloads = 0  # live reloads applied (`--watch`)
        self.demo_end = story.demo[1] if config.demo and story.demo else None  # `play --demo` stops there
        self._saved_log: list[tuple[str, str]] | None = None
        self._since = clock()
        self._newest: SlotInfo | None | _Unknown = UNKNOWN
        self._autosave_checked = False

    # -- what front ends read ------------------------------------------------------------------
    @property
    def session(self) -> Session | None:
        return self.playthrough.session if self.playthrough is not None else None

    @property
    def playing(self) -> bool:
        return self.playthrough is not None and not self.playthrough.is_over

    @property
    def slots(self) -> SlotStore:
        return self.storage.slots

    @property
    def gallery(self) -> Gallery:
        return self.storage.gallery

    @property
    def unsaved(self) -> bool:
        """Choices made since the last save to a slot or quicksave (the autosave aside)."""
        return self.playing and self.playthrough is not None and self.playthrough.state.log != self._saved_log

    @property
    def timer_scale(self) -> float:
        """What every countdown is multiplied by; 0 when timed choices are off."""
        return self.config.timer_scale * self.settings.timer_factor if self.config.timers else 0.0

    def newest_save(self) -> SlotInfo | None:
        """The save "Continue" resumes; read from disk once after the slots change, then remembered."""
        if not self.config.allow_load:
            return None
        if isinstance(self._newest, _Unknown):
            self._newest = self.slots.newest()
        return self._newest

    def _look_up_newest(self) -> None:
        """Read the slots on the way to the title, so its compose and check_action see only the cache."""
        self._newest = UNKNOWN
        self.newest_save()

    def known_facts(self) -> list[str]:
        """Facts found in any playthrough, plus this one's (in case the gallery could not be written)."""
        known = list(self.gallery.known_facts(self.story))
        if self.playthrough is not None:
            known += [f for f in self.playthrough.session.unlocked_facts() if f not in known]
        return known

    def allowed(self, action: str) -> bool | None:
        """True: offer it; None: show it greyed out (not now); False: hide it (this build never has it)."""
        kiosk = self.config.kiosk
        if kiosk and action in KIOSK_HIDDEN:
            return False
        if kiosk and action == "rewind" and self.playthrough is not None and not self.playing:
            return False  # kiosk: an ending is logged once; "Play again" starts the next game
        if action in ("save", "quicksave"):
            return True if self.config.allow_save and self.playing else None
        if action in ("load", "quickload"):
            return True if self.config.allow_load else None
        if action == "continue":
            return True if self.newest_save() is not None else None
        if action in ("rewind", "journal", "stats"):
            return True if self.playthrough is not None else None
        return True

    # -- starting and leaving ------------------------------------------------------------------
    def start(self) -> None:
        """The front end is up: tell the player what went wrong reading their files, show the title."""
        for notice in self.notices:
            self._tell("startup", notice, "warning", lasting=True)
        self._look_up_newest()
        self.frontend.show_title()

    def new_game(self) -> None:
        c = self.config
        self.playthrough = Playthrough.new(self.story, c.seed or 0, c.set_vars, c.from_scene)
        self._begin()
        if self.booth is not None:
            self.booth.game_started()
        self._advance()

    def continue_(self) -> bool:
        newest = self.newest_save()
        if newest is None:
            self._tell("no_save", "There is no save to continue.", "warning")
            return False
        return self.load(newest.slot)

    def to_title(self) -> None:
        if self.booth is not None:
            self.booth.before_title()  # a game left open counts as walked away; the next player starts clean
        self.playthrough = None
        self._look_up_newest()
        self.frontend.show_title()

    def use_storage(self, storage: PlayerStorage, settings: Settings | None = None) -> None:
        """Swap the player's files (a kiosk's next visitor) and, when given, their settings."""
        self.storage = storage
        self._saved_log = None
        self._newest = UNKNOWN
        self._autosave_checked = False
        self.new_ending = False
        if settings is not None and settings != self.settings:
            self.settings = settings
            self.frontend.settings_changed()

    def update_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.frontend.settings_changed()
        try:
            self.storage.settings.save(settings)
        except OSError as err:
            self._tell("settings_failed", f"Could not save settings: {err.strerror or err}", "error",
                       detail=str(err.strerror or err))

    # -- playing -------------------------------------------------------------------------------
    def choose(self, choice_id: str, scene_id: str | None = None) -> bool:
        """Take a choice. With ``scene_id``, only in that scene: a key or click queued for a scene the
        game has already left is dropped, not applied to the next one."""
        p = self.playthrough
        if p is None or p.is_over or (scene_id is not None and p.state.scene != scene_id):
            return False
        self.tick()
        try:
            p.choose(choice_id)  # the engine checks the choice is here and open: no second evaluation
        except ChoiceError:
            return False
        self._advance()
        return True

    def timeout(self, scene_id: str | None = None) -> bool:
        """The countdown of a timed scene ran out: its default (or first open) choice is taken."""
        p = self.playthrough
        if p is None or p.is_over or (scene_id is not None and p.state.scene != scene_id):
            return False
        self.tick()
        try:
            p.timeout()
        except ChoiceError as err:  # no open choice when time ran out: the pack's dead end, not a crash
            self._tell("dead_end", f"Time ran out, but {err}.", "error", detail=str(err), lasting=True)
            return False
        self._advance()
        return True

    def rewind(self) -> bool:
        p = self.playthrough
        if p is None or self.allowed("rewind") is not True:
            return False
        if not p.rewind(1):
            self._tell("at_start", "This is the start of the game: there is nothing to rewind.", "warning")
            return False
        self._advance()
        return True

    def jump(self, scene_id: str) -> bool:
        """`--debug`: go to any scene; rewind and the journal start again from there."""
        if self.playthrough is None or scene_id not in self.story.scenes:
            return False
        self.playthrough.jump(scene_id)
        self._advance()
        return True

    def tick(self, counting: bool = True) -> None:
        """Add the time since the last tick to the game's play time (or, not counting, skip it: the
        player was on an overlay, or the terminal was too small to play)."""
        now = self.clock()
        if counting and self.playthrough is not None and not self.playthrough.is_over:
            self.playthrough.state.play_time += now - self._since
        self._since = now

    # -- saving --------------------------------------------------------------------------------
    def autosave(self) -> None:
        # A new game with no choice made has nothing to keep, and must not replace the last autosave.
        p = self.playthrough
        if not self.config.allow_save or p is None or p.is_over or p.state.turn == 0:
            return
        if not self._autosave_checked:  # once per player: after that the file is the one we wrote
            info = self.slots.info(AUTO)
            if info.damaged:
                self._tell("autosave_held", f"The autosave file cannot be used ({info.error}); it is kept as it"
                           " is, and autosave is off until you save over it.", "warning", detail=str(info.error),
                           lasting=True)
                return
            self._autosave_checked = True
        try:
            self.slots.write(AUTO, p)
        except OSError as err:
            self._tell("autosave_failed", f"Could not autosave: {err.strerror or err}", "error",
                       detail=str(err.strerror or err))
            return
        self._newest = UNKNOWN

    def default_label(self, info: SlotInfo) -> str:
        """A save's name unless the player gives one: the slot's own name, else the scene's title."""
        if info.usable and info.save is not None and info.save.label:
            return info.save.label
        return self.playthrough.scene().title if self.playthrough is not None else ""

    def save(self, slot: str, label: str | None = None, confirmed: bool = False) -> bool:
        """Save to a slot, named ``label`` (None: :meth:`default_label`; "": no name). A file there that
        cannot be read (damaged, or from a newer game) is replaced only after the player's yes
        (``confirmed``, or the front end's confirm), and kept as .damaged."""
        p = self.playthrough
        if p is None or not self.config.allow_save:
            return False
        info = self.slots.info(slot)
        if label is None:
            label = self.default_label(info)
        if info.damaged and not confirmed:
            def answer(choice: str | None) -> None:
                if choice == "yes":
                    self.save(slot, label, confirmed=True)
                else:
                    self._tell("not_saved", "Not saved: the file is kept as it is.")

            self.frontend.confirm(
                f"{info.title} holds a file this game cannot read ({info.error}). Replace it? The old file"
                f" is kept beside it as {info.path.name}.damaged.", [("yes", "Replace it"), ("no", "Cancel")], answer)
            return False
        if info.damaged:
            set_aside(info.path)  # the player agreed to replace it; the damaged file is still kept
        self.tick()
        try:
            self.slots.write(slot, p, label)
        except OSError as err:
            self._tell("save_failed", f"Could not save: {err.strerror or err}", "error", detail=str(err.strerror or err))
            return False
        if slot == AUTO:
            self._autosave_checked = True
        self._saved_log = list(p.state.log)
        self._newest = UNKNOWN
        self._tell("saved", f"Saved in {slot_title(slot)}.")
        return True

    def load(self, slot: str) -> bool:
        """Load a slot; a save whose scene left the story asks before going on from an earlier one."""
        if not self.config.allow_load:
            return False
        try:
            restored = Playthrough.restore(self.story, self.slots.read(slot))
        except SaveError as err:
            self._tell("load_failed", f"{err}. The file is kept as it is.", "error", title="Cannot load",
                       detail=str(err), lasting=True)
            return False
        if restored.moved_from is not None:
            here = restored.playthrough.scene().title
            question = (f"The scene this save was made in ('{restored.moved_from}') is no longer in the story. "
                        f"Continue from '{here}', the latest scene of this save that still exists?")

            def answer(choice: str | None) -> None:
                if choice == "yes":
                    self._resume(restored, slot)

            self.frontend.confirm(question, [("yes", f"Continue from '{here}'"), ("no", "Cancel")], answer)
            return False
        self._resume(restored, slot)
        return True

    def _resume(self, restored: Restored, slot: str) -> None:
        self.playthrough = restored.playthrough
        self._begin()
        self._tell("loaded", f"Loaded {slot_title(slot)}.")
        for note in restored.notes:
            self._tell("load_note", note, "warning", lasting=True)
        if not restored.full_history:
            self._tell("short_history", "This save's history no longer fits the story: rewind starts from here.",
                       lasting=True)
        self._advance()

    # -- live reload ---------------------------------------------------------------------------
    def replace_story(self, story: Story) -> None:
        """`--watch`: a new version of the pack; the game in progress is fitted to it as a save would be."""
        old = self.playthrough
        self.story = story
        self.slots.story = story
        if self.recorder is not None:
            self.recorder.story = story
        self.reloads += 1
        if old is None:
            self._tell("reloaded", "Pack reloaded.")
            return
        save = SaveFile(old.state.copy(), story.id, story.version, "", "", "", origin=old.origin)
        try:
            restored = Playthrough.restore(story, save)
        except SaveError as err:
            self._tell("reload_restart", f"Reloaded, but the game could not continue: {err}. Starting again.",
                       "warning", detail=str(err))
            self.new_game()
            return
        self.playthrough = restored.playthrough
        self._advance()
        if restored.moved_from is not None:
            self._tell("reload_moved", f"Scene '{restored.moved_from}' was removed: back at"
                       f" '{self.playthrough.scene().title}', the latest scene of this game that still exists.",
                       "warning", lasting=True)
        else:
            self._tell("reloaded", "Pack reloaded.")

    # -- the one path every change of scene takes ----------------------------------------------
    def _begin(self) -> None:
        assert self.playthrough is not None
        self._saved_log = list(self.playthrough.state.log)
        self._since = self.clock()
        self.new_ending = False
        self.run_code = ""

    def _advance(self) -> None:
        """After every choice, timeout, rewind, jump, load and reload: record, then show what is next."""
        p = self.playthrough
        assert p is not None
        if self.recorder is not None and not self.recorder.update(p.state, self.config.from_scene):
            self._tell("record_failed", self.recorder.error or "Could not record the route.", "error")
        self.gallery.record_facts(self.story, p.session.unlocked_facts())
        at_demo_end = p.state.scene == self.demo_end
        if self.booth is not None and (p.is_over or at_demo_end):
            self.booth.game_over()
        if at_demo_end and not p.is_over:
            self.frontend.show_demo_end()  # the end of the demo cut, as ChoiceScript's *end_trial
            return
        if p.is_over:
            self.new_ending = self.gallery.record_ending(self.story, p.scene())
            self.run_code = run_code_for(self.story, p.state, self.config.from_scene)
            self.frontend.show_ending()
            return
        self.autosave()
        self.frontend.show_scene()

    def _tell(self, code: str, text: str, severity: Severity = "information", title: str = "", detail: str = "",
              lasting: bool = False) -> None:
        self.frontend.tell(Notice(code, text, severity, title, detail, lasting))

"""Saving and loading for the app: slots, autosave, quicksave, and fitting a save to the story.

A mixin of :class:`game.ui.app.FirstTakeApp`, kept apart so the app module stays readable. Every
action goes through the app's ``check_action``, so kiosk and demo builds can switch them off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.saves import SaveError
from game.storage.files import set_aside
from game.play.playthrough import Restored
from game.storage.slots import AUTO, QUICK, slot_title
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.saveload import SaveLoadScreen, SaveNameScreen

if TYPE_CHECKING:
    from game.ui.app import FirstTakeApp as _Base
else:
    _Base = object


class SavingMixin(_Base):
    def _autosave(self) -> None:
        # A new game with no choice made has nothing to keep, and must not replace the last autosave.
        if not self.config.allow_save or self.playthrough is None or self.playthrough.state.turn == 0:
            return
        try:
            self.slots.write(AUTO, self.playthrough)
        except OSError as err:
            self.notify(f"Could not autosave: {err.strerror or err}", severity="error")

    def save_to(self, slot: str, label: str = "") -> bool:
        if self.playthrough is None or not self.config.allow_save:
            return False
        info = self.slots.info(slot)
        if info.damaged:
            set_aside(info.path)  # the player agreed to replace it; the damaged file is still kept
        try:
            self.slots.write(slot, self.playthrough, label)
        except OSError as err:
            self.notify(f"Could not save: {err.strerror or err}", severity="error")
            return False
        self._saved_log = list(self.playthrough.state.log)
        self.notify(f"Saved in {slot_title(slot)}.", timeout=3)
        return True

    def load_slot(self, slot: str) -> None:
        if not self.config.allow_load:
            return
        try:
            restored = self.slots.load(slot)
        except SaveError as err:
            self.notify(f"{err}. The file is kept as it is.", title="Cannot load", severity="error", timeout=8,
                        markup=False)  # the reason may quote the save file
            return
        if restored.moved_from is not None:
            here = restored.playthrough.scene().title
            question = (f"The scene this save was made in ('{restored.moved_from}') is no longer in the story. "
                        f"Continue from '{here}', the latest scene of this save that still exists?")

            def answer(choice: str | None) -> None:
                if choice == "yes":
                    self._resume(restored, slot)

            self.push_screen(ConfirmScreen(question, [("yes", f"Continue from '{here}'"), ("no", "Cancel")]),
                             answer)
            return
        self._resume(restored, slot)

    def _resume(self, restored: Restored, slot: str) -> None:
        self.playthrough = restored.playthrough
        self._saved_log = list(self.playthrough.state.log)
        self._show_current()
        self.notify(f"Loaded {slot_title(slot)}.", timeout=3)
        for note in restored.notes:
            self.notify(note, severity="warning", timeout=8)
        if not restored.full_history:
            self.notify("This save's history no longer fits the story: rewind starts from here.", timeout=8)

    def action_save(self) -> None:
        if self.check_action("save", ()) is not True:
            return

        def chosen(slot: str | None) -> None:
            if slot is None or self.playthrough is None:
                return
            info = self.slots.info(slot)
            default = info.save.label if info.usable and info.save and info.save.label else self.playthrough.scene().title

            def named(label: str | None) -> None:
                if label is not None:
                    self.save_to(slot, label)

            self.push_screen(SaveNameScreen(info, default), named)

        self.push_screen(SaveLoadScreen("save"), chosen)

    def action_load(self) -> None:
        if self.check_action("load", ()) is not True:
            return

        def chosen(slot: str | None) -> None:
            if slot is not None:
                self.load_slot(slot)

        self.push_screen(SaveLoadScreen("load"), chosen)

    def action_quicksave(self) -> None:
        if self.check_action("quicksave", ()) is True:
            self.save_to(QUICK)

    def action_quickload(self) -> None:
        if self.check_action("quickload", ()) is not True:
            return
        info = self.slots.info(QUICK)
        if not info.exists:
            self.notify("There is no quicksave yet (F5 makes one).", severity="warning")
            return
        self.load_slot(QUICK)

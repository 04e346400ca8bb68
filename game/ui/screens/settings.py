"""Settings: text speed, theme, timed choices, reduced motion; saved the moment they change."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet, Select, Static

from game.storage.settings import TEXT_SPEEDS, TIMER_MODES, Settings
from game.ui.screens.base import GameModal
from game.ui.widgets.sizenotice import SizeNotice

SPEED_LABELS = {"slow": "Slow", "normal": "Normal", "fast": "Fast", "instant": "Instant"}
TIMER_LABELS = {"on": "On", "longer": "Longer (x2)", "off": "Off"}


class SettingsScreen(GameModal[None]):
    DEFAULT_CSS = """
    SettingsScreen > .dialog { width: 72; max-width: 100%; }
    SettingsScreen #settings-scroll { height: 1fr; }
    SettingsScreen .label { text-style: bold; margin-top: 1; }
    SettingsScreen RadioSet { width: 100%; layout: horizontal; height: auto; }
    SettingsScreen #theme { width: 40; }
    """

    def compose(self) -> ComposeResult:
        yield SizeNotice()
        current: Settings = self.host.settings
        with Vertical(classes="dialog"):
            yield Static(Content("Settings"), classes="dialog-title")
            with VerticalScroll(id="settings-scroll"):
                yield Static(Content("Text speed"), classes="label")
                with RadioSet(id="speed"):
                    for key in TEXT_SPEEDS:
                        yield RadioButton(SPEED_LABELS[key], value=key == current.text_speed, name=key)
                yield Static(Content("Theme"), classes="label")
                themes = self.game_app.theme_names()
                yield Select([(name, name) for name in themes], value=self.app.theme, allow_blank=False, id="theme")
                yield Static(Content("Timed choices"), classes="label")
                with RadioSet(id="timers"):
                    for key in TIMER_MODES:
                        yield RadioButton(TIMER_LABELS[key], value=key == current.timers, name=key)
                if not self.host.config.timers:
                    yield Static(Content.styled("(timers are off for this run: --no-timers)", "$text-muted"))
                yield Static(Content("Motion"), classes="label")
                yield Checkbox("Reduced motion (no text reveal, no animation)", current.reduced_motion, id="motion")
            kept = ("Kept for this game only." if self.host.config.kiosk
                    else f"Saved as you change them, in {self.host.storage.settings.path}.")
            yield Static(Content(f"{kept}   Escape: back"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#speed", RadioSet).focus()
        self.call_after_refresh(self._cursor_on_current)

    def _cursor_on_current(self) -> None:
        """Textual puts a RadioSet's cursor on its first button; start it on the current value."""
        for radio in self.query(RadioSet):
            if radio.pressed_index >= 0:
                radio._selected = radio.pressed_index

    def _update(self, settings: Settings) -> None:
        self.host.update_settings(settings)

    @on(RadioSet.Changed, "#speed")
    def _speed(self, event: RadioSet.Changed) -> None:
        assert event.pressed.name is not None  # every button is named by its key
        self._update(replace(self.host.settings, text_speed=event.pressed.name))

    # Not `_timers`: that name is Textual's (MessagePump._timers, the widget's set of timers).
    @on(RadioSet.Changed, "#timers")
    def _timer_mode(self, event: RadioSet.Changed) -> None:
        assert event.pressed.name is not None  # every button is named by its key
        self._update(replace(self.host.settings, timers=event.pressed.name))

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._update(replace(self.host.settings, theme=event.value))

    @on(Checkbox.Changed, "#motion")
    def _motion(self, event: Checkbox.Changed) -> None:
        self._update(replace(self.host.settings, reduced_motion=event.value))

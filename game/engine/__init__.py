"""The pure engine: story model, state, session, expressions, saves. No textual, no yaml."""

from __future__ import annotations

from .model import Choice, Effect, Ending, Fact, Scene, Story, VarDecl
from .session import ChoiceError, ChoiceView, Session
from .state import GameState

__all__ = ["Choice", "ChoiceError", "ChoiceView", "Effect", "Ending", "Fact", "GameState", "Scene", "Session",
           "Story", "VarDecl"]

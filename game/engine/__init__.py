"""The pure engine: story model, state, session, expressions, saves. No textual, no yaml."""

from __future__ import annotations

from game.engine.model import Choice, Effect, Ending, Fact, Scene, Story, VarDecl
from game.engine.session import ChoiceError, ChoiceView, Session
from game.engine.state import GameState

__all__ = ["Choice", "ChoiceError", "ChoiceView", "Effect", "Ending", "Fact", "GameState", "Scene", "Session",
           "Story", "VarDecl"]

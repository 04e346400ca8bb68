"""What a command raises when the user asked for something that cannot work (exit 2).

Standard library only and importing nothing of the game, so every command can use it without
cost and without an import cycle; `game.cli` re-exports it and prints it.
"""

from __future__ import annotations


class UsageError(Exception):
    """A usage error: the message is one clear sentence for the user, shown as `first-take: error: MESSAGE`."""

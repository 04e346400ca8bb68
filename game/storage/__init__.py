"""The player's files: atomic writes, save slots, settings, the endings gallery and transcripts.

Everything that touches the disk on the player's behalf lives here, so the engine stays pure and
every file follows one rule: written atomically, read defensively, never replaced unread.
"""

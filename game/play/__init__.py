"""Playing one game, whatever shows it: run-time config, a game in progress, the game host, replays.

Nothing here imports textual; every front end (Textual, plain text, replays, the kiosk) drives a game
through :class:`game.play.host.GameHost`, so a rule of play is written once.
"""

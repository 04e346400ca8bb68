"""`first-take replay FILE | --code CODE`: play a recorded route or a run code back, in the UI or as text.

Exit 0 when it played, 1 when the pack has errors, 2 when the route or code cannot be replayed (a
damaged file or code, another story, a step the story no longer has), with the reason on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="play back a recorded route (play --record) or a run code",
                       description="Play back a route file written by `first-take play --record FILE`, or the run "
                                   "code shown on an ending screen, to see exactly what a player saw.")
    p.add_argument("route", nargs="?", metavar="FILE", help="a route file (the modder toolkit's route format)")
    p.add_argument("--code", metavar="CODE", help="a run code (FT1-...); '-' reads it from standard input")
    p.add_argument("--pack", metavar="DIR", help="the pack the route was played on (default: the built-in story)")
    p.add_argument("--speed", type=float, default=1.0, metavar="X",
                   help="reading speed in the UI: 2 is twice as fast, 0.5 half (default 1)")
    p.add_argument("--plain", action="store_true", help="print the replay as plain text instead of the UI")


def run(args: argparse.Namespace) -> int:
    from game.commands._pack import load_for_command
    from game.content.paths import builtin_pack_dir
    from game.engine.runcode import RunCodeError
    from game.play.config import GameConfig, resolve_data_dir
    from game.play.plans import ReplayError, check, plan_from_code, plan_from_file

    if bool(args.route) == bool(args.code):
        raise UsageError("replay: give a route FILE or --code CODE (one of them)")
    if not 0 < args.speed <= 100:
        raise UsageError("replay: --speed must be more than 0 and at most 100")
    pack_dir = Path(args.pack) if args.pack else builtin_pack_dir()
    story, code = load_for_command(pack_dir)
    if story is None:
        return code
    try:
        if args.code:
            code = sys.stdin.readline(65536) if args.code == "-" else args.code
            plan = plan_from_code(story, code)
        else:
            plan = plan_from_file(story, args.route)
    except RunCodeError as err:
        raise UsageError(f"run code: {err}") from err
    except ReplayError as err:
        raise UsageError(str(err)) from err
    try:
        check(story, plan)
    except ReplayError as err:
        raise UsageError(f"this route does not fit {story.title} {story.version}: {err}") from err
    config = GameConfig(data_dir=resolve_data_dir(args.data_dir), pack_dir=pack_dir)
    if args.plain:
        from game.plain.replay import play_plain

        return play_plain(story, plan, config, sys.stdout)
    from game.ui.replay import play_ui

    return play_ui(story, plan, config, args.speed)

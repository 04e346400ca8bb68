"""`first-take playtest [DIR]`: every reachable state explored, endings with their shortest routes,
soft-locks and traps with the route to them, choices never available; plus seeded random runs."""

from __future__ import annotations

import argparse
import json
import sys

from game.commands.errors import UsageError


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("playtest", help="explore every state of a pack: endings, soft-locks, dead choices",
                       description="Explore every reachable state of a pack (scene, variables, items and visit "
                                   "counts that conditions can observe), breadth-first. Exit 0 when every scene "
                                   "and ending is reached and nothing gets stuck, 1 otherwise, 2 on usage errors.")
    p.add_argument("pack", nargs="?", default=None, metavar="DIR", help="pack folder (default: the built-in story)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--max-states", type=_positive, default=None, metavar="N",
                   help="stop exhaustive exploration after N states (default 100000), then confirm by witness search")
    p.add_argument("--random", type=_positive, default=0, metavar="N", help="also play N random games")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed for the random games (default 0)")
    p.add_argument("--routes", action="store_true", help="print the full route to each ending")
    p.add_argument("--write-routes", metavar="DIR",
                   help="write a route test (NAME.route.yaml) for the route found to each ending into DIR")


def run(args: argparse.Namespace) -> int:
    from game.commands._pack import load_for_command
    from game.toolkit.explorer import DEFAULT_MAX_STATES
    from game.toolkit.playtest import playtest, render_text

    story, code = load_for_command(args.pack)
    if story is None:
        return code
    if args.max_states == 0:
        raise UsageError("playtest: --max-states must be at least 1")
    report = playtest(story, args.max_states or DEFAULT_MAX_STATES, args.random, args.seed)
    if args.write_routes:
        from game.toolkit.routetest import write_ending_routes

        try:
            written = write_ending_routes(story, report.endings, args.write_routes)
        except OSError as err:
            raise UsageError(f"playtest: cannot write routes to {args.write_routes}: {err.strerror or err}") from err
        for path in written:
            print(f"wrote {path}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(render_text(report, routes=args.routes))
    return 1 if report.problems else 0

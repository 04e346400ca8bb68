"""`first-take new DIR`: scaffold a small pack that validates, playtests and passes its route test."""

from __future__ import annotations

import argparse

from game.commands.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a new pack folder to start modding from",
                       description="Create DIR with a pack.yaml, three scenes, an art file, a route test and the "
                                   "JSON Schemas for editor completion. DIR must not exist, or be empty.")
    p.add_argument("folder", metavar="DIR", help="the folder to create")
    p.add_argument("--title", help="the pack's title (default: from the folder name)")


def run(args: argparse.Namespace) -> int:
    from game.toolkit.scaffold import scaffold

    try:
        written = scaffold(args.folder, args.title)
    except FileExistsError as err:
        raise UsageError(f"new: {err}; choose another folder") from err
    except OSError as err:
        raise UsageError(f"new: cannot create {args.folder}: {err.strerror or err}") from err
    print(f"created {args.folder} ({len(written)} files). Next:")
    for cmd in ("validate", "playtest", "test"):
        print(f"  first-take {cmd} {args.folder}")
    print(f"  first-take play --pack {args.folder}")
    return 0

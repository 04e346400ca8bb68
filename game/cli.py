"""The `first-take` command: argument parsing and dispatch. Each command lives in game/commands/."""

from __future__ import annotations

import argparse
import sys

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line on usage errors (its default is also 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"first-take: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def add_play_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pack", metavar="DIR", help="play a pack folder instead of the built-in story")
    p.add_argument("--seed", type=int, default=None, help="seed for the random generator (repeatable runs)")
    p.add_argument("--no-timers", action="store_true", help="turn timed choices off")
    p.add_argument("--from", dest="from_scene", metavar="SCENE", help="start at this scene (debugging)")
    p.add_argument("--set", dest="set_vars", action="append", default=[], metavar="VAR=VALUE",
                   help="set a variable before starting (debugging; repeatable)")


def build_parser() -> Parser:
    parser = Parser(prog="first-take", description="FIRST TAKE: shoot the first feature film in orbit.")
    parser.add_argument("--version", action="version", version=f"first-take {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where saves and settings go (default: $FIRST_TAKE_DATA_DIR or the user data dir)")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    play = sub.add_parser("play", help="play the game (the default command)")
    add_play_args(play)

    validate = sub.add_parser("validate", help="check a pack and list every problem")
    validate.add_argument("pack", nargs="?", default=None, metavar="DIR", help="pack folder (default: built-in)")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text")
    validate.add_argument("--strict", action="store_true", help="treat warnings as problems (exit 1)")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    argv = _default_to_play(argv, parser_commands(parser))
    args = parser.parse_args(argv)
    if args.command == "validate":
        from .commands.validate import run
        return run(args)
    from .commands.play import run as play
    return play(args)


def parser_commands(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:  # noqa: SLF001 - argparse offers no public accessor
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            return set(action.choices)
    return set()


def _default_to_play(argv: list[str], commands: set[str]) -> list[str]:
    """`first-take [--data-dir X] [play options]` means `first-take [--data-dir X] play [play options]`."""
    i = 0
    while i < len(argv) and (argv[i] == "--data-dir" or argv[i].startswith("--data-dir=")):
        i += 2 if argv[i] == "--data-dir" else 1
    head, rest = argv[:i], argv[i:]
    if rest and (rest[0] in commands or rest[0] in ("-h", "--help", "--version")):
        return argv
    return head + ["play"] + rest

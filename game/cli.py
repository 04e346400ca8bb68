"""The `first-take` command: argument parsing and dispatch.

Each subcommand is a module in game/commands/ with `add_parser(subparsers)` and `run(args) -> int`.
Those modules import only the standard library at top level (heavy imports go inside `run`), so
`first-take --version` and the first frame stay fast. A command that cannot do what it was asked
raises UsageError (game/commands/errors.py); `main` prints it as one line and exits 2.

Global options (`--data-dir`) are accepted before the subcommand and after it, with the same meaning.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from game import __version__
from game.commands.errors import UsageError

__all__ = ["UsageError", "build_parser", "main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_PIPE = 128 + 13  # what a shell reports for a tool that SIGPIPE ended (`first-take graph x | head -1`)

# Listed here so `first-take --help` shows them in this order; a module that does not exist yet is skipped.
COMMANDS = ("play", "validate", "playtest", "test", "graph", "schema", "new", "replay", "serve", "stats")


class Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one clear line on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        _print_error(message)
        raise SystemExit(EXIT_USAGE)


def _print_error(message: object) -> None:
    print(f"first-take: error: {message}", file=sys.stderr)


def add_global_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    """The options every command accepts. On a subcommand the default is SUPPRESS, so an option not
    repeated after the subcommand keeps what was given before it (`first-take --data-dir X stats`)."""
    parser.add_argument("--data-dir", metavar="DIR", default=default, type=folder_name,
                        help="where saves and settings go (default: $FIRST_TAKE_DATA_DIR or the user data dir)")


def folder_name(text: str) -> str:
    """`--data-dir ''` must not quietly mean "the default folder": a name given is a name needed."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give the folder's name (it was empty)")
    return text


def build_parser() -> tuple[Parser, dict[str, object]]:
    parser = Parser(prog="first-take", description="FIRST TAKE: shoot the first feature film in orbit.",
                    epilog="Run `first-take COMMAND --help` for a command's options. No command means `play`.")
    parser.add_argument("--version", action="version", version=f"first-take {__version__}")
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")
    modules: dict[str, object] = {}
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".commands.{name}", __package__)
        except ModuleNotFoundError as err:
            if err.name and err.name.endswith(f"commands.{name}"):
                continue
            raise
        module.add_parser(sub)
        modules[name] = module
    for subparser in {id(p): p for p in sub.choices.values()}.values():  # an alias shares its parser
        add_global_options(subparser, default=argparse.SUPPRESS)
    return parser, modules


def main(argv: list[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # a reader that went away shows here, not in the interpreter's last flush
        return code
    except BrokenPipeError:
        return _stdout_closed()
    except SystemExit:  # argparse after --help, --version or a usage error: its output must get out too
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            return _stdout_closed()
        raise


def _run(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, modules = build_parser()
    argv = _default_to_play(argv, set(modules))
    args = parser.parse_args(argv)
    try:
        return int(modules[args.command].run(args) or 0)  # type: ignore[attr-defined]
    except UsageError as err:
        _print_error(err)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _stdout_closed() -> int:
    """Whoever read our standard output stopped (`| head -1`): end quietly, as Unix tools do.

    Python ignores SIGPIPE, so a write to a closed pipe raises BrokenPipeError instead of ending the
    process; the interpreter would then fail again flushing what is left in sys.stdout at exit. So
    stdout's descriptor is pointed at the null device first (the recipe of the `signal` module's
    documentation, "Note on SIGPIPE") and the exit status is the one SIGPIPE would have given.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout to redirect (already closed, or replaced)
        pass
    return EXIT_PIPE


def _default_to_play(argv: list[str], commands: set[str]) -> list[str]:
    """`first-take [--data-dir X] [play options]` means `first-take [--data-dir X] play [play options]`."""
    i = 0
    while i < len(argv) and (argv[i] == "--data-dir" or argv[i].startswith("--data-dir=")):
        if argv[i] == "--data-dir" and i + 1 == len(argv):
            return argv  # `--data-dir` without its DIR: argparse says so (not `--data-dir play`)
        i += 2 if argv[i] == "--data-dir" else 1
    head, rest = argv[:i], argv[i:]
    if rest and (rest[0] in commands or rest[0] in ("-h", "--help", "--version")):
        return argv
    return head + ["play"] + rest

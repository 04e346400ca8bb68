"""`first-take serve`: play in a browser on this machine (textual-serve, the optional `serve` extra)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.booth.policy import DEFAULT_HOST, DEFAULT_MAX_SESSIONS, DEFAULT_PORT, MAX_MAX_SESSIONS
from game.commands.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the game to web browsers (needs the 'serve' extra)",
                       description="Serve FIRST TAKE to web browsers: each browser tab gets its own game. "
                                   "Binds to this machine only unless --host says otherwise.")
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to listen on (default {DEFAULT_HOST}: this machine only; anything else "
                        "is reachable from the network and prints a warning)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--max-sessions", type=int, default=DEFAULT_MAX_SESSIONS, metavar="N",
                   help=f"games running at once; more tabs see a 'booth is full' page (default {DEFAULT_MAX_SESSIONS})")
    p.add_argument("--pack", metavar="DIR", help="serve a pack folder instead of the built-in story")
    p.add_argument("--kiosk", action="store_true",
                   help="run every game in kiosk mode; needs $FIRST_TAKE_OPERATOR_KEY (see EVENTS.md)")
    p.add_argument("--idle-timeout", type=float, default=None, metavar="SECONDS",
                   help="kiosk: seconds without a key before \"Still there?\" (default 90)")
    p.add_argument("--demo", action="store_true", help="serve only the pack's demo cut")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use when a reverse proxy sits in front (its origin is allowed)")


def game_command(data_dir: Path, pack_dir: Path, kiosk: bool, demo: bool = False,
                 idle_timeout: float | None = None) -> list[str]:
    """The argument list of one player's game (run without a shell). The operator key is not on it:
    it reaches the games through $FIRST_TAKE_OPERATOR_KEY, which a process list does not show."""
    argv = [sys.executable, "-m", "game", "--data-dir", str(data_dir), "play", "--pack", str(pack_dir)]
    if kiosk:
        argv.append("--kiosk")
        if idle_timeout is not None:
            argv += ["--idle-timeout", repr(float(idle_timeout))]
    if demo:
        argv.append("--demo")
    return argv


def _kiosk_problem(args: argparse.Namespace) -> str | None:
    """Why the games could not start in kiosk mode, checked once here rather than in every tab."""
    import os

    from game.booth.kiosk import ENV_OPERATOR_KEY, KeySpecError, parse_operator_key

    if not args.kiosk:
        return "--idle-timeout needs --kiosk" if args.idle_timeout is not None else None
    if args.idle_timeout is not None and not args.idle_timeout > 0:
        return "--idle-timeout must be more than 0 seconds"
    try:
        parse_operator_key(os.environ.get(ENV_OPERATOR_KEY))
    except KeySpecError as err:
        return f"--kiosk: {err}".replace("pass --operator-key or set", "set")
    return None


def run(args: argparse.Namespace) -> int:
    from game.booth.policy import exposure_warning, is_loopback
    from game.commands._pack import load_for_command
    from game.content.paths import builtin_pack_dir
    from game.play.config import resolve_data_dir

    if not 1 <= args.max_sessions <= MAX_MAX_SESSIONS:
        raise UsageError(f"--max-sessions must be between 1 and {MAX_MAX_SESSIONS}")
    if not 0 < args.port < 65536:
        raise UsageError("--port must be between 1 and 65535")
    try:
        from game.serve.booth import BoothServer
    except ModuleNotFoundError as err:
        raise UsageError(f"serve needs textual-serve ({err.name} is not installed).\n"
                         "  Install the extra: pip install 'first-take[serve]'  (from a checkout: pip install "
                         "'.[serve]')") from err
    problem = _kiosk_problem(args)
    if problem:
        raise UsageError(problem)
    pack_dir = (Path(args.pack) if args.pack else builtin_pack_dir()).resolve()
    story, code = load_for_command(pack_dir)
    if story is None:
        return code
    if args.demo and story.demo is None:
        raise UsageError(f"--demo: {story.title} declares no demo cut (`demo:` in pack.yaml)")
    if not is_loopback(args.host):
        print(exposure_warning(args.host, args.port, args.max_sessions), file=sys.stderr, flush=True)
    data_dir = resolve_data_dir(args.data_dir).resolve()
    argv = game_command(data_dir, pack_dir, args.kiosk, args.demo, args.idle_timeout)
    server = BoothServer(argv, host=args.host, port=args.port,
                         max_sessions=args.max_sessions, title=story.title, public_url=args.public_url)
    try:
        server.serve()
    except OSError as err:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {err.strerror or err}"
                         " (is another server using that port? try --port)") from err
    return 0

"""`first-take play`: load the pack (refusing a broken one with located errors), then run the UI."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from game.commands._pack import load_for_command
from game.commands.errors import UsageError
from game.content.paths import builtin_pack_dir
from game.play.config import GameConfig, resolve_data_dir


def parse_assignments(pairs: list[str]) -> dict[str, int | bool | str]:
    out: dict[str, int | bool | str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"--set {pair!r}: write VAR=VALUE")
        name, raw = pair.split("=", 1)
        value: int | bool | str = raw
        if raw in ("true", "false"):
            value = raw == "true"
        else:
            try:
                value = int(raw)
            except ValueError:
                value = raw
        out[name.strip()] = value
    return out


def add_play_args(p: argparse.ArgumentParser) -> None:
    """Options shared by every way of playing (play, replay)."""
    p.add_argument("--pack", metavar="DIR", help="play a pack folder instead of the built-in story")
    p.add_argument("--seed", type=int, default=None, help="seed for the random generator (repeatable runs)")
    p.add_argument("--no-timers", action="store_true", help="turn timed choices off")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("play", help="play the game (the default command)")
    add_play_args(p)
    p.add_argument("--from", dest="from_scene", metavar="SCENE", help="start at this scene (debugging)")
    p.add_argument("--set", dest="set_vars", action="append", default=[], metavar="VAR=VALUE",
                   help="set a variable before starting (debugging; repeatable)")
    p.add_argument("--watch", action="store_true",
                   help="reload the pack when its files change, keeping your place")
    p.add_argument("--debug", action="store_true", help="F12 opens a panel of variables and a scene jump")
    p.add_argument("--record", metavar="FILE",
                   help="keep a route file of this game (replay it with `first-take replay FILE`)")
    p.add_argument("--plain", action="store_true",
                   help="line-based play for screen readers, dumb terminals and scripts (reads stdin)")
    booth = p.add_argument_group("at a booth (see EVENTS.md)")
    booth.add_argument("--kiosk", action="store_true",
                       help="kiosk mode: no way out but the operator key, idle reset, attract loop, booth log")
    booth.add_argument("--operator-key", metavar="SEQUENCE", default=None,
                       help="the key sequence that leaves kiosk mode, e.g. \"ctrl+x booth\" (better: set "
                            "$FIRST_TAKE_OPERATOR_KEY, which the process list does not show)")
    booth.add_argument("--idle-timeout", type=float, default=None, metavar="SECONDS",
                       help="kiosk: seconds without a key before \"Still there?\" (default 90)")
    booth.add_argument("--demo", action="store_true",
                       help="play only the pack's demo cut (pack.yaml `demo:`), ending on a card")


def booth_options(args: argparse.Namespace) -> tuple[dict[str, object], str | None]:
    """GameConfig fields for --kiosk/--demo, or an error (one line) when the flags cannot work."""
    import os

    kiosk, demo = getattr(args, "kiosk", False), getattr(args, "demo", False)
    if not kiosk:
        if args.operator_key is not None or args.idle_timeout is not None:
            return {}, "--operator-key and --idle-timeout need --kiosk"
        return {"demo": demo}, None
    clash = next((flag for flag, on in (("--plain", args.plain), ("--debug", args.debug), ("--watch", args.watch))
                  if on), None)
    if clash:
        return {}, f"--kiosk cannot be combined with {clash}"
    from game.booth.kiosk import DEFAULT_IDLE_TIMEOUT, ENV_OPERATOR_KEY, KeySpecError, parse_operator_key

    sequence = args.operator_key if args.operator_key is not None else os.environ.get(ENV_OPERATOR_KEY)
    try:
        parse_operator_key(sequence)
    except KeySpecError as err:
        return {}, str(err)
    idle = DEFAULT_IDLE_TIMEOUT if args.idle_timeout is None else args.idle_timeout
    if not 0 < idle < float("inf"):  # as `serve --kiosk` checks it
        return {}, "--idle-timeout must be more than 0 seconds"
    return {"kiosk": True, "operator_key": sequence, "idle_timeout": idle, "demo": demo,
            "allow_load": False}, None


def run(args: argparse.Namespace) -> int:
    from game.content.cache import default_cache_dir  # a clean pack loads from the cache next time

    booth, problem = booth_options(args)
    if problem:
        raise UsageError(problem)

    pack_dir = Path(args.pack) if args.pack else builtin_pack_dir()
    story, code = load_for_command(pack_dir, cache_dir=default_cache_dir(args.data_dir))
    if story is None:
        return code
    try:
        set_vars = parse_assignments(args.set_vars)
    except ValueError as err:
        raise UsageError(str(err)) from err
    if args.from_scene and args.from_scene not in story.scenes:
        raise UsageError(f"--from: no scene '{args.from_scene}' in {story.title}")
    unknown = [name for name in set_vars if name not in story.variables]
    if unknown:
        raise UsageError(f"--set: no variable '{unknown[0]}' in {story.title}")
    from_scene = args.from_scene
    if booth.get("demo"):
        if story.demo is None:
            raise UsageError(f"--demo: {story.title} declares no demo cut (`demo: {{start: SCENE, end: SCENE}}`"
                             " in pack.yaml)")
        if from_scene or args.plain:
            raise UsageError(f"--demo cannot be combined with {'--from' if from_scene else '--plain'}")
        from game.booth.kiosk import demo_start

        from_scene = demo_start(story)
    config = GameConfig(
        data_dir=resolve_data_dir(args.data_dir), pack_dir=pack_dir,
        seed=args.seed if args.seed is not None else random.randrange(2**31),
        timers=not args.no_timers, from_scene=from_scene, set_vars=set_vars,
        record_path=Path(args.record) if getattr(args, "record", None) else None,
        debug=args.debug, watch=args.watch, **booth)  # type: ignore[arg-type]
    if getattr(args, "plain", False):
        from game.plain.game import run_plain  # no textual: plain mode works where Textual cannot

        return run_plain(story, config)
    from game.ui.app import make_app  # textual is imported only when the UI is really needed

    if config.kiosk:
        import os

        os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)  # ctrl+c must stay a key, never a signal
    app = make_app(story, config)
    app.run()
    return app.return_code or 0

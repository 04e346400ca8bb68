"""`first-take stats [LOG]`: read a booth log and print sessions, play time, endings, walk-aways."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.commands.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="summarise a booth log written in kiosk mode",
                       description="Summarise a booth log: sessions, median play time, endings reached and "
                                   "the scenes where people walked away most.")
    p.add_argument("log", nargs="?", default=None, metavar="LOG",
                   help="the log file (default: booth/sessions.jsonl in the data dir)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--top", type=int, default=5, metavar="N", help="how many walk-away scenes to list (default 5)")


def run(args: argparse.Namespace) -> int:
    from game.booth.log import BoothLog, default_log_path, render_text, summarize
    from game.play.config import resolve_data_dir

    path = Path(args.log) if args.log else default_log_path(resolve_data_dir(args.data_dir))
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give the log file (booth/sessions.jsonl)")
    try:
        reading = BoothLog(path).read()
    except FileNotFoundError:
        raise UsageError(f"no booth log at {path} (kiosk mode writes one when players finish or walk away)") from None
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from err
    summary = summarize(reading.sessions, reading.damaged)
    if args.format == "json":
        print(json.dumps({"log": str(path), **summary.to_dict()}, indent=1))
    else:
        print(f"Booth log: {path}")
        print(render_text(summary, top=max(1, args.top)))
    return 0

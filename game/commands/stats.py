"""`first-take stats [LOG]`: read a booth log and print sessions, play time, endings, walk-aways."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


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
        print(f"first-take: {path} is a folder; give the log file (booth/sessions.jsonl)", file=sys.stderr)
        return 2
    try:
        reading = BoothLog(path).read()
    except FileNotFoundError:
        print(f"first-take: no booth log at {path} (kiosk mode writes one when players finish or walk away)",
              file=sys.stderr)
        return 2
    except OSError as err:
        print(f"first-take: cannot read {path}: {err.strerror or err}", file=sys.stderr)
        return 2
    summary = summarize(reading.sessions, reading.damaged)
    if args.format == "json":
        print(json.dumps({"log": str(path), **summary.to_dict()}, indent=1))
    else:
        print(f"Booth log: {path}")
        print(render_text(summary, top=max(1, args.top)))
    return 0

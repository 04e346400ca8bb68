"""`first-take graph [DIR] --format mermaid|dot`: the scene graph, grouped by part, endings apart."""

from __future__ import annotations

import argparse
import sys

from game.commands.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("graph", help="draw the scene graph (Mermaid or Graphviz DOT)",
                       description="Print the pack's scenes and choices as a Mermaid flowchart or a Graphviz "
                                   "digraph: scenes grouped by part, endings styled apart, conditional edges "
                                   "labelled with their condition.")
    p.add_argument("pack", nargs="?", default=None, metavar="DIR", help="pack folder (default: the built-in story)")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    from game.commands._pack import load_for_command
    from game.toolkit.graph import dot, mermaid

    story, code = load_for_command(args.pack)
    if story is None:
        return code
    text = mermaid(story) if args.format == "mermaid" else dot(story)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as err:
            raise UsageError(f"graph: cannot write {args.out}: {err.strerror or err}") from err
    else:
        sys.stdout.write(text)
    return 0

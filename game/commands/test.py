"""`first-take test [DIR]`: run every route file under the pack's tests/ folder (golden paths)."""

from __future__ import annotations

import argparse
import json

from game.commands.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("test", help="run the route tests in a pack's tests/ folder",
                       description="Play every *.route.yaml under the pack's tests/ folder (or the files given) "
                                   "and check its expectations. Exit 0 when all pass, 1 when one fails, 2 on "
                                   "usage errors.")
    p.add_argument("pack", nargs="?", default=None, metavar="DIR", help="pack folder (default: the built-in story)")
    p.add_argument("routes", nargs="*", metavar="ROUTE", help="route files to run instead of DIR/tests/")
    p.add_argument("--format", choices=("text", "json", "github"), default="text")
    p.add_argument("--strict", action="store_true", help="a pack without route tests fails (exit 1)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.commands._pack import load_for_command
    from game.content.diagnostics import Diagnostic, render
    from game.content.paths import builtin_pack_dir
    from game.content.routes import find_routes
    from game.toolkit.routetest import run_file

    story, code = load_for_command(args.pack, args.format)
    if story is None:
        return code
    pack_dir = Path(args.pack) if args.pack else builtin_pack_dir()
    paths = [Path(p) for p in args.routes] if args.routes else find_routes(pack_dir)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise UsageError(f"test: no such route file: {missing[0]}")
    results = [run_file(story, p) for p in paths]
    diags: list[Diagnostic] = [d for r in results for d in r.diagnostics]
    if not paths:
        diags.append(Diagnostic(str(pack_dir / "tests"), 1, 1, "W601", f"no route tests in {pack_dir / 'tests'}",
                                "add one: `first-take playtest DIR --write-routes DIR/tests` writes a route to "
                                "each ending"))
    failed = [r for r in results if not r.passed]
    if args.format == "json":
        print(json.dumps({"pack": story.id, "passed": len(results) - len(failed), "failed": len(failed),
                          "routes": [{"path": r.path, "name": r.name, "passed": r.passed, "steps_run": r.steps_run,
                                      "scene": r.scene, "diagnostics": [d.as_dict() for d in r.diagnostics]}
                                     for r in results],
                          "diagnostics": [d.as_dict() for d in diags if d.code == "W601"]}, indent=2))
    elif args.format == "github":
        if diags:
            print(render(diags, "github"))
    else:
        for r in results:
            n = len(r.route.steps) if r.route else 0
            steps = f"{n} step{'s' if n != 1 else ''}" if r.route else "not readable"
            print(f"{'PASS' if r.passed else 'FAIL'}  {r.name} ({r.path}, {steps})")
            for d in r.diagnostics:
                print("  " + d.text().replace("\n", "\n  "))
        for d in diags:
            if d.code == "W601":
                print(d.text())
        print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed or (args.strict and not paths):
        return 1
    return 0

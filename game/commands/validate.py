"""`first-take validate [DIR]`: every problem in a pack at once; exit 0 clean, 1 problems, 2 usage.

Route files under the pack's tests/ folder are read too, and every scene, choice, variable and
ending they name is checked against the pack (playing them is `first-take test`)."""

from __future__ import annotations

import argparse

from game.commands.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a pack and list every problem")
    p.add_argument("pack", nargs="?", default=None, metavar="DIR", help="pack folder (default: the built-in story)")
    p.add_argument("--format", choices=("text", "json", "github"), default="text")
    p.add_argument("--strict", action="store_true", help="treat warnings as problems (exit 1)")


def run(args: argparse.Namespace) -> int:
    from game.content import PackError, load_pack, render
    from game.content.diagnostics import has_errors
    from game.content.paths import builtin_pack_dir

    folder = args.pack or str(builtin_pack_dir())
    try:
        result = load_pack(folder)
    except PackError as err:
        raise UsageError(str(err)) from err
    diags = list(result.diagnostics)
    if result.story is not None:
        from game.content.routes import find_routes, load_route
        from game.toolkit.routetest import check_static

        for path in find_routes(folder):
            route, route_diags = load_route(path)
            diags.extend(route_diags)
            if route is not None:
                diags.extend(check_static(result.story, route))
    if args.format == "text":
        if diags:
            print(render(diags, "text"))
        else:
            story = result.story
            n = len(story.scenes) if story else 0
            print(f"{folder}: ok ({n} scenes, {len(story.endings) if story else 0} endings)")
    else:
        out = render(diags, args.format)
        if out:
            print(out)
    if has_errors(diags) or (args.strict and diags):
        return 1
    return 0

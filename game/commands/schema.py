"""`first-take schema`: the JSON Schemas of pack.yaml, scene files and route files (for editors)."""

from __future__ import annotations

import argparse
import sys

from game.commands.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print or write the JSON Schemas for editor completion",
                       description="Print the JSON Schema (draft 2020-12) of pack.yaml (--pack), of scene files "
                                   "(--scenes) or of route files (--route), or write all three into a folder "
                                   "(--out DIR). Point your editor at them with a first line such as "
                                   "`# yaml-language-server: $schema=scene.schema.json`.")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--pack", dest="which", action="store_const", const="pack", help="the pack.yaml schema")
    which.add_argument("--scenes", dest="which", action="store_const", const="scene", help="the scene file schema")
    which.add_argument("--route", dest="which", action="store_const", const="route", help="the route file schema")
    which.add_argument("--out", metavar="DIR", help="write pack/scene/route .schema.json files into DIR")


def run(args: argparse.Namespace) -> int:
    from game.toolkit import schema

    if args.out:
        try:
            for path in schema.write(args.out):
                print(f"wrote {path}")
        except OSError as err:
            raise UsageError(f"schema: cannot write to {args.out}: {err.strerror or err}") from err
        return 0
    if args.which:
        sys.stdout.write(schema.render(schema.schemas()[args.which]))
        return 0
    for name, file in schema.FILES.items():
        print(f"{file}: first-take schema --{'scenes' if name == 'scene' else name}")
    print(f"shipped in {schema.SCHEMA_DIR}")
    return 0

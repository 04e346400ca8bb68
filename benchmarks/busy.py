"""Run a command several times while every core is kept busy: proof that no test depends on load.

    python benchmarks/busy.py [--times N] [--workers N] [-- CMD ...]

Without CMD it runs README's test command (the first ```sh block after `<!-- test-command -->`,
as .ci/run finds it) through `bash -c`, from the repository root. One CPU-burning process per core
runs for the whole time and is always stopped afterwards, on failure and on Ctrl-C too. Prints the
wall time and exit code of each run; exits non-zero when any run failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_test_command() -> str:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    marker = lines.index("<!-- test-command -->")
    fence = next(i for i in range(marker + 1, len(lines)) if lines[i].startswith("```sh"))
    return lines[fence + 1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    run = command or ["bash", "-c", readme_test_command()]
    burners = [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(args.workers)]
    results: list[tuple[float, int]] = []
    try:
        for n in range(1, args.times + 1):
            started = time.monotonic()
            code = subprocess.run(run, cwd=ROOT).returncode
            results.append((time.monotonic() - started, code))
            print(f"busy run {n}/{args.times}: exit {code} in {results[-1][0]:.0f} s "
                  f"({args.workers} busy workers)", flush=True)
    finally:
        for p in burners:
            p.kill()
        for p in burners:
            p.wait()
    failed = sum(1 for _, code in results if code != 0)
    print(f"busy runs: {len(results) - failed} passed, {failed} failed")
    return 1 if failed or len(results) < args.times else 0


if __name__ == "__main__":
    sys.exit(main())

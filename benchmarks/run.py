"""FIRST TAKE benchmarks: every figure next to its floor, measured in the same run.

    python benchmarks/run.py [--quick] [--out FILE] [--save-reference]

Prints a table (figure, value, floor, ratio, target) and writes JSON: by default a new file in
benchmarks/results/runs/ (git ignores that folder, so running the benchmark leaves the checkout
clean), or FILE. Only --save-reference also rewrites the committed reference run,
benchmarks/results/reference.json, the one README's Performance table shows: use it when you mean
to commit the new figures with that table. Not a test: timings depend on the machine, so nothing
here fails a build.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(HERE)]

import genpack  # noqa: E402
import hostile  # noqa: E402


@dataclass
class Row:
    figure: str
    value: float | None
    unit: str
    floor_name: str
    floor: float | None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor


def side_by_side(figure, floor, n: int) -> tuple[float, float]:  # noqa: ANN001
    """Median ms of each, alternating runs, so both see the same machine (other load comes and goes)."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(n):
        b.append(timed(floor) * 1000)
        a.append(timed(figure) * 1000)
    return statistics.median(a), statistics.median(b)


def timed(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_child(args: list[str], timeout: float = 120.0) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
    return time.perf_counter() - start, done


def probe(*args: str) -> list[str]:
    return [sys.executable, str(HERE / "probe.py"), *args]


def first_take() -> list[str]:
    import shutil

    exe = shutil.which("first-take") or str(Path(sys.executable).with_name("first-take"))
    return [exe] if Path(exe).exists() else [sys.executable, "-m", "game"]


# -- figures -------------------------------------------------------------------------------------
def bench_startup(tmp: Path, n: int) -> list[Row]:
    game, minimal = [], []
    for _ in range(n):  # alternate, so both see the same machine
        for which, out in (("minimal", minimal), ("game", game)):
            seconds, done = run_child(probe("startup", which, str(tmp / "startup-data")))
            if done.returncode != 0:
                raise RuntimeError(f"startup probe {which} failed:\n{done.stderr[-2000:]}")
            out.append(seconds * 1000)
    g, m = statistics.median(game), statistics.median(minimal)
    parts: dict[str, list[float]] = {}
    for _ in range(3):
        _, done = run_child(probe("startup", "breakdown", str(tmp / "startup-data")))
        for name, ms in json.loads(done.stdout.strip().splitlines()[-1]).items():
            parts.setdefault(name, []).append(ms)
    note = "in-process medians: " + ", ".join(f"{k} {statistics.median(v):.0f} ms" for k, v in parts.items())
    return [Row("startup: launch -> title screen's first frame (headless, median)", g, "ms",
                "minimal Textual app, same harness", m, "<= 1.3x floor", g <= 1.3 * m,
                note + "; the pack comes from the content-hash cache after the first launch")]


def bench_campaign(n: int) -> list[Row]:
    import yaml

    from game.content import load_pack
    from game.content.paths import builtin_facts_path, builtin_pack_dir

    pack = builtin_pack_dir()
    files = sorted(pack.rglob("*.yaml")) + [builtin_facts_path()]
    texts = [f.read_text(encoding="utf-8") for f in files]
    result = load_pack(pack)
    scenes = len(result.story.scenes) if result.story else 0
    ours, raw = side_by_side(lambda: load_pack(pack),
                             lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts], n)
    note = f"{scenes} scenes, {sum(len(t) for t in texts) / 1024:.0f} KiB; ok={result.ok}"
    return [Row("built-in campaign: load + validate (median)", ours, "ms",
                "raw yaml.load(CSafeLoader) of the same files", raw, "< 150 ms", ours < 150, note)]


def bench_big_pack(tmp: Path, n: int) -> list[Row]:
    import yaml

    from game.content import load_pack

    folder = tmp / "gen5000"
    files = genpack.write_pack(folder, scenes=5000)
    size = sum(f.stat().st_size for f in files) / 1e6
    def raw_parse() -> None:
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    results = []
    ours, raw = side_by_side(lambda: results.append(load_pack(folder)), raw_parse, n)
    result = results[0]
    note = f"{len(files)} files, {size:.1f} MB; ok={result.ok}, {len(result.diagnostics)} diagnostics"
    rows = [Row("generated 5,000-scene pack: load + validate (median)", ours, "ms",
                "raw yaml.load(CSafeLoader) of the same files", raw, "<= 1.5x floor", ours <= 1.5 * raw, note)]
    try:
        from game.content.cache import CACHE_VERSION  # noqa: F401
    except ImportError:
        return rows
    cache = tmp / "cache"
    load_pack(folder, cache_dir=cache)  # fills the cache
    warm = statistics.median(timed(lambda: load_pack(folder, cache_dir=cache)) * 1000 for _ in range(n))
    rows.append(Row("  ... repeat load from the content-hash cache (median)", warm, "ms",
                    "raw yaml.load(CSafeLoader) of the same files", raw, "", None,
                    "JSON in the user cache dir; every file re-hashed to validate it"))
    return rows


def bench_latency(tmp: Path, n: int) -> list[Row]:
    def run(which: str) -> dict:
        _, done = run_child(probe("latency", which, str(tmp / f"latency-{which}"), str(n)), timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"latency probe {which} failed:\n{done.stderr[-2000:]}")
        data = json.loads(done.stdout.strip().splitlines()[-1])
        data["latencies"] = sorted(x * 1000 for x in data["latencies"])
        return data

    game_data, minimal_data = run("game"), run("minimal")
    game, minimal = game_data["latencies"], minimal_data["latencies"]

    def p95(xs: list[float]) -> float:
        return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]

    note = (f"{n} choices of the campaign (random, restarting at endings), Pilot harness, keys as Key events; "
            f"app.choose (engine, autosave, widget updates) takes {statistics.mean(game_data['choose_ms']):.1f} ms "
            f"a choice on average, of which file writes (autosave, gallery; fsync'd) "
            f"{game_data['write_ms_per_choice']:.1f} ms; the rest is Textual: per choice it applies CSS to a widget "
            f"{game_data['restyles_per_choice']:.0f} times and composes {game_data['frames_per_choice']:.1f} "
            f"frames, plus frame pacing")
    return [Row("choice: key -> next scene's first frame, median", statistics.median(game), "ms",
                "minimal app: key -> changed text's frame", statistics.median(minimal), "< 16 ms",
                statistics.median(game) < 16, note),
            Row("choice: key -> next scene's first frame, p95", p95(game), "ms",
                "minimal app: key -> changed text's frame", p95(minimal), "< 33 ms", p95(game) < 33)]


def bench_playtest(n: int) -> list[Row]:
    from game.content import load_pack
    from game.content.paths import builtin_pack_dir

    story = load_pack(builtin_pack_dir()).story
    try:
        from game.toolkit.explorer import explore
        from game.toolkit.playtest import playtest
    except ImportError:
        return [Row("exhaustive playtest of the campaign", None, "s", "engine BFS", None, "< 2 s", None,
                    "not available: game/toolkit/ (explorer, playtest) is not in this checkout")]
    reports = [playtest(story) for _ in range(n)]
    seconds = statistics.median(r.seconds for r in reports)
    report = reports[0]
    ex = explore(story)
    per_state = ex.seconds / max(1, ex.states) * 1e6
    naive_states, naive_seconds = naive_bfs(story, min(ex.states, 10_000))
    naive_per_state = naive_seconds / max(1, naive_states) * 1e6
    endings = len(story.endings) - len(report.unreached_endings)
    note = (f"`first-take playtest` as built: method={report.method}, {report.states:,} states "
            f"({report.states / seconds:,.0f} states/s), {endings} of {len(story.endings)} endings reached, "
            f"{report.problems} problems; the exploration alone: {ex.states:,} states in {ex.seconds:.2f} s "
            f"(complete={ex.complete})")
    return [Row("exhaustive playtest of the campaign: total (median)", seconds, "s",
                "engine BFS (Session per edge), same state count", naive_per_state * report.states / 1e6,
                "< 2 s", seconds < 2, note),
            Row("  ... explorer, per state", per_state, "us", "engine BFS (Session per edge)", naive_per_state,
                "", None, f"engine BFS measured over {naive_states:,} states")]


def naive_bfs(story, cap: int) -> tuple[int, float]:  # noqa: ANN001
    """The floor: breadth-first over concrete engine states, deduplicated on what the story observes."""
    from collections import deque

    from game.engine.session import Session

    start = time.perf_counter()
    first = Session(story, seed=1)
    seen = {first.state.story_key()}
    queue = deque([first.state])
    while queue and len(seen) < cap:
        state = queue.popleft()
        for view in Session(story, state.copy()).available():
            s = Session(story, state.copy())
            s.choose(view.id)
            key = s.state.story_key()
            if key not in seen:
                seen.add(key)
                if not s.is_over:
                    queue.append(s.state)
    return len(seen), time.perf_counter() - start


def bench_memory(tmp: Path, n: int) -> list[Row]:
    def run(which: str) -> dict:
        _, done = run_child(probe("memory", which, str(tmp / f"memory-{which}"), str(n)), timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"memory probe {which} failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    game, minimal = run("game"), run("minimal")
    return [Row(f"peak memory of a {n}-choice session (UI, whole process)", game["peak_mib"], "MiB",
                f"minimal app, {n} keys", minimal["peak_mib"], "< 120 MB", game["peak_mib"] * 1.048576 < 120,
                f"looping test pack, {game['turns']} choices, one session")]


def bench_hostile(tmp: Path) -> list[Row]:
    clean = hostile.make(tmp / "hostile", None)
    floor = statistics.median(run_child(first_take() + ["validate", str(clean)])[0] for _ in range(3)) * 1000
    worst, worst_name, codes = 0.0, "", []
    for name in hostile.CASES:
        pack = hostile.make(tmp / "hostile", name)
        seconds, done = run_child(first_take() + ["validate", str(pack)], timeout=60)
        code = next((line.split("error[")[1][:4] for line in done.stdout.splitlines()
                     if "hostile.yaml" in line and "error[" in line), "none")
        codes.append(f"{name}: {code} exit {done.returncode} in {seconds * 1000:.0f} ms")
        if seconds * 1000 > worst:
            worst, worst_name = seconds * 1000, name
    deep = tmp / "hostile" / "nesting_25000_deep" / "hostile.yaml"
    _, raw = run_child([sys.executable, "-c", hostile.raw_deep_nesting_script(deep)])
    codes.append(f"raw CSafeLoader on the 25,000-deep file: exit {raw.returncode}"
                 f"{' (SIGSEGV)' if raw.returncode == -11 else ''}")
    return [Row(f"hostile packs: slowest refusal ({worst_name})", worst, "ms", "validate of a clean 1-scene pack",
                floor, "< 1 s", worst < 1000, "; ".join(codes))]


# -- output --------------------------------------------------------------------------------------
def fmt(x: float | None, unit: str = "") -> str:
    if x is None:
        return "n/a"
    text = f"{x:,.0f}" if x >= 100 else f"{x:,.1f}" if x >= 10 else f"{x:,.2f}"
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    head = ["figure", "value", "floor", "ratio", "target", "met"]
    body = [[r.figure, fmt(r.value, r.unit), f"{fmt(r.floor, r.unit)} ({r.floor_name})",
             f"{r.ratio:.2f}x" if r.ratio is not None else "n/a", r.target,
             "" if r.met is None else ("yes" if r.met else "NO")] for r in rows]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    notes = [f"- {r.figure.strip(' .')}: {r.note}" for r in rows if r.note]
    return "\n".join(lines) + ("\n\nNotes:\n" + "\n".join(notes) if notes else "")


RESULTS = HERE / "results"
RUNS = RESULTS / "runs"  # ignored by git (.gitignore)
REFERENCE = RESULTS / "reference.json"  # committed: the run README's Performance table shows


def out_paths(out: str | None, save_reference: bool, stamp: str) -> list[Path]:
    """Where a run's JSON goes: --out or a new file in RUNS, and REFERENCE only when asked for."""
    paths = [Path(out) if out else RUNS / f"run-{stamp}.json"]
    if save_reference and REFERENCE.resolve() not in [p.resolve() for p in paths]:
        paths.append(REFERENCE)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--out", metavar="FILE",
                        help=f"write the JSON here (default: a new run-*.json in {RUNS.relative_to(ROOT)}/, "
                             "which git ignores)")
    parser.add_argument("--save-reference", action="store_true",
                        help=f"also rewrite the committed reference run, {REFERENCE.relative_to(ROOT)} "
                             "(for a commit that updates README's Performance table)")
    args = parser.parse_args(argv)
    if args.save_reference and args.quick:
        parser.error("--save-reference takes a full run: a --quick run is no reference")
    paths = out_paths(args.out, args.save_reference, time.strftime("%Y%m%d-%H%M%S"))
    reps = 3 if args.quick else 7
    began = time.perf_counter()
    load_before = round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="first-take-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["FIRST_TAKE_DATA_DIR"] = str(tmp / "data")  # never the user's own saves
        steps = [("startup", lambda: bench_startup(tmp, reps)),
                 ("campaign", lambda: bench_campaign(15 if not args.quick else 5)),
                 ("5,000-scene pack", lambda: bench_big_pack(tmp, 3)),
                 ("choice latency", lambda: bench_latency(tmp, 200 if not args.quick else 60)),
                 ("playtest", lambda: bench_playtest(3 if not args.quick else 1)),
                 ("memory", lambda: bench_memory(tmp, 500 if not args.quick else 150)),
                 ("hostile packs", lambda: bench_hostile(tmp))]
        for name, step in steps:
            print(f"== {name} ...", file=sys.stderr, flush=True)
            rows.extend(step())
    total = time.perf_counter() - began
    load_after = round(os.getloadavg()[0], 1) if hasattr(os, "getloadavg") else None
    print(table(rows))
    print(f"\n{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {load_before} -> {load_after} (other work on the machine "
          f"slows every figure; compare ratios); run took {total:.0f} s")
    report = json.dumps({
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seconds": round(total, 1), "cpus": os.cpu_count(),
        "python": platform.python_version(), "quick": args.quick, "loadavg": [load_before, load_after],
        "rows": [dict(asdict(r), ratio=r.ratio) for r in rows]}, indent=1) + "\n"
    for out in paths:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
        print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Child-process probes for benchmarks/run.py: each measures one thing in a fresh interpreter.

    python benchmarks/probe.py startup game|minimal DATA_DIR
        exits (os._exit) on the first frame of the title screen (or of the minimal app), so the
        parent's wall clock is launch -> first frame; the game goes through `first-take play`
        (game.cli.main), headless.
    python benchmarks/probe.py latency game|minimal DATA_DIR N
        N choices (key events posted to the app under the Pilot harness, app.run_test); prints JSON
        latencies: key posted -> first frame composed after the choice landed.
    python benchmarks/probe.py memory game|minimal DATA_DIR N
        N choices through the UI in one session of the looping test pack; prints JSON with the
        process's peak RSS.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOOP_PACK = ROOT / "tests" / "packs" / "loop"


def _exit_on_first_frame(screen_name: str | None) -> None:
    """Make every App run headless and end the process on its first composed frame."""
    from textual.app import App

    run = App.run
    display = App._display

    def headless_run(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        kwargs["headless"] = True
        return run(self, *args, **kwargs)

    def first_frame(self, screen, renderable) -> None:  # noqa: ANN001
        display(self, screen, renderable)
        if renderable is not None and (screen_name is None or type(screen).__name__ == screen_name):
            sys.stdout.flush()
            os._exit(0)

    App.run = headless_run  # type: ignore[method-assign]
    App._display = first_frame  # type: ignore[method-assign]


def minimal_app():  # noqa: ANN201
    """The floor: the smallest Textual app that shows a title and answers a key by changing text."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[None]):
        BINDINGS = [(str(n), f"pick({n})", "") for n in range(1, 10)]

        def __init__(self) -> None:
            super().__init__()
            self.turn = 0

        def compose(self) -> ComposeResult:
            yield Static("FIRST TAKE", id="text")

        def action_pick(self, n: int) -> None:
            self.turn += 1
            self.query_one("#text", Static).update(f"Turn {self.turn}: you chose {n}. " + "Words. " * 60)

    return Minimal()


def startup(which: str, data_dir: str) -> None:
    if which == "minimal":
        _exit_on_first_frame(None)
        minimal_app().run()
    else:
        _exit_on_first_frame("TitleScreen")
        from game.cli import main

        main(["--data-dir", data_dir, "play", "--seed", "1", "--no-timers"])
    raise SystemExit("no frame was drawn")


def startup_breakdown(data_dir: str) -> None:
    """Where the game's startup goes, in-process: imports, pack load, app build, first frame."""
    marks = [("start", time.perf_counter())]
    import textual.app  # noqa: F401 - the floor's own import

    marks.append(("import textual", time.perf_counter()))
    from game.content import load_pack
    from game.content.cache import default_cache_dir
    from game.content.paths import builtin_pack_dir

    marks.append(("import game.content", time.perf_counter()))
    story = load_pack(builtin_pack_dir(), cache_dir=default_cache_dir(data_dir)).story
    marks.append(("load campaign (cache)", time.perf_counter()))
    from game.play.config import GameConfig
    from game.ui.app import make_app

    marks.append(("import game.ui", time.perf_counter()))
    app = make_app(story, GameConfig(data_dir=Path(data_dir), seed=1, timers=False))
    marks.append(("make_app", time.perf_counter()))
    from textual.app import App

    display = App._display

    def first_frame(self, screen, renderable) -> None:  # noqa: ANN001
        display(self, screen, renderable)
        if renderable is not None and type(screen).__name__ == "TitleScreen":
            marks.append(("run -> first frame", time.perf_counter()))
            print(json.dumps({name: round((t - marks[i][1]) * 1000, 1) for i, (name, t) in enumerate(marks[1:])}))
            sys.stdout.flush()
            os._exit(0)

    App._display = first_frame  # type: ignore[method-assign]
    app.run(headless=True)


async def _drive(app, n: int, pick_key, turn_of, restart=None) -> list[float]:  # noqa: ANN001
    """Post n keys; for each, the time from posting to the first frame composed after it landed."""
    from textual import events

    frames: list[tuple[float, int]] = []
    display = app._display

    def spy(screen, renderable) -> None:  # noqa: ANN001
        display(screen, renderable)
        if renderable is not None:
            frames.append((time.perf_counter(), turn_of()))

    app._display = spy
    latencies: list[float] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await prepare(app, pilot)
        for _ in range(n):
            if restart is not None and restart():  # the story ended: start again (not timed)
                await pilot.pause()
            key = pick_key()
            before = turn_of()
            frames.clear()
            start = time.perf_counter()
            app.post_message(events.Key(key, key))
            deadline = start + 5.0
            while time.perf_counter() < deadline and not any(t > before for _, t in frames):
                await asyncio.sleep(0)
            landed = [at for at, t in frames if t > before]
            latencies.append((landed[0] if landed else deadline) - start)
            await pilot.pause(0.01)  # let anything the choice scheduled finish before the next key
    return latencies


async def prepare(app, pilot) -> None:  # noqa: ANN001
    if hasattr(app, "new_game"):
        await pilot.press("n")
        await pilot.pause()


def _game_app(data_dir: str, pack: Path | None):  # noqa: ANN202
    from game.content import load_pack
    from game.content.paths import builtin_pack_dir
    from game.play.config import GameConfig

    story = load_pack(pack or builtin_pack_dir()).story
    assert story is not None
    from game.ui.app import make_app

    return make_app(story, GameConfig(data_dir=Path(data_dir), seed=1, timers=False))


def _game_driver(app, rnd: random.Random, avoid: set[str]):  # noqa: ANN001, ANN202
    def turn_of() -> int:
        s = app.session
        return -1 if s is None else s.state.turn + 100_000 * getattr(app, "_bench_games", 0)

    def restart() -> bool:
        s = app.session
        if s is not None and not s.is_over and s.available():
            return False
        app._bench_games = getattr(app, "_bench_games", 0) + 1
        app.new_game()
        return True

    def pick_key() -> str:
        views = [v for v in app.session.available() if v.id not in avoid]
        return str(rnd.choice(views).number)

    return pick_key, turn_of, restart


def _minimal_driver(app, rnd: random.Random):  # noqa: ANN001, ANN202
    return (lambda: str(rnd.randrange(1, 4))), (lambda: app.turn), None


def latency(which: str, data_dir: str, n: int) -> None:
    rnd = random.Random(2021)
    if which == "minimal":
        app = minimal_app()
        driver = _minimal_driver(app, rnd)
        print(json.dumps({"latencies": asyncio.run(_drive(app, n, *driver))}))
        return
    import game.storage.files as jsonfile
    import game.storage.files as saves

    app = _game_app(data_dir, None)
    driver = _game_driver(app, rnd, set())
    choose, write = app.choose, saves.atomic_write
    choose_ms: list[float] = []
    write_ms: list[float] = []

    def timed_choose(choice_id: str) -> None:
        start = time.perf_counter()
        choose(choice_id)
        choose_ms.append((time.perf_counter() - start) * 1000)

    def timed_write(path, data) -> None:  # noqa: ANN001
        start = time.perf_counter()
        write(path, data)
        write_ms.append((time.perf_counter() - start) * 1000)

    app.choose = timed_choose
    saves.atomic_write = jsonfile.atomic_write = timed_write
    from textual.css.stylesheet import Stylesheet

    restyled = [0]
    apply = Stylesheet.apply

    def counted_apply(self, node, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        restyled[0] += 1
        return apply(self, node, *args, **kwargs)

    Stylesheet.apply = counted_apply  # type: ignore[method-assign]
    frames = [0]
    display = app._display

    def counted_display(screen, renderable) -> None:  # noqa: ANN001
        frames[0] += renderable is not None
        display(screen, renderable)

    app._display = counted_display
    latencies = asyncio.run(_drive(app, n, *driver))
    print(json.dumps({"latencies": latencies, "choose_ms": choose_ms,
                      "write_ms_per_choice": sum(write_ms) / max(1, len(choose_ms)), "writes": len(write_ms),
                      "frames_per_choice": frames[0] / max(1, len(choose_ms)),
                      "restyles_per_choice": restyled[0] / max(1, len(choose_ms))}))


def memory(which: str, data_dir: str, n: int) -> None:
    rnd = random.Random(2021)
    if which == "minimal":
        app = minimal_app()
        driver = _minimal_driver(app, rnd)
    else:
        app = _game_app(data_dir, LOOP_PACK)
        driver = _game_driver(app, rnd, {"leave"})
    asyncio.run(_drive(app, n, *driver))
    print(json.dumps({"peak_mib": peak_rss_kib() / 1024, "turns": driver[1]()}))


def peak_rss_kib() -> int:
    """This process's peak resident set. VmHWM, because Linux's ru_maxrss also counts the parent's
    resident size at fork (it survives exec), which would charge the benchmark runner to the probe."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    mode, which, data = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "startup" and which == "breakdown":
        startup_breakdown(data)
    elif mode == "startup":
        startup(which, data)
    elif mode == "latency":
        latency(which, data, int(sys.argv[4]))
    elif mode == "memory":
        memory(which, data, int(sys.argv[4]))
    else:
        raise SystemExit(f"unknown probe {mode}")

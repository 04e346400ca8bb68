"""`first-take stats` on a booth log written from games played by keys in the Textual app (Pilot)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from game.booth.log import BoothLog, PlayerSession
from game.engine.model import Story
from game.play.config import GameConfig
from game.ui.app import make_app
from tests.conftest import run_cli


async def play_and_log(story: Story, config: GameConfig, keys: list[str], log: BoothLog,
                       outcome: str | None = None) -> PlayerSession:
    """One stranger at the booth: New game, some keys, then the kiosk writes the log line."""
    app = make_app(story, config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        started = time.time()
        await pilot.press("n")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        entry = PlayerSession.from_state(story, app.playthrough.state, started=started, outcome=outcome)
    log.record(entry)
    return entry


async def test_stats_counts_a_log_written_by_pilot_sessions(tiny: Story, config: GameConfig, tmp_path: Path) -> None:
    log = BoothLog(tmp_path / "booth" / "sessions.jsonl")
    won = await play_and_log(tiny, config, ["2", "5"], log)  # refuel, launch: orbit
    assert (won.outcome, won.scene, won.choices) == ("ending", "orbit", ("refuel", "launch"))
    left = await play_and_log(tiny, config, ["1"], log)  # picks up the camera, walks away
    assert (left.outcome, left.scene) == ("idle", "hangar")
    closed = await play_and_log(tiny, config, ["3", "3"], log, outcome="closed")  # the press choice goes away
    assert closed.choices == ("tell_press", "wait")
    scrubbed = await play_and_log(tiny, config, ["5"], log)  # launch with too little fuel
    assert scrubbed.scene == "scrub"

    out = run_cli("stats", str(log.path))
    assert out.returncode == 0, out.stderr
    assert "Sessions: 4 (2 reached an ending, 2 walked away)" in out.stdout
    assert "median 1.5 choices" in out.stdout
    lines = out.stdout.splitlines()
    endings = lines[lines.index("Endings reached:") + 1:lines.index("Endings reached:") + 3]
    assert sorted(line.split() for line in endings) == [["1", "orbit"], ["1", "scrub"]]
    walk = lines[lines.index("Where people walked away:") + 1]
    assert walk.split() == ["2", "hangar"]

    out = run_cli("stats", str(log.path), "--format", "json")
    data = json.loads(out.stdout)
    assert (data["sessions"], data["finished"], data["left"]) == (4, 2, 2)
    assert data["walkaways"] == [{"scene": "hangar", "count": 2}]
    assert data["damaged_lines"] == []


def test_stats_default_log_and_missing_log(tmp_path: Path, data_dir: Path) -> None:
    out = run_cli("stats")
    assert out.returncode == 2 and "no booth log at" in out.stderr and "Traceback" not in out.stderr
    BoothLog(data_dir / "booth" / "sessions.jsonl").record(
        PlayerSession("2021-10-17T04:35:00Z", 90.0, ("a",), "idle", "ret_undock"))
    with open(data_dir / "booth" / "sessions.jsonl", "a") as fh:
        fh.write("{half a line\n")
    out = run_cli("stats")  # FIRST_TAKE_DATA_DIR points at this test's data dir
    assert out.returncode == 0, out.stderr
    assert "Sessions: 1 (0 reached an ending, 1 walked away)" in out.stdout
    assert "skipped 1 damaged line(s) (line 2)" in out.stdout
    out = run_cli("stats", str(tmp_path))
    assert out.returncode == 2 and "is a folder" in out.stderr

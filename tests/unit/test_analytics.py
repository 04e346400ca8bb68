"""The booth log: one JSON line per player, no personal data, shared safely, read forgivingly."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from game.booth.log import (
    MAX_LINE_BYTES,
    BoothLog,
    PlayerSession,
    default_log_path,
    duration_text,
    render_text,
    summarize,
)
from game.engine.model import Story
from game.engine.session import Session

FIELDS = {"v", "started", "duration", "choices", "outcome", "scene", "pack", "version", "seed", "ending_kind",
          "demo"}


def player(outcome: str, scene: str, duration: float, choices: tuple[str, ...] = ("a",), started: str = "") -> PlayerSession:
    return PlayerSession(started=started or "2021-10-05T08:55:00Z", duration=duration, choices=choices,
                         outcome=outcome, scene=scene, pack="first-take", version="1.0.0")


def test_from_state_ending_and_walk_away(tiny: Story) -> None:
    session = Session(tiny, seed=4)
    for choice in ("refuel", "refuel", "launch"):
        session.choose(choice)
    done = PlayerSession.from_state(tiny, session.state, started=1000.0, ended=1312.34)
    assert (done.outcome, done.scene, done.ending_kind, done.duration) == ("ending", "orbit", "best", 312.3)
    assert done.choices == ("refuel", "refuel", "launch") and done.finished
    assert done.started == "1970-01-01T00:16:40Z" and done.pack == "tiny" and done.seed == 4
    left = Session(tiny, seed=4)
    left.choose("refuel")
    walked = PlayerSession.from_state(tiny, left.state, started=0.0, ended=50.0)
    assert (walked.outcome, walked.scene, walked.ending_kind, walked.finished) == ("idle", "hangar", "", False)
    closed = PlayerSession.from_state(tiny, left.state, started=0.0, ended=5.0, outcome="closed")
    assert closed.outcome == "closed"
    with pytest.raises(ValueError, match="unknown outcome"):
        PlayerSession.from_state(tiny, left.state, started=0.0, outcome="abducted")


def test_a_line_holds_no_personal_data_and_round_trips(tmp_path: Path, tiny: Story) -> None:
    log = BoothLog(tmp_path / "booth" / "sessions.jsonl")
    entry = player("ending", "end_premiere", 301.5, ("go", "film"))
    log.record(entry)
    log.record(player("idle", "iss_galley", 42.0))
    lines = log.path.read_text().splitlines()
    assert len(lines) == 2
    assert set(json.loads(lines[0])) == FIELDS  # nothing else: no names, addresses or typed text
    reading = log.read()
    assert reading.sessions[0] == entry and reading.damaged == []


def test_default_log_lives_in_the_data_dir(tmp_path: Path) -> None:
    assert default_log_path(tmp_path) == tmp_path / "booth" / "sessions.jsonl"


def _writer(path: str, worker: int, count: int) -> None:
    log = BoothLog(path)
    for n in range(count):
        log.record(player("ending" if n % 2 else "idle", f"s{worker}", float(n), tuple(f"c{i}" for i in range(40))))


def test_many_processes_append_without_tearing_lines(tmp_path: Path) -> None:
    path = tmp_path / "shared.jsonl"
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), w, 150)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    reading = BoothLog(path).read()
    assert reading.damaged == []
    assert len(reading.sessions) == 600
    assert {s.scene for s in reading.sessions} == {"s0", "s1", "s2", "s3"}


def test_damaged_lines_are_counted_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    good = player("ending", "end_quiet", 100.0).to_json()
    path.write_bytes(b"\n".join([
        good.encode(),
        b"not json at all",
        b'{"v": 1, "choices": "oops"}',
        b"",
        good.encode()[:40],  # a line cut short by a crash
        b'{"v": 99, "choices": [], "duration": 1, "outcome": "ending", "scene": "x"}',
        b'{"v": 1, "choices": [], "duration": -1, "outcome": "ending", "scene": "x"}',
        b'{"v": 1, "choices": [], "duration": 1, "outcome": "ending", "scene": ""}',
        b"\xff\xfe not utf-8",
        b"[" * 100_000,
        b"x" * (MAX_LINE_BYTES + 10),
        good.encode(),
    ]) + b"\n")
    reading = BoothLog(path).read()
    assert len(reading.sessions) == 2
    assert reading.damaged == [2, 3, 5, 6, 7, 8, 9, 10, 11]
    text = render_text(summarize(reading.sessions, reading.damaged))
    assert "skipped 9 damaged line(s) (line 2, 3, 5, 6, 7, 8, 9, 10, 11)" in text


def test_summary_counts_medians_and_rankings() -> None:
    sessions = [
        player("ending", "end_premiere", 600.0, started="2021-10-05T10:00:00Z"),
        player("ending", "end_premiere", 420.0),
        player("ending", "end_leaked", 300.0),
        player("idle", "iss_galley", 60.0, ("a", "b", "c")),
        player("closed", "iss_galley", 30.0),
        player("idle", "b_arrival", 5.0, ()),
        player("operator", "thr_alarm", 200.0),
    ]
    summary = summarize(sessions)
    assert (summary.sessions, summary.finished, summary.left) == (7, 3, 4)
    assert summary.median_seconds == 200.0 and summary.median_choices == 1
    assert summary.endings == [("end_premiere", 2), ("end_leaked", 1)]
    assert summary.walkaways == [("iss_galley", 2), ("b_arrival", 1), ("thr_alarm", 1)]
    assert summary.first_start == "2021-10-05T08:55:00Z" and summary.last_start == "2021-10-05T10:00:00Z"
    text = render_text(summary, top=2)
    assert "Sessions: 7 (3 reached an ending, 4 walked away)" in text
    assert "Median play time: 3m 20s" in text
    assert "top 2 of 3" in text and "thr_alarm" not in text
    assert summary.to_dict()["endings"][0] == {"scene": "end_premiere", "count": 2}


def test_empty_log_and_durations() -> None:
    assert render_text(summarize([])) == "No player sessions in this log yet."
    assert [duration_text(s) for s in (None, 4.4, 65, 3600 * 2 + 60 * 5)] == ["-", "4s", "1m 05s", "2h 05m"]

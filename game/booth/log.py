"""The booth log: one JSON line per player session at an event, and the summary `first-take stats` prints.

A line says when a session started, how long it lasted, the choice ids taken, and how it ended (an
ending, or the scene where the player walked away). Nothing about the person is kept: no names, no
addresses, nothing typed. Lines are appended with one ``write`` on a file opened with ``O_APPEND``,
so several kiosk processes (one per browser tab under `first-take serve`) can share one log without
interleaving, and a crash loses at most the line being written. Reading is forgiving: a damaged
line is counted and skipped, never fatal.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from game.engine.model import Story
from game.engine.state import GameState

LOG_VERSION = 1
MAX_LINE_BYTES = 256 * 1024
OUTCOMES = ("ending", "idle", "closed", "operator")
"""ending: reached an ending; idle: walked away (the idle timeout reset the game); closed: the
terminal or browser tab went away mid-game; operator: the operator reset the game or left kiosk mode."""


def default_log_path(data_dir: Path) -> Path:
    """Where kiosk mode writes the booth log: ``DATA_DIR/booth/sessions.jsonl``."""
    return Path(data_dir) / "booth" / "sessions.jsonl"


def utc_stamp(when: float | None = None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() if when is None else when))


@dataclass(frozen=True)
class PlayerSession:
    """One stranger's turn at the booth: what the kiosk records when the game ends or resets."""

    started: str  # UTC, ISO 8601, to the second
    duration: float  # seconds from the start of the game to the ending or the walk-away
    choices: tuple[str, ...]  # choice ids, in order
    outcome: str  # one of OUTCOMES
    scene: str  # the ending's scene id, or the scene where the player left
    pack: str = ""
    version: str = ""
    seed: int = 0
    ending_kind: str = ""  # best | good | bittersweet | bad, when outcome is "ending"
    demo: bool = False

    @property
    def finished(self) -> bool:
        return self.outcome == "ending"

    @classmethod
    def from_state(cls, story: Story, state: GameState, *, started: float, ended: float | None = None,
                   outcome: str | None = None, demo: bool = False) -> PlayerSession:
        """Summarise a game. ``started``/``ended`` are ``time.time()`` values; the outcome defaults to
        "ending" when the state is at an ending and "idle" otherwise."""
        scene = story.scenes.get(state.scene)
        ending = scene.ending if scene is not None else None
        outcome = outcome or ("ending" if ending else "idle")
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}; use one of {', '.join(OUTCOMES)}")
        ended = time.time() if ended is None else ended
        return cls(started=utc_stamp(started), duration=round(max(0.0, ended - started), 1),
                   choices=tuple(c for _, c in state.log), outcome=outcome, scene=state.scene,
                   pack=story.id, version=story.version, seed=state.seed,
                   ending_kind=ending.kind if ending and outcome == "ending" else "", demo=demo)

    def to_json(self) -> str:
        data: dict[str, Any] = {"v": LOG_VERSION, **asdict(self)}
        data["choices"] = list(self.choices)
        return json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> PlayerSession:
        """Parse one log line; raises ValueError with a short reason when it is damaged."""
        try:
            data = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            raise ValueError("not JSON") from None
        if not isinstance(data, dict):
            raise ValueError("not an object")
        version = data.get("v")
        if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= LOG_VERSION:
            raise ValueError(f"unknown log version {version!r}")
        choices = data.get("choices")
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            raise ValueError("choices must be a list of ids")
        duration = data.get("duration")
        if not isinstance(duration, (int, float)) or isinstance(duration, bool) or not 0 <= duration < 1e9:
            raise ValueError("duration must be a number of seconds")
        outcome, scene = data.get("outcome"), data.get("scene")
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        if not isinstance(scene, str) or not scene:
            raise ValueError("no scene")
        seed = data.get("seed", 0)

        def text(key: str) -> str:
            value = data.get(key, "")
            return value if isinstance(value, str) else ""

        return cls(started=text("started"), duration=float(duration), choices=tuple(choices), outcome=outcome,
                   scene=scene, pack=text("pack"), version=text("version"),
                   seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else 0,
                   ending_kind=text("ending_kind"), demo=data.get("demo") is True)


@dataclass
class LogReading:
    sessions: list[PlayerSession] = field(default_factory=list)
    damaged: list[int] = field(default_factory=list)  # 1-based line numbers


class BoothLog:
    """An append-only JSON-lines file of player sessions (the kiosk writes, `first-take stats` reads)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def record(self, session: PlayerSession) -> None:
        """Append one line with a single O_APPEND write, so concurrent writers never interleave."""
        data = (session.to_json() + "\n").encode("ascii")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            written = os.write(fd, data)
            while written < len(data):  # only on exotic file systems
                written += os.write(fd, data[written:])
        finally:
            os.close(fd)

    def read(self) -> LogReading:
        """Every readable session, plus the numbers of damaged lines (OSError if the file is unreadable)."""
        reading = LogReading()
        with open(self.path, "rb") as fh:
            for number, raw in enumerate(_lines(fh), 1):
                if not raw.strip():
                    continue
                try:
                    if len(raw) > MAX_LINE_BYTES:
                        raise ValueError("line too long")
                    reading.sessions.append(PlayerSession.from_json(raw.decode("utf-8")))
                except (ValueError, UnicodeDecodeError):
                    reading.damaged.append(number)
        return reading


def _lines(fh: BinaryIO) -> Iterator[bytes]:
    """Lines of a file without ever holding a huge one whole (an over-long line is cut and rejected)."""
    while True:
        line = fh.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line
                rest = fh.readline(MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


@dataclass
class Summary:
    """What an operator wants to know after a day at the booth."""

    sessions: int
    finished: int
    left: int
    median_seconds: float | None
    median_choices: float | None
    endings: list[tuple[str, int]]  # ending scene id, sessions that reached it; most first
    walkaways: list[tuple[str, int]]  # scene id, sessions that stopped there; most first
    first_start: str = ""
    last_start: str = ""
    damaged: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"sessions": self.sessions, "finished": self.finished, "left": self.left,
                "median_seconds": self.median_seconds, "median_choices": self.median_choices,
                "endings": [{"scene": s, "count": n} for s, n in self.endings],
                "walkaways": [{"scene": s, "count": n} for s, n in self.walkaways],
                "first_start": self.first_start, "last_start": self.last_start,
                "damaged_lines": self.damaged}


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def summarize(sessions: Iterable[PlayerSession], damaged: list[int] | None = None) -> Summary:
    items = list(sessions)
    finished = [s for s in items if s.finished]
    starts = sorted(s.started for s in items if s.started)
    return Summary(
        sessions=len(items), finished=len(finished), left=len(items) - len(finished),
        median_seconds=round(statistics.median(s.duration for s in items), 1) if items else None,
        median_choices=statistics.median(len(s.choices) for s in items) if items else None,
        endings=_ranked(Counter(s.scene for s in finished)),
        walkaways=_ranked(Counter(s.scene for s in items if not s.finished)),
        first_start=starts[0] if starts else "", last_start=starts[-1] if starts else "",
        damaged=list(damaged or []))


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    whole = int(round(seconds))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def render_text(summary: Summary, top: int = 5) -> str:
    """The plain-text report `first-take stats` prints."""
    if not summary.sessions:
        lines = ["No player sessions in this log yet."]
    else:
        lines = [
            f"Sessions: {summary.sessions} ({summary.finished} reached an ending, {summary.left} walked away)",
            f"Median play time: {duration_text(summary.median_seconds)}"
            f" (median {summary.median_choices:g} choices)",
        ]
        if summary.first_start:
            lines.append(f"First session: {summary.first_start}   last: {summary.last_start}")
        lines += ["", "Endings reached:"]
        lines += [f"  {n:5d}  {scene}" for scene, n in summary.endings] or ["      none yet"]
        lines.append("")
        lines.append(f"Where people walked away (top {top} of {len(summary.walkaways)}):"
                     if len(summary.walkaways) > top else "Where people walked away:")
        lines += [f"  {n:5d}  {scene}" for scene, n in summary.walkaways[:top]] or ["      nobody walked away"]
    if summary.damaged:
        where = ", ".join(str(n) for n in summary.damaged[:10]) + (", ..." if len(summary.damaged) > 10 else "")
        lines += ["", f"Note: skipped {len(summary.damaged)} damaged line(s) (line {where})."]
    return "\n".join(lines)

"""Crash-safe saves: SIGKILL a process at random moments while it saves in a loop, 220 times.

After every kill the slot must hold a complete save, either the last one seen or a newer one
(never a mix, never a truncated file), at most one temp file may be left (the write that was cut
short), and the game's own cleanup (clean_temp_files, run when the game lists its slots) removes
it once it is stale, so temp files never pile up.

Children are forked rather than started fresh: a fork costs about a millisecond, so 220 kills fit
in a few seconds, and each child is a real process that dies by SIGKILL exactly like a closed
terminal or an OOM kill.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from game.engine.state import GameState
from game.storage.files import clean_temp_files
from game.storage.savefiles import read_save, write_save

KILLS = 220


def state_for(story, n: int) -> GameState:  # noqa: ANN001
    """Save number n: its contents are derived from n, so a mix of two saves cannot pass the check."""
    state = GameState.new(story, seed=n)
    state.turn = n
    state.vars["fuel"] = n % 6
    state.log = [("hangar", "refuel")] * (n % 97)  # sizes vary: a torn write would show
    return state


def check_slot(slot: Path, at_least: int) -> int:
    save = read_save(slot)  # raises SaveError if the file is damaged
    n = save.state.turn
    assert save.label == f"n={n}", "label and state come from different saves"
    assert save.state.vars["fuel"] == n % 6 and len(save.state.log) == n % 97 and save.state.seed == n
    assert n >= at_least, f"the slot went back from save {at_least} to {n}"
    return n


def temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def test_sigkill_while_saving_never_damages_the_slot(tiny, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "saves"
    slot = folder / "slot-1.json"
    write_save(slot, tiny, state_for(tiny, 0), "test", label="n=0")
    rnd = random.Random(20211005)  # fixed: the same kill moments every run
    # Kill moments are spread over about one save's duration, measured here and now, so the test
    # means the same on an idle laptop and on a loaded CI machine (a fixed window does not).
    started = time.perf_counter()
    for n in range(5):
        write_save(folder / "probe.json", tiny, state_for(tiny, n), "test", label=f"n={n}")
    one_save = (time.perf_counter() - started) / 5
    (folder / "probe.json").unlink()
    last = 0
    cut_mid_write = 0
    for _ in range(KILLS):
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: save forever, as fast as it can, saying when the first save is in
            try:
                os.close(ready_r)
                n = last + 1
                while True:
                    write_save(slot, tiny, state_for(tiny, n), "test", label=f"n={n}")
                    if n == last + 1:
                        os.write(ready_w, b"!")
                    n += 1
            finally:
                os._exit(0)
        os.close(ready_w)
        assert os.read(ready_r, 1) == b"!"  # at least one complete save since the last kill
        os.close(ready_r)
        time.sleep(rnd.uniform(0.0, 1.5 * one_save))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL

        last = check_slot(slot, last)
        left = temps(folder)
        assert len(left) <= 1, f"one kill left {len(left)} temp files"
        if left:
            cut_mid_write += 1
            for tmp in left:  # as if the player came back later: stale enough for the game's cleanup
                past = time.time() - 3600
                os.utime(tmp, (past, past))
        clean_temp_files(folder)
        assert temps(folder) == []
    print(f"{KILLS} kills, {cut_mid_write} inside a write, last save {last}")
    assert last >= KILLS, "every child completed a save before it was killed"
    assert cut_mid_write >= KILLS // 10, f"only {cut_mid_write} kills landed inside a write"


def test_cleanup_spares_fresh_temp_files_of_a_live_writer(tiny, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "saves"
    folder.mkdir()
    live = folder / ".slot-1.json.abc123.tmp"
    live.write_bytes(b"{half a save")
    assert clean_temp_files(folder) == 0 and live.exists()  # might be a write in progress
    past = time.time() - 3600
    os.utime(live, (past, past))
    assert clean_temp_files(folder) == 1 and not live.exists()


def test_a_saving_loop_leaves_no_temp_files(tiny, tmp_path: Path) -> None:  # noqa: ANN001
    folder = tmp_path / "saves"
    for n in range(60):
        write_save(folder / f"slot-{n % 3}.json", tiny, state_for(tiny, n), "test", label=f"n={n}")
    assert temps(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == ["slot-0.json", "slot-1.json", "slot-2.json"]

"""`first-take play --kiosk` in a real pseudo-terminal: the keys a terminal turns into signals elsewhere
(ctrl+c, ctrl+z, ctrl+\\) and the quit keys do nothing; the operator's sequence and a closed terminal
end the game cleanly, each with its booth-log line, leaving no scratch folder behind."""

from __future__ import annotations

import json
import os
import select
import signal
import time
from pathlib import Path

import pytest

from game.booth.log import default_log_path
from tests.conftest import PACKS, first_take_cmd

pty = pytest.importorskip("pty")  # POSIX only; the booth machines this is for are Linux laptops

OPERATOR = "ctrl+x booth"


class Terminal:
    """The game in a pseudo-terminal of 100 x 30, read as raw bytes."""

    def __init__(self, data_dir: Path, tmp: Path, *args: str) -> None:
        argv = first_take_cmd() + ["--data-dir", str(data_dir), "play", "--kiosk", "--pack", str(PACKS / "player"),
                                   *args]
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30", FIRST_TAKE_OPERATOR_KEY=OPERATOR,
                   TEXTUAL_ALLOW_SIGNALS="1",  # kiosk mode must turn this back off
                   TMPDIR=str(tmp))  # where the player's scratch folder goes
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the game
            os.execve(argv[0], argv, env)
        self.output = b""

    def read_until(self, text: bytes, limit: float = 30.0) -> None:
        end = time.monotonic() + limit
        while text not in self.output and time.monotonic() < end:
            self._read(0.05)
        assert text in self.output, f"{text!r} never appeared"

    def _read(self, wait: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                self.output += os.read(self.fd, 65536)
            except OSError:
                pass

    def keys(self, *keys: bytes) -> None:
        for key in keys:
            os.write(self.fd, key)
            for _ in range(6):  # let the game take each key in
                self._read(0.05)

    def running(self) -> bool:
        return os.waitpid(self.pid, os.WNOHANG) == (0, 0)

    def wait(self, limit: float = 30.0) -> int:
        end = time.monotonic() + limit
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            self._read(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("the game did not end")


def scratch(tmp_path: Path) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def test_signal_keys_and_quit_keys_do_nothing_and_the_operator_leaves(data_dir: Path, tmp_path: Path) -> None:
    tmp = scratch(tmp_path)
    term = Terminal(data_dir, tmp)
    term.read_until(b"New game")
    assert [p.name[:17] for p in tmp.iterdir()] == ["first-take-kiosk-"]
    term.keys(b"\x11", b"\x03", b"\x1a", b"\x1c", b"q")  # ctrl+q, ctrl+c, ctrl+z, ctrl+\, q
    term.keys(b"n", b"3")  # board: a game in progress
    term.read_until(b"Cabin")
    term.keys(b"\x11", b"\x03", b"\x1c", b"q")  # (ctrl+z would rewind here: that is the game's own key)
    assert term.running()
    term.keys(b"\x18", *[c.encode() for c in "booth"])  # ctrl+x b o o t h
    assert term.wait() == 0
    [line] = [json.loads(x) for x in default_log_path(data_dir).read_text().splitlines()]
    assert line["outcome"] == "operator" and line["scene"] == "cabin" and line["choices"] == ["board"]
    assert not any(tmp.iterdir())  # the scratch folder is gone


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_closed_terminal_ends_the_game_as_closed(data_dir: Path, tmp_path: Path, sig: signal.Signals) -> None:
    tmp = scratch(tmp_path)
    term = Terminal(data_dir, tmp)
    term.read_until(b"New game")
    term.keys(b"n", b"3")
    term.read_until(b"Cabin")
    os.kill(term.pid, sig)
    assert term.wait() == 0
    [line] = [json.loads(x) for x in default_log_path(data_dir).read_text().splitlines()]
    assert line["outcome"] == "closed" and line["scene"] == "cabin"
    assert not any(tmp.iterdir())  # the scratch folder is gone

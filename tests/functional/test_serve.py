"""`first-take serve` as a booth runs it: a real server process, real HTTP and websocket clients.

Every test starts the installed command on a free loopback port in its own process group and, at the
end, stops it and checks that no game process is left behind. Waits are bounded; nothing is timed.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PACKS, first_take_cmd, run_cli

aiohttp = pytest.importorskip("aiohttp", reason="needs the serve extra: pip install -e '.[test,serve]'")
pytest.importorskip("textual_serve", reason="needs the serve extra: pip install -e '.[test,serve]'")

START_WAIT = 60.0
GAME_WAIT = 60.0
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def group_members(pgid: int) -> list[int]:
    """Live processes in a process group (Linux /proc), zombies excluded."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.append(int(entry.name))
    return found


class ServeProcess:
    """`first-take serve` in its own process group, logging to a file, stopped and checked at the end."""

    def __init__(self, tmp_path: Path, *args: str, pack: Path | None = PACKS / "tiny", host: str | None = None) -> None:
        self.port = free_port()
        self.log_path = tmp_path / f"serve-{self.port}.log"
        cmd = first_take_cmd() + ["serve", "--port", str(self.port), *args]
        if pack is not None:
            cmd += ["--pack", str(pack)]
        if host is not None:
            cmd += ["--host", host]
        self._log = open(self.log_path, "wb")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     start_new_session=True, env=env)
        self.base = f"http://127.0.0.1:{self.port}"
        self.origin = self.base
        self._wait_ready()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_WAIT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.base + "/status", timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise AssertionError(f"serve did not answer within {START_WAIT}s:\n{self.log()}")

    def status(self) -> dict:
        with urllib.request.urlopen(self.base + "/status", timeout=5) as resp:
            return json.loads(resp.read())

    def wait_status(self, key: str, value: object) -> dict:
        deadline = time.monotonic() + GAME_WAIT
        while True:
            status = self.status()
            if status[key] == value or time.monotonic() > deadline:
                return status
            time.sleep(0.1)

    def stop(self) -> None:
        """SIGTERM the server; kill the group if it lingers; then no process of it may be left."""
        pgid = self.proc.pid
        try:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    self.proc.wait(timeout=20)
                except subprocess.TimeoutExpired as err:
                    os.killpg(pgid, signal.SIGKILL)
                    self.proc.wait(timeout=10)
                    raise AssertionError("serve did not stop on SIGTERM") from err
            deadline = time.monotonic() + 10
            while group_members(pgid) and time.monotonic() < deadline:
                time.sleep(0.1)
            left = group_members(pgid)
            if left:
                os.killpg(pgid, signal.SIGKILL)
            assert not left, f"processes left behind after serve stopped: {left}"
        finally:
            self._log.close()


@pytest.fixture
def serve(tmp_path: Path):  # noqa: ANN201
    started: list[ServeProcess] = []

    def start(*args: str, **kwargs) -> ServeProcess:  # noqa: ANN003
        server = ServeProcess(tmp_path, *args, **kwargs)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def screen_text(chunks: list[bytes]) -> str:
    return ANSI.sub(" ", b"".join(chunks).decode("utf-8", "replace"))


async def open_game(session: aiohttp.ClientSession, server: ServeProcess, origin: str | None = None,
                    expect: str = "New game"):  # noqa: ANN201
    """Open a game websocket as the page would, and read until `expect` shows on its screen."""
    headers = {"Origin": origin or server.origin}
    ws = await session.ws_connect(f"{server.base}/ws?width=100&height=30", headers=headers)
    chunks: list[bytes] = []
    await read_until(ws, chunks, expect)
    return ws, chunks


async def read_until(ws, chunks: list[bytes], expect: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + GAME_WAIT
    while expect not in screen_text(chunks):
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"{expect!r} never appeared; screen so far:\n{screen_text(chunks)[-2000:]}")
        msg = await ws.receive(timeout=left)
        if msg.type == aiohttp.WSMsgType.BINARY:
            chunks.append(msg.data)
        elif msg.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
            raise AssertionError(f"the game closed before {expect!r} appeared:\n{screen_text(chunks)[-2000:]}")


def http_get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port` (from /proc/net/tcp and tcp6)."""
    found: set[str] = set()
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            parts = line.split()
            local, state = parts[1], parts[3]
            addr, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                found.add(addr)
    return found


# -- tests ---------------------------------------------------------------------------------------
def test_binds_to_loopback_by_default_and_plays(serve) -> None:  # noqa: ANN001
    server = serve()
    addresses = listening_addresses(server.port)
    assert addresses, "no listening socket found"
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1 and ::1 as /proc shows them
    assert addresses <= loopback, addresses
    assert server.status()["max_sessions"] == 8
    status, page = http_get(server.base + "/")
    assert status == 200
    assert "Tiny Test Pack" in page and "textual.js" in page
    assert "googleapis" not in page  # a booth may be offline: everything comes from this machine
    assert f'data-session-websocket-url="ws://127.0.0.1:{server.port}/ws"' in page
    assert "WARNING" not in server.log()

    async def play() -> None:
        async with aiohttp.ClientSession() as session:
            ws, chunks = await open_game(session, server)
            await ws.send_json(["stdin", "n"])
            await read_until(ws, chunks, "units of fuel")
            await ws.close()

    asyncio.run(play())


def test_booth_full_page_and_refusal_then_a_closed_tab_frees_its_seat(serve) -> None:  # noqa: ANN001
    server = serve("--max-sessions", "2")

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            first, chunks = await open_game(session, server)
            second, _ = await open_game(session, server)
            assert server.status()["sessions"] == 2
            # A third tab: the page says the booth is full, and a websocket is refused.
            status, page = http_get(server.base + "/")
            assert status == 503
            assert "The booth is full" in page and "All 2 seats are taken" in page
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(f"{server.base}/ws", headers={"Origin": server.origin})
            assert refused.value.status == 503
            # The first player walks away mid-scene: the tab closes, the game ends, the seat frees.
            await first.send_json(["stdin", "n"])
            await read_until(first, chunks, "units of fuel")
            await first.close()
            assert server.wait_status("sessions", 1)["sessions"] == 1
            assert http_get(server.base + "/")[0] == 200
            third, _ = await open_game(session, server)
            assert server.status()["sessions"] == 2
            await second.close()
            await third.close()
        assert server.wait_status("sessions", 0)["sessions"] == 0
        assert server.status()["refused"]["full"] >= 2

    asyncio.run(scenario())
    assert "Traceback" not in server.log()


def test_many_tabs_at_once_never_exceed_the_cap(serve) -> None:  # noqa: ANN001
    server = serve("--max-sessions", "3")

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            async def try_one():  # noqa: ANN202
                try:
                    return await session.ws_connect(f"{server.base}/ws", headers={"Origin": server.origin})
                except aiohttp.WSServerHandshakeError as err:
                    return err.status

            results = await asyncio.gather(*(try_one() for _ in range(12)))
            opened = [r for r in results if not isinstance(r, int)]
            assert len(opened) == 3 and sorted(r for r in results if isinstance(r, int)) == [503] * 9
            assert len(group_members(server.proc.pid)) <= 1 + 3  # the server and at most three games
            for ws in opened:
                await ws.close()
        assert server.wait_status("sessions", 0)["sessions"] == 0

    asyncio.run(scenario())


def test_foreign_origin_and_missing_origin_are_refused(serve) -> None:  # noqa: ANN001
    server = serve()

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            for origin in ("http://evil.example", f"http://127.0.0.1:{server.port + 1}", "null",
                           f"https://127.0.0.1:{server.port}"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await session.ws_connect(f"{server.base}/ws", headers={"Origin": origin})
                assert refused.value.status == 403, origin
            # No Origin at all (not a browser page): refused too.
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(f"{server.base}/ws")  # aiohttp sends no Origin unless told
            assert refused.value.status == 403
            # The served origin under its other loopback name is the same machine: allowed.
            ws, _ = await open_game(session, server, origin=f"http://localhost:{server.port}")
            await ws.close()

    asyncio.run(scenario())
    assert server.status()["refused"]["origin"] == 5
    assert server.wait_status("sessions", 0)["sessions"] == 0


def test_mashed_and_malformed_input_do_not_break_a_session(serve) -> None:  # noqa: ANN001
    server = serve()

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            ws, chunks = await open_game(session, server)
            for junk in ("not json", "{}", "[]", "[5]", '["stdin", 5]', '["resize", "big"]',
                         '["resize", {"width": 99999999, "height": -4}]', '["ping", {"a": [1]}]',
                         '["nonsense", 1]', "[" * 5000 + "]" * 5000):
                await ws.send_str(junk)
            await ws.send_bytes(b"\x00\xff binary")
            await ws.send_json(["resize", {"width": 100, "height": 30}])
            await ws.send_json(["stdin", "zzzkkk#!%"])  # mashed keys (not q: on the title, q quits outside kiosk mode)
            await ws.send_json(["stdin", "n"])
            await read_until(ws, chunks, "units of fuel")
            assert server.status()["sessions"] == 1
            await ws.close()

    asyncio.run(scenario())
    assert server.wait_status("sessions", 0)["sessions"] == 0
    assert "Traceback" not in server.log()


def test_other_hosts_get_a_loud_warning_and_same_origin_only(serve) -> None:  # noqa: ANN001
    server = serve(host="0.0.0.0")
    log = server.log()
    assert "WARNING" in log and "every network interface" in log and "no password" in log

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            ws, _ = await open_game(session, server)  # Origin matches the Host the client used
            await ws.close()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(f"{server.base}/ws", headers={"Origin": "http://evil.example"})
            assert refused.value.status == 403

    asyncio.run(scenario())


def test_stopping_the_server_ends_every_game(serve) -> None:  # noqa: ANN001
    server = serve()

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            games = [await open_game(session, server) for _ in range(3)]
            assert len(group_members(server.proc.pid)) >= 4  # the server and three games
            await asyncio.to_thread(server.stop)  # raises if any game process is left behind
            for ws, _ in games:
                await ws.close()

    asyncio.run(scenario())
    assert server.proc.returncode is not None


def test_bad_options_and_broken_pack_exit_with_a_message(tmp_path: Path) -> None:
    out = run_cli("serve", "--max-sessions", "0")
    assert out.returncode == 2 and "--max-sessions must be between 1 and" in out.stderr
    out = run_cli("serve", "--port", "70000")
    assert out.returncode == 2 and "--port" in out.stderr
    out = run_cli("serve", "--pack", str(PACKS / "broken"))
    assert out.returncode == 1 and "error[E" in out.stderr and "Traceback" not in out.stderr
    out = run_cli("serve", "--pack", str(tmp_path / "nowhere"))
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_kiosk_games_in_the_browser_write_the_booth_log(serve, monkeypatch, data_dir: Path) -> None:  # noqa: ANN001
    out = run_cli("serve", "--kiosk", "--pack", str(PACKS / "tiny"))
    assert out.returncode == 2 and "FIRST_TAKE_OPERATOR_KEY" in out.stderr  # no way out: refused up front
    out = run_cli("serve", "--demo", "--pack", str(PACKS / "tiny"))
    assert out.returncode == 2 and "declares no demo cut" in out.stderr
    out = run_cli("serve", "--idle-timeout", "30", "--pack", str(PACKS / "tiny"))
    assert out.returncode == 2 and "--idle-timeout needs --kiosk" in out.stderr
    monkeypatch.setenv("FIRST_TAKE_OPERATOR_KEY", "ctrl+x booth")
    server = serve("--kiosk", "--idle-timeout", "600")
    log = data_dir / "booth" / "sessions.jsonl"

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            ws, chunks = await open_game(session, server)
            await ws.send_json(["stdin", "n"])
            await read_until(ws, chunks, "units of fuel")
            await ws.send_json(["stdin", "2"])  # refuel
            await read_until(ws, chunks, "3 units of fuel")
            await ws.close()  # the visitor closes the tab mid-scene
        assert server.wait_status("sessions", 0)["sessions"] == 0

    asyncio.run(scenario())
    out = run_cli("stats", str(log))
    assert out.returncode == 0, out.stderr
    assert "Sessions: 1 (0 reached an ending, 1 walked away)" in out.stdout
    lines = out.stdout.splitlines()
    assert lines[lines.index("Where people walked away:") + 1].split() == ["1", "hangar"]
    entry = json.loads(log.read_text().splitlines()[0])
    assert (entry["outcome"], entry["choices"], entry["pack"]) == ("closed", ["refuel"], "tiny")


def test_port_in_use_is_a_clear_error() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        out = run_cli("serve", "--pack", str(PACKS / "tiny"), "--port", str(port))
    assert out.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in out.stderr and "Traceback" not in out.stderr


async def test_a_game_that_will_not_quit_is_killed(monkeypatch) -> None:  # noqa: ANN001
    import sys

    from textual_serve.download_manager import DownloadManager

    from game.serve import booth

    monkeypatch.setattr(booth, "STOP_GRACE", 1.0)

    async def ignore(*_args) -> None:  # noqa: ANN002
        return None

    # A process that never speaks the protocol and never reads its "quit".
    game = booth.GameProcess([sys.executable, "-c", "import time; time.sleep(120)"], write_bytes=ignore,
                             write_str=ignore, close=ignore, download_manager=DownloadManager())
    await game.start(80, 24)
    process = game._process
    assert process is not None and process.returncode is None
    await game.stop()
    assert process.returncode is not None  # killed, not left behind
    await game.stop()  # a second stop is harmless

"""Run a command in a child process with a wall-clock limit and an address-space cap.

A segfault, a runaway allocation or a hang then fails one test instead of taking the test run
down with it. Peak memory is the child's VmHWM, sampled from /proc while it runs: getrusage's
ru_maxrss is no use here, because Linux carries the parent's resident size across fork and exec,
so a child of a 300 MB pytest would "peak" at 300 MB.
"""

from __future__ import annotations

import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mib: float
    timed_out: bool

    @property
    def crashed(self) -> bool:
        return self.returncode < 0  # ended by a signal: SIGSEGV, SIGABRT, our SIGKILL...

    def describe(self) -> str:
        return (f"exit {self.returncode}, {self.seconds:.2f} s, peak {self.peak_rss_mib:.0f} MiB"
                f"{', TIMED OUT' if self.timed_out else ''}\n--- stdout\n{self.stdout[-3000:]}\n"
                f"--- stderr\n{self.stderr[-3000:]}")


def first_take() -> list[str]:
    """The installed command, or the module when the script is not on PATH."""
    exe = shutil.which("first-take")
    return [exe] if exe else [sys.executable, "-m", "game"]


def run_limited(args: list[str], *, timeout: float = 20.0, memory_mib: int = 1024, cwd: Path | None = None,
                env: dict[str, str] | None = None) -> Run:
    """Run args under RLIMIT_AS = memory_mib and a hard timeout; never raises for the child's behaviour."""

    def limit() -> None:  # in the child, between fork and exec
        cap = memory_mib * MiB
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash must not leave a core file

    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit,
                            cwd=cwd, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    chunks: dict[int, list[bytes]] = {proc.stdout.fileno(): [], proc.stderr.fileno(): []}
    timed_out = False
    peak_kib = 0
    status = Path(f"/proc/{proc.pid}/status")
    with selectors.DefaultSelector() as sel:
        for pipe in (proc.stdout, proc.stderr):
            sel.register(pipe, selectors.EVENT_READ)
        while sel.get_map():
            remaining = start + timeout - time.monotonic()
            if remaining <= 0:
                timed_out = True
                os.kill(proc.pid, signal.SIGKILL)
                break
            peak_kib = max(peak_kib, _vm_hwm_kib(status))
            for key, _ in sel.select(timeout=min(remaining, 0.01)):
                data = os.read(key.fd, 65536)
                if data:
                    chunks[key.fd].append(data)
                else:
                    sel.unregister(key.fileobj)
    peak_kib = max(peak_kib, _vm_hwm_kib(status))
    _, wait_status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(wait_status)  # reaped here, so Popen must not wait again
    if not status.parent.parent.joinpath("self", "status").exists():  # no /proc: an upper bound will do
        peak_kib = usage.ru_maxrss
    out = b"".join(chunks[proc.stdout.fileno()]).decode("utf-8", "replace")
    err = b"".join(chunks[proc.stderr.fileno()]).decode("utf-8", "replace")
    proc.stdout.close()
    proc.stderr.close()
    return Run(proc.returncode, out, err, time.monotonic() - start, peak_kib / 1024, timed_out)


def _vm_hwm_kib(status: Path) -> int:
    """The process's peak resident set (kB), or 0 once it is gone or where /proc does not exist."""
    try:
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0

"""The installed `first-take` command, run as a subprocess the way users run it."""

from __future__ import annotations

import json
import subprocess

import pytest

from game import __version__
from game.cli import EXIT_PIPE
from tests.conftest import PACKS, TESTS, first_take_cmd, run_cli


def test_version() -> None:
    out = run_cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"first-take {__version__}"


def test_validate_builtin_story_is_clean() -> None:
    out = run_cli("validate", "scenes", "--strict")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok (" in out.stdout


def test_validate_broken_pack_lists_located_errors() -> None:
    out = run_cli("validate", str(PACKS / "broken"))
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert "broken/pack.yaml:2:8: error[E104]: 'title: no' was read as true/false, not text" in out.stdout
    assert "broken/scenes.yaml:7:15: error[E202]: goto to missing scene 'midle'" in out.stdout
    assert "  hint: did you mean 'middle'?" in out.stdout


def test_validate_json() -> None:
    out = run_cli("validate", str(PACKS / "broken"), "--format", "json")
    assert out.returncode == 1
    items = json.loads(out.stdout)
    assert {"path", "line", "col", "code", "severity", "message", "hint"} <= set(items[0])
    assert any(i["code"] == "E201" for i in items)


def test_missing_folder_and_no_pack_yaml_exit_2(tmp_path) -> None:  # noqa: ANN001
    out = run_cli("validate", str(tmp_path / "nope"))
    assert out.returncode == 2 and "no such pack folder" in out.stderr
    assert "Traceback" not in out.stderr
    out = run_cli("validate", str(tmp_path))
    assert out.returncode == 2 and "no pack.yaml" in out.stderr


def test_play_refuses_broken_pack_with_located_errors() -> None:
    out = run_cli("play", "--pack", str(PACKS / "broken"))
    assert out.returncode == 1
    assert "error[E202]" in out.stderr and "Traceback" not in out.stderr


def test_usage_error_exits_2() -> None:
    out = run_cli("validate", "--format", "xml")
    assert out.returncode == 2
    assert "invalid choice" in out.stderr


def _piped_into_head(args: tuple[str, ...], lines: int | None) -> tuple[int, str]:
    """Run the command with stdout into a pipe whose reader closes after `lines` lines (None: at once)."""
    proc = subprocess.Popen(first_take_cmd() + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=TESTS.parent)
    assert proc.stdout is not None and proc.stderr is not None
    for _ in range(lines or 0):
        proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    return proc.wait(timeout=60), err


@pytest.mark.parametrize("args", [("graph", "scenes"), ("graph", "scenes", "--format", "dot"),
                                  ("validate", "scenes", "--format", "json"), ("schema", "--scenes"), ("--help",)],
                         ids=["graph", "graph-dot", "validate-json", "schema", "help"])
def test_a_closed_stdout_ends_the_command_quietly(args: tuple[str, ...]) -> None:
    """`first-take graph scenes | head -1`: no BrokenPipeError traceback, whenever the reader goes."""
    for lines in (None, 1, 1, 1, 1):  # at once (the write always fails), then after one line, as head does
        code, err = _piped_into_head(args, lines)
        assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
        assert err == "", err
        assert code in (0, EXIT_PIPE), (code, err)
        if lines is None and args[0] != "--help":  # argparse drops --help's write errors itself
            assert code == EXIT_PIPE

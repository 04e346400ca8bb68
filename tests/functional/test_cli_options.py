"""Global options before or after the subcommand, and usage errors: the installed command, as users run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.booth.log import BoothLog, PlayerSession
from tests.conftest import PACKS, run_cli

AUTOSAVE = Path("saves", "first-take", "autosave.json")  # the built-in story's id is first-take


def clean_usage_error(out) -> None:  # noqa: ANN001 - a CompletedProcess
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stderr.startswith("first-take: error: "), out.stderr
    assert "Traceback" not in out.stdout + out.stderr


def write_booth_log(folder: Path) -> None:
    BoothLog(folder / "booth" / "sessions.jsonl").record(
        PlayerSession("2021-10-17T04:35:00Z", 90.0, ("a",), "idle", "hangar"))


# -- --data-dir before or after the subcommand, with the same meaning ---------------------------------
@pytest.mark.parametrize("where", ["before", "after", "before=", "after="])
def test_stats_reads_the_named_data_dir(tmp_path: Path, data_dir: Path, where: str) -> None:
    mine = tmp_path / "mine"
    option = [f"--data-dir={mine}"] if where.endswith("=") else ["--data-dir", str(mine)]
    args = [*option, "stats"] if where.startswith("before") else ["stats", *option]
    out = run_cli(*args, "--format", "json")  # FIRST_TAKE_DATA_DIR (data_dir) has no log: only DIR does
    clean_usage_error(out)
    assert str(mine / "booth" / "sessions.jsonl") in out.stderr
    write_booth_log(mine)
    out = run_cli(*args, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["log"] == str(mine / "booth" / "sessions.jsonl")
    assert not (data_dir / "booth").exists()


def test_data_dir_after_the_subcommand_wins_over_one_before(tmp_path: Path) -> None:
    write_booth_log(tmp_path / "after")
    out = run_cli("--data-dir", str(tmp_path / "before"), "stats", "--data-dir", str(tmp_path / "after"))
    assert out.returncode == 0, out.stderr
    assert str(tmp_path / "after" / "booth" / "sessions.jsonl") in out.stdout


@pytest.mark.parametrize("args", [
    ["--data-dir", "{dir}", "play", "--plain", "--no-timers"],
    ["play", "--plain", "--no-timers", "--data-dir", "{dir}"],
    ["play", "--data-dir={dir}", "--plain", "--no-timers"],
    ["--data-dir", "{dir}", "--plain", "--no-timers"],  # no command means play
    ["--plain", "--no-timers", "--data-dir", "{dir}"],
], ids=["before", "after", "after=", "default-play-before", "default-play-after"])
def test_plain_play_saves_into_the_named_data_dir(tmp_path: Path, data_dir: Path, args: list[str]) -> None:
    mine = tmp_path / "mine"
    out = run_cli(*[a.replace("{dir}", str(mine)) for a in args], "--seed", "1", input="1\nquit\n")
    assert out.returncode == 0, out.stdout + out.stderr
    assert (mine / AUTOSAVE).is_file()
    assert not (data_dir / "saves").exists()


def test_help_lists_data_dir_once_per_page() -> None:
    for args in (["--help"], ["stats", "--help"], ["play", "--help"]):
        out = run_cli(*args)
        assert out.returncode == 0, out.stderr
        options = [line for line in out.stdout.splitlines() if line.strip().startswith("--data-dir DIR")]
        assert len(options) == 1, out.stdout


def test_data_dir_without_its_value_is_a_usage_error() -> None:
    out = run_cli("--data-dir")
    assert out.returncode == 2 and "--data-dir: expected one argument" in out.stderr
    assert "Traceback" not in out.stderr
    out = run_cli("stats", "--data-dir")
    assert out.returncode == 2 and "--data-dir: expected one argument" in out.stderr


@pytest.mark.parametrize("args", [["--data-dir", "", "stats"], ["stats", "--data-dir="], ["--data-dir", " ", "play"]])
def test_an_empty_data_dir_is_a_usage_error_not_the_default_folder(args: list[str]) -> None:
    out = run_cli(*args, input="quit\n")
    assert out.returncode == 2 and "--data-dir: give the folder's name" in out.stderr
    assert "Traceback" not in out.stdout + out.stderr


# -- usage errors: exit 2, one `first-take: error:` line, no traceback ---------------------------------
@pytest.mark.parametrize(("args", "message"), [
    (["validate", "{tmp}/nope"], "no such pack folder"),
    (["play", "--plain", "--no-timers", "--set", "novalue"], "--set 'novalue': write VAR=VALUE"),
    (["play", "--plain", "--no-timers", "--pack", str(PACKS / "tiny"), "--set", "nosuch=1"], "--set: no variable"),
    (["play", "--plain", "--no-timers", "--from", "nowhere"], "--from: no scene 'nowhere'"),
    (["play", "--plain", "--no-timers", "--pack", "{tmp}/nope"], "no such pack folder"),
    (["test", str(PACKS / "tiny"), "{tmp}/missing.route.yaml"], "test: no such route file"),
    (["replay"], "replay: give a route FILE or --code CODE"),
    (["stats", "{tmp}"], "is a folder"),
], ids=["validate-missing", "set-syntax", "set-unknown", "from-unknown", "play-missing-pack", "test-route",
        "replay-nothing", "stats-folder"])
def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    out = run_cli(*[a.replace("{tmp}", str(tmp_path)) for a in args], input="")
    clean_usage_error(out)
    assert message in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert out.stdout == ""

"""The modder toolkit through the installed `first-take` command: exit codes, formats, located problems,
and never a traceback, whatever the input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import PACKS, run_cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.parent for p in REPO.glob("examples/*/pack.yaml"))


def clean(out) -> None:  # noqa: ANN001
    assert "Traceback" not in out.stdout + out.stderr, out.stderr


# -- the campaign and the examples pass everything -------------------------------------------------
@pytest.mark.parametrize("folder", [REPO / "scenes", *EXAMPLES], ids=lambda p: p.name)
def test_validate_playtest_and_test_pass(folder: Path) -> None:
    for command in (["validate", "--strict"], ["playtest"], ["test", "--strict"]):
        out = run_cli(command[0], str(folder), *command[1:], timeout=240)
        clean(out)
        assert out.returncode == 0, f"{command}: {out.stdout}{out.stderr}"


def test_examples_exist() -> None:
    names = {p.name for p in EXAMPLES}
    assert len(names) >= 2
    metas = [(p / "pack.yaml").read_text(encoding="utf-8") for p in EXAMPLES]
    assert any("extends: first-take" in m for m in metas) and any("extends:" not in m for m in metas)


# -- playtest ---------------------------------------------------------------------------------------
def test_playtest_json_on_broken_pack() -> None:
    out = run_cli("playtest", str(PACKS / "broken_playtest"), "--format", "json")
    clean(out)
    assert out.returncode == 1
    data = json.loads(out.stdout)
    for key in ("scenes_total", "scenes_reached", "unreached", "endings", "soft_locks", "states", "complete",
                "never_available", "var_ranges"):
        assert key in data
    assert data["scenes_total"] == 8 and data["scenes_reached"] == 6 and data["complete"] is True
    assert sorted(data["unreached"]) == ["attic", "vault_room"]
    assert data["endings"]["vault_room"] == {"reached": False, "route": None, "steps": None, "shortest": False,
                                             "kind": "best", "title": "Rich"}
    assert data["endings"]["roof"]["route"] == ["corridor", "ladder"]
    assert data["soft_locks"] == [{"scene": "stairwell", "route": ["stairs"], "detail": "no choice is available"}]
    assert {"scene": "lobby", "choice": "vault"} in data["never_available"]
    assert data["var_ranges"]["keys"] == {"min": 0, "max": 3}


def test_playtest_text_and_bound_notice() -> None:
    out = run_cli("playtest", str(PACKS / "broken_playtest"), "--max-states", "2")
    clean(out)
    assert out.returncode == 1
    assert "complete = false" in out.stdout and "--max-states" in out.stdout
    assert "problem: soft-lock in stairwell (tests/packs/broken_playtest/scenes.yaml:24:5)" in out.stdout
    assert "problem: ending vault_room is never reached" in out.stdout


def test_playtest_random_runs_and_route_files(tmp_path: Path) -> None:
    out = run_cli("playtest", str(PACKS / "tiny"), "--random", "30", "--seed", "9", "--format", "json",
                  "--write-routes", str(tmp_path / "routes"))
    clean(out)
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["random"]["runs"] == 30 and sum(data["random"]["endings"].values()) == 30
    written = sorted(p.name for p in (tmp_path / "routes").iterdir())
    assert written == ["orbit.route.yaml", "scrub.route.yaml"]
    again = run_cli("test", str(PACKS / "tiny"), *[str(tmp_path / "routes" / n) for n in written])
    assert again.returncode == 0 and "2 passed, 0 failed" in again.stdout


# -- route tests ------------------------------------------------------------------------------------
def test_route_tests_report_the_step() -> None:
    out = run_cli("test", str(PACKS / "broken_routes"))
    clean(out)
    assert out.returncode == 1
    assert "PASS  refuel, then launch" in out.stdout and "1 passed, 6 failed" in out.stdout
    assert "e603.route.yaml:4:5: error[E603]: step 2: choice 'refuel' in scene 'hangar' is locked" in out.stdout
    assert "e604.route.yaml:4:3: error[E604]: at the end: expected ending 'orbit', reached ending 'scrub'" in out.stdout
    github = run_cli("test", str(PACKS / "broken_routes"), "--format", "github")
    assert github.returncode == 1 and "::error file=tests/packs/broken_routes/tests/e606.route.yaml,line=5" in github.stdout
    data = json.loads(run_cli("test", str(PACKS / "broken_routes"), "--format", "json").stdout)
    assert data["passed"] == 1 and data["failed"] == 6


def test_validate_checks_route_files_and_extensions() -> None:
    out = run_cli("validate", str(PACKS / "broken_routes"))
    assert out.returncode == 1 and "e602.route.yaml:4:3: error[E602]" in out.stdout
    ext = run_cli("validate", str(PACKS / "broken_extend"), "--format", "json")
    clean(ext)
    assert ext.returncode == 1
    assert [d["code"] for d in json.loads(ext.stdout)] == ["E208", "E208", "E208", "E209", "E209", "E203"]


def test_pack_without_routes_warns() -> None:
    out = run_cli("test", str(PACKS / "tiny"))
    assert out.returncode == 0 and "warning[W601]" in out.stdout
    assert run_cli("test", str(PACKS / "tiny"), "--strict").returncode == 1


# -- graph, schema, new -----------------------------------------------------------------------------
def test_graph_and_schema(tmp_path: Path) -> None:
    out = run_cli("graph", "scenes")
    assert out.returncode == 0 and out.stdout.startswith("flowchart TD\n")
    dot = run_cli("graph", str(PACKS / "tiny"), "--format", "dot", "--out", str(tmp_path / "g.dot"))
    assert dot.returncode == 0 and (tmp_path / "g.dot").read_text().startswith('digraph "tiny"')
    schema = json.loads(run_cli("schema", "--scenes").stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    written = run_cli("schema", "--out", str(tmp_path / "s"))
    assert written.returncode == 0 and len(list((tmp_path / "s").iterdir())) == 3


def test_new_pack_passes_everything(tmp_path: Path) -> None:
    target = tmp_path / "first-pack"
    out = run_cli("new", str(target))
    assert out.returncode == 0 and "first-take validate" in out.stdout
    for command in (["validate", "--strict"], ["playtest"], ["test", "--strict"]):
        res = run_cli(command[0], str(target), *command[1:])
        assert res.returncode == 0, res.stdout + res.stderr
    again = run_cli("new", str(target))
    assert again.returncode == 2 and "not empty" in again.stderr


# -- bad input: exit 1 or 2 with a reason, never a traceback ----------------------------------------
@pytest.mark.parametrize(("args", "code"), [
    (["playtest", "/no/such/folder"], 2),
    (["test", "/no/such/folder"], 2),
    (["graph", "/no/such/folder"], 2),
    (["playtest", str(PACKS / "broken")], 1),
    (["test", str(PACKS / "broken")], 1),
    (["graph", str(PACKS / "broken"), "--format", "dot"], 1),
    (["playtest", str(PACKS / "tiny"), "--max-states", "-1"], 2),
    (["playtest", str(PACKS / "tiny"), "--max-states", "0"], 2),
    (["playtest", str(PACKS / "tiny"), "--random", "lots"], 2),
    (["playtest", str(PACKS / "tiny"), "--format", "xml"], 2),
    (["graph", str(PACKS / "tiny"), "--format", "png"], 2),
    (["test", str(PACKS / "tiny"), "missing.route.yaml"], 2),
    (["schema", "--pack", "--scenes"], 2),
    (["new"], 2),
    (["graph", str(PACKS / "tiny"), "--out", "/no/such/dir/g.mmd"], 2),
    (["playtest", str(PACKS / "tiny"), "--write-routes", "/proc/nope"], 2),
])
def test_bad_input_is_refused_cleanly(args: list[str], code: int) -> None:
    out = run_cli(*args)
    clean(out)
    assert out.returncode == code, out.stdout + out.stderr
    assert out.stderr.strip()


def test_route_file_that_is_not_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.route.yaml"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    out = run_cli("test", str(PACKS / "tiny"), str(bad))
    clean(out)
    assert out.returncode == 1 and "error[E001]" in out.stdout

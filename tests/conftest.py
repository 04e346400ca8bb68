"""Shared fixtures. Tests never touch the real home directory: the data dir is a tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from game.content import load_pack
from game.content.paths import builtin_pack_dir
from game.engine.model import Story
from game.play.config import GameConfig

# Property tests are repeatable: a fixed seed everywhere (derandomize) and no example database, so
# CI and every developer run the same examples and a failure reproduces.
settings.register_profile("first-take", derandomize=True, database=None, deadline=None)
settings.load_profile("first-take")

TESTS = Path(__file__).parent
PACKS = TESTS / "packs"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point FIRST_TAKE_DATA_DIR at a temp folder for every test, so nothing leaks into $HOME."""
    data = tmp_path / "data"
    monkeypatch.setenv("FIRST_TAKE_DATA_DIR", str(data))
    return data


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


def load_ok(folder: Path | str) -> Story:
    result = load_pack(folder)
    assert result.ok, "\n".join(d.text() for d in result.diagnostics)
    assert result.story is not None
    return result.story


@pytest.fixture(scope="session")
def campaign() -> Story:
    return load_ok(builtin_pack_dir())


@pytest.fixture(scope="session")
def tiny() -> Story:
    return load_ok(PACKS / "tiny")


@pytest.fixture
def config(data_dir: Path) -> GameConfig:
    return GameConfig(data_dir=data_dir, seed=1, timers=False)


def first_take_cmd() -> list[str]:
    """The installed console script (beside this interpreter), as a user would run it."""
    import shutil
    import sys

    beside = Path(sys.executable).parent / "first-take"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("first-take")
    assert found, "the first-take command is not installed: run `pip install -e '.[test]'` first"
    return [found]


def run_cli(*args: str, input: str | None = None, timeout: float = 60, cwd: Path | None = None):  # noqa: ANN201
    import subprocess

    return subprocess.run(first_take_cmd() + list(args), capture_output=True, text=True, input=input,
                          timeout=timeout, cwd=cwd or TESTS.parent)

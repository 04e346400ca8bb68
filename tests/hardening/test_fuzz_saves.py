"""Fuzzing save loading: random bytes, every truncation of a real save, random and mutated JSON.

Property: read_save returns a SaveFile or raises SaveError (a reason a player can read), nothing
else; a save that reads fits the story or raises SaveError; and a fitted state plays (text and
choices) without raising.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as _event
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from game.engine.saves import SaveError, SaveFile, fit_to_story
from game.engine.session import Session
from game.storage.savefiles import read_save, write_save

from .bounds import time_bound


def fuzz(n: int) -> settings:
    return settings(max_examples=n, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def real_save(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> bytes:
    tiny = request.getfixturevalue("tiny")
    session = Session(tiny, seed=5)
    for choice in ("refuel", "take_camera", "refuel", "tell_press"):
        session.choose(choice)
    path = tmp_path_factory.mktemp("save") / "slot.json"
    write_save(path, tiny, session.state, "test", label="fuzz")
    return path.read_bytes()


def event(name: str) -> None:
    """Count outcomes (--hypothesis-show-statistics) when run by hypothesis; a no-op otherwise."""
    if currently_in_test_context():
        _event(name)


def check(data: bytes, path: Path, story) -> None:  # noqa: ANN001
    path.write_bytes(data)
    with time_bound(5):
        try:
            save = read_save(path)
        except SaveError as err:
            assert str(err)  # a reason to show the player
            event("refused when read")
            return
        assert isinstance(save, SaveFile)
        try:
            state, notes = fit_to_story(story, save)
        except SaveError as err:
            assert str(err)
            event("refused when fitted to the story")
            return
        event("played")
        assert all(isinstance(n, str) for n in notes)
        session = Session(story, state)
        session.text()
        for view in session.choices():
            assert isinstance(view.text, str)


@fuzz(400)
@given(st.binary(max_size=4096))
def test_random_bytes(tiny, tmp_path: Path, data: bytes) -> None:  # noqa: ANN001
    check(data, tmp_path / "slot.json", tiny)


def test_every_truncation_of_a_real_save_is_refused(tiny, tmp_path: Path, real_save: bytes) -> None:  # noqa: ANN001
    path = tmp_path / "slot.json"
    check(real_save, path, tiny)  # the whole save reads
    for cut in range(len(real_save)):
        path.write_bytes(real_save[:cut])
        with pytest.raises(SaveError):
            read_save(path)


@fuzz(300)
@given(st.data())
def test_damaged_real_save(tiny, tmp_path: Path, real_save: bytes, data: st.DataObject) -> None:  # noqa: ANN001
    buf = bytearray(real_save[: data.draw(st.integers(0, len(real_save)))])
    for _ in range(data.draw(st.integers(0, 6))):
        if buf:
            buf[data.draw(st.integers(0, len(buf) - 1))] = data.draw(st.integers(0, 255))
    check(bytes(buf), tmp_path / "slot.json", tiny)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda kids: st.lists(kids, max_size=5) | st.dictionaries(st.text(max_size=8), kids, max_size=5),
    max_leaves=30,
)


@fuzz(300)
@given(json_values)
def test_random_json(tiny, tmp_path: Path, value: object) -> None:  # noqa: ANN001
    check(json.dumps(value).encode(), tmp_path / "slot.json", tiny)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, prefix + (i,))
    return out


FIELD_VALUES = st.one_of(json_values, st.sampled_from(["orbit", "hangar", "scrub", "gone", "refuel", "camera", "tiny",
                                                       "first-take-save", -1, 0, 2**64, 10**400, True, [], {}]))


@fuzz(500)
@given(st.data())
def test_mutated_real_save_json(tiny, tmp_path: Path, real_save: bytes, data: st.DataObject) -> None:  # noqa: ANN001
    doc = json.loads(real_save)
    for _ in range(data.draw(st.integers(1, 4))):
        paths = [p for p in _paths(doc) if p]
        if not paths:
            break
        where = data.draw(st.sampled_from(paths))
        parent = doc
        for key in where[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[where[-1]]
        else:
            parent[where[-1]] = copy.deepcopy(data.draw(FIELD_VALUES))
    check(json.dumps(doc).encode(), tmp_path / "slot.json", tiny)

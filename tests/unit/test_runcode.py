"""Run codes: one line that replays a whole run, refuses damage clearly, and survives story edits."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import runcode
from game.engine.model import Story
from game.engine.runcode import RunCodeError, decode, encode_state, fingerprint, resolve, start_session
from game.engine.session import Session
from tests.conftest import PACKS, load_ok


def random_run(story: Story, seed: int, steps: int = 400) -> Session:
    rnd = random.Random(seed)
    session = Session(story, seed=seed)
    for _ in range(steps):
        if session.is_over:
            break
        session.choose(rnd.choice(session.available()).id)
    return session


def replay(story: Story, code: str) -> Session:
    run = resolve(story, decode(code))
    session = start_session(story, run.code.seed, run.code.start or None)
    for choice_id in run.choices:
        session.choose(choice_id)
    return session


@pytest.mark.parametrize("seed", [0, 1, 7, 12345, 2**31 - 1, -5, 2**63])
def test_round_trip_tiny_same_ending_and_state(tiny: Story, seed: int) -> None:
    played = random_run(tiny, seed)
    code = encode_state(tiny, played.state)
    assert code.startswith("FT1-") and re.fullmatch(r"FT1-[A-Za-z0-9_-]+", code)
    again = replay(tiny, code)
    assert again.state.same_as(played.state)  # scene, variables, items, visits, rolls, log
    assert again.scene().id == played.scene().id


def test_round_trip_campaign_routes(campaign: Story) -> None:
    lengths = []
    for seed in range(40):
        played = random_run(campaign, seed)
        assert played.is_over
        code = encode_state(campaign, played.state)
        run = resolve(campaign, decode(code))
        assert run.warnings == ()
        assert list(run.choices) == [c for _, c in played.state.log]
        assert replay(campaign, code).state.same_as(played.state)
        lengths.append(len(code))
        # Compact: a fixed header plus under three characters per choice.
        assert len(code) <= 60 + 3 * len(played.state.log)
    assert min(lengths) < 120


def test_mid_game_and_from_scene_runs(tiny: Story) -> None:
    session = start_session(tiny, 9, "scrub")
    assert session.scene().id == "scrub"
    code = encode_state(tiny, session.state, start="scrub")
    assert decode(code).start == "scrub"
    assert replay(tiny, code).scene().id == "scrub"
    mid = Session(tiny, seed=3)
    mid.choose("refuel")
    assert replay(tiny, encode_state(tiny, mid.state)).state.same_as(mid.state)


def test_copying_noise_is_ignored(tiny: Story) -> None:
    code = encode_state(tiny, random_run(tiny, 4).state)
    noisy = f"  `{code[:10]}\n  {code[10:20]} {code[20:]}`\n"
    assert decode(noisy) == decode(code)
    assert decode("ft1-" + code[4:]) == decode(code)


def test_every_single_character_change_and_every_cut_is_refused(tiny: Story) -> None:
    code = encode_state(tiny, random_run(tiny, 11).state)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for i in range(4, len(code)):
        for ch in (alphabet[(alphabet.index(code[i]) + 1) % 64], alphabet[(alphabet.index(code[i]) + 33) % 64]):
            damaged = code[:i] + ch + code[i + 1:]
            with pytest.raises(RunCodeError, match="damaged|cut short|does not fit"):
                decode(damaged)
    for cut in range(4, len(code)):
        with pytest.raises(RunCodeError):
            decode(code[:cut])


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("   \n", "empty"),
    ("hello world", "not a FIRST TAKE run code"),
    ("FT-abc", "not a FIRST TAKE run code"),
    ("FT2-AAAA", "newer game"),
    ("FT1-abc$def", "character that cannot be in one"),
    ("FT1-", "cut short"),
    ("FT1-A", "cut short"),
    ("FT1-" + "A" * 9000, "too long"),
])
def test_bad_codes_get_clear_messages(text: str, message: str) -> None:
    with pytest.raises(RunCodeError, match=message):
        decode(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200) | st.text(alphabet="ABCDEFabcdef0123456789-_", max_size=120).map(lambda s: "FT1-" + s))
def test_decode_never_raises_anything_else(text: str) -> None:
    try:
        decode(text)
    except RunCodeError as err:
        assert str(err)


def test_a_code_for_another_story_names_it(tiny: Story, campaign: Story) -> None:
    code = encode_state(campaign, random_run(campaign, 2).state)
    with pytest.raises(RunCodeError, match=f"for the story '{campaign.id}', not 'tiny'"):
        resolve(tiny, decode(code))


def edited_tiny(tmp_path: Path, old: str, new: str, version: str = "1.1.0") -> Story:
    folder = tmp_path / "tiny"
    shutil.copytree(PACKS / "tiny", folder)
    scenes = folder / "scenes.yaml"
    scenes.write_text(scenes.read_text().replace(old, new))
    pack = folder / "pack.yaml"
    pack.write_text(pack.read_text().replace("version: 1.0.0", f"version: {version}"))
    return load_ok(folder)


def test_a_new_version_warns_but_replays_when_ids_hold(tiny: Story, tmp_path: Path) -> None:
    played = random_run(tiny, 5)
    edited = edited_tiny(tmp_path, "The launch is scrubbed.", "The launch is called off.")
    run = resolve(edited, decode(encode_state(tiny, played.state)))
    assert len(run.warnings) == 1 and "version 1.0.0" in run.warnings[0] and "version 1.1.0" in run.warnings[0]
    assert list(run.choices) == [c for _, c in played.state.log]


def test_a_renamed_choice_stops_the_code_at_that_step(tiny: Story, tmp_path: Path) -> None:
    session = Session(tiny, seed=1)
    for choice in ("take_camera", "refuel", "launch"):
        session.choose(choice)
    edited = edited_tiny(tmp_path, "id: refuel", "id: refill")
    with pytest.raises(RunCodeError, match=r"step 2 of the run code matches no choice .*scene 'hangar'.*changed"):
        resolve(edited, decode(encode_state(tiny, session.state)))


def test_the_salt_separates_colliding_choice_ids(tmp_path: Path) -> None:
    seen: dict[int, str] = {}
    pair = None
    for n in range(100_000):
        name = f"c{n}"
        fp = fingerprint(name, 0)
        if fp in seen:
            pair = (seen[fp], name)
            break
        seen[fp] = name
    assert pair is not None
    folder = tmp_path / "collide"
    folder.mkdir()
    (folder / "pack.yaml").write_text("id: collide\ntitle: Collide\nversion: 1.0.0\nstart: a\n")
    (folder / "scenes.yaml").write_text(
        "scenes:\n"
        "  - id: a\n    title: A\n    text: Two doors.\n    choices:\n"
        f"      - {{id: {pair[0]}, text: Left, goto: b}}\n"
        f"      - {{id: {pair[1]}, text: Right, goto: b}}\n"
        "  - id: b\n    title: B\n    text: Done.\n    ending: {title: Done}\n")
    story = load_ok(folder)
    session = Session(story, seed=0)
    session.choose(pair[1])
    code = encode_state(story, session.state)
    assert decode(code).salt != 0
    assert resolve(story, decode(code)).choices == (pair[1],)


def test_seed_out_of_range_is_refused(tiny: Story) -> None:
    state = Session(tiny, seed=0).state
    state.seed = 2**70
    with pytest.raises(RunCodeError, match="seed"):
        encode_state(tiny, state)
    assert runcode.MAX_STEPS >= 1000

"""game/booth/kiosk.py without a terminal: operator key sequences, the idle clock, the scratch folder, the booth
log lines and the attract loop's reel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.booth.kiosk import (
    MAX_ATTRACT_STEPS,
    AttractReel,
    BoothSessions,
    Card,
    IdleClock,
    KeySpecError,
    KeyStep,
    PlayerFolder,
    SequenceMatcher,
    attract_route,
    fact_cards,
    parse_operator_key,
    scene_cards,
)
from game.engine.model import Story
from game.engine.session import Session
from game.engine.state import GameState
from tests.conftest import PACKS, load_ok


def test_operator_key_words_are_spelled_and_key_names_are_one_key() -> None:
    steps = parse_operator_key("ctrl+X booth f12")
    assert steps[0] == KeyStep(key="ctrl+x") and steps[-1] == KeyStep(key="f12")
    assert [s.char for s in steps[1:-1]] == list("booth")
    assert parse_operator_key("escape Escape 1 2") == (KeyStep(key="escape"), KeyStep(key="escape"),
                                                         KeyStep(char="1"), KeyStep(char="2"))
    assert parse_operator_key("Q!?x") == tuple(KeyStep(char=c) for c in "Q!?x")  # characters, as typed


@pytest.mark.parametrize(("text", "why"), [
    (None, "needs an operator key"), ("", "needs an operator key"), ("   ", "needs an operator key"),
    ("abc", "at least 4 keys"), ("ctrl+x f1", "at least 4 keys"),
    ("ctrl+ abcd", "not a key name"), ("ctrl+x+ abcd", "not a key name"), ("hyper+x abcd", "not a key name"),
])
def test_unusable_operator_keys_are_refused_with_a_reason(text: str | None, why: str) -> None:
    with pytest.raises(KeySpecError, match=why):
        parse_operator_key(text)


def test_the_matcher_fires_on_the_last_key_only_and_survives_false_starts() -> None:
    matcher = SequenceMatcher(parse_operator_key("a a b ctrl+x"))
    keys = [("a", "a"), ("a", "a"), ("a", "a"), ("b", "b"), ("ctrl+x", None)]  # a false start: three a's
    assert [matcher.feed(*k) for k in keys] == [False, False, False, False, True]
    assert not matcher.feed("ctrl+x", None)  # it starts over after firing
    assert [matcher.feed(*k) for k in [("a", "a"), ("a", "a"), ("b", "b"), ("ctrl+x", None)]][-1]


def test_characters_match_what_was_typed_and_names_match_the_key() -> None:
    matcher = SequenceMatcher(parse_operator_key("? B f12 x"))
    assert not any(matcher.feed(k, c) for k, c in [("question_mark", "?"), ("b", "b"), ("f12", None), ("x", "x")])
    assert matcher.feed("question_mark", "?") is False
    assert [matcher.feed(k, c) for k, c in [("B", "B"), ("f12", None), ("x", "x")]] == [False, False, True]


def test_idle_clock_says_what_is_due() -> None:
    clock = IdleClock(timeout=90, attract_after=10, last=1000.0)
    assert clock.due(on_title=True, now=1009.9) is None and clock.due(on_title=True, now=1010) == "attract"
    assert clock.due(on_title=False, now=1089) is None and clock.due(on_title=False, now=1090) == "still_there"
    clock.touch(now=1100)
    assert clock.idle(now=1105) == 5 and clock.due(on_title=False, now=1105) is None
    assert IdleClock(timeout=0.2, attract_after=0.1).tick == pytest.approx(0.01)
    assert IdleClock().tick == 0.5


def test_a_player_folder_is_fresh_each_time_and_removed() -> None:
    folder = PlayerFolder()
    first = folder.path
    (first / "saves").mkdir()
    (first / "saves" / "slot-1.json").write_text("{}")
    second = folder.renew()
    assert not first.exists() and second.is_dir() and not any(second.iterdir())
    folder.remove()
    assert not second.exists()
    folder.remove()  # twice is fine


def test_booth_sessions_write_one_line_per_game(tmp_path: Path, tiny: Story) -> None:
    log = tmp_path / "booth" / "sessions.jsonl"
    booth = BoothSessions(tiny, log, demo=True)
    state = Session(tiny, seed=3).state
    assert booth.finish(state, "idle") is None  # no game open: nothing written
    booth.begin(now=1000.0)
    line = booth.finish(state, "operator", now=1042.0)
    assert line is not None and line.outcome == "operator" and line.duration == 42.0 and line.demo
    assert booth.finish(state, "closed") is None  # at most once
    assert len(log.read_text().splitlines()) == 1


def test_an_unwritable_booth_log_is_an_error_without_its_path(tmp_path: Path, tiny: Story) -> None:
    log = tmp_path / "log-is-a-folder"
    log.mkdir()
    booth = BoothSessions(tiny, log)
    booth.begin()
    assert booth.finish(GameState.new(tiny, 1), "idle") is None
    assert booth.error and "booth log" in booth.error and str(tmp_path) not in booth.error


def test_the_reel_alternates_facts_and_scenes_and_loops() -> None:
    facts = [Card("fact", "", f"f{i}") for i in range(3)]
    scenes = [Card("scene", f"s{i}", "") for i in range(2)]
    reel = AttractReel(facts, scenes)
    assert [reel.card(i).body or reel.card(i).title for i in range(8)] == ["f0", "s0", "f1", "s1", "f2", "s0", "f0", "s1"]
    assert [AttractReel([], scenes).card(i).title for i in range(3)] == ["s0", "s1", "s0"]
    assert AttractReel(facts, []).card(4).body == "f1"


def test_the_attract_route_follows_the_demo_cut_and_is_the_same_every_time(campaign: Story) -> None:
    start, seed, choices = attract_route(campaign)
    assert (start, seed, choices) == attract_route(campaign)
    assert start is None  # the campaign's demo starts at its start scene
    session = Session(campaign, seed=seed)
    for choice_id in choices:
        session.choose(choice_id)
    assert session.state.scene == campaign.demo[1] or session.is_over
    assert 3 <= len(choices) <= MAX_ATTRACT_STEPS
    cards = scene_cards(campaign, start, seed, choices)
    assert len(cards) == len(choices) + 1 and cards[0].title == campaign.scenes["b_arrival"].title
    assert all(c.note.startswith("You chose: ") for c in cards[:-1])
    assert len(fact_cards(campaign)) == len(campaign.facts) and all(c.note.startswith("Source: ")
                                                                    for c in fact_cards(campaign))


def test_a_route_the_pack_ships_is_played_first(tmp_path: Path) -> None:
    pack = tmp_path / "tiny"
    shutil.copytree(PACKS / "tiny", pack)
    (pack / "tests").mkdir()
    (pack / "tests" / "zz.route.yaml").write_text("seed: 5\nsteps: [wait, launch]\n")
    (pack / "tests" / "attract.route.yaml").write_text("seed: 7\nsteps: [refuel, refuel, launch]\n")
    story = load_ok(pack)
    assert attract_route(story) == (None, 7, ["refuel", "refuel", "launch"])
    (pack / "tests" / "attract.route.yaml").write_text("seed: 7\nsteps: [no_such_choice]\n")
    assert attract_route(load_ok(pack)) == (None, 5, ["wait", "launch"])  # a broken one is passed over


def test_a_pack_without_a_demo_or_routes_gets_a_walk_from_its_start(tiny: Story) -> None:
    start, seed, choices = attract_route(tiny)
    assert start is None and choices
    cards = scene_cards(tiny, start, seed, choices)
    assert cards[0].title == "The Hangar" and cards[-1].note.startswith("Ending: ")


def test_with_a_demo_cut_a_shipped_route_is_cut_where_the_demo_ends(tmp_path: Path) -> None:
    pack = tmp_path / "player"
    shutil.copytree(PACKS / "player", pack)
    (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text() + "demo: {start: gate, end: jolt}\n")
    (pack / "tests").mkdir()
    (pack / "tests" / "a.route.yaml").write_text("seed: 2\nsteps: [stand_down]\n")  # ends before the demo does
    (pack / "tests" / "b.route.yaml").write_text("seed: 3\nsteps: [wait, board, shoot, to_jolt, hold_on, finish]\n")
    story = load_ok(pack)
    assert attract_route(story) == (None, 3, ["wait", "board", "shoot", "to_jolt"])
    reel = AttractReel.for_story(story)
    assert [c.scene for c in reel.scenes] == ["gate", "gate", "cabin", "cabin"]  # not the jolt: the demo stops there


def test_the_campaign_attract_loop_stays_inside_part_one(campaign: Story) -> None:
    reel = AttractReel.for_story(campaign)
    assert reel.scenes[0].scene == campaign.start
    assert all(c.scene.startswith("b_") for c in reel.scenes)  # Part I only: nothing past the demo cut
    assert len(reel.facts) == len(campaign.facts)


def test_stale_scratch_folders_of_dead_kiosks_are_swept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import subprocess
    import sys
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)  # a process that has ended
    stale = tmp_path / f"first-take-kiosk-{dead}-abc123"
    (stale / "saves").mkdir(parents=True)
    mine = tmp_path / f"first-take-kiosk-{os.getpid()}-def456"
    mine.mkdir()
    other = tmp_path / "first-take-kiosk-notapid"
    other.mkdir()
    unrelated = tmp_path / f"something-{dead}-else"
    unrelated.mkdir()
    folder = PlayerFolder()  # a kiosk starting up sweeps first
    assert not stale.exists()
    assert mine.exists() and other.exists() and unrelated.exists()
    assert folder.path.parent == tmp_path and folder.path.name.startswith(f"first-take-kiosk-{os.getpid()}-")
    folder.remove()

"""The playtest explorer against a naive reference: real Sessions, every concrete state, no merging.

Random small stories (hypothesis) exercise every part of the abstraction: bounded ints, bools,
strings, items, visit counts, turn(), two slots in one comparison, conditional gotos, on_enter
effects and loops. On stories without loops the naive search is exhaustive, so the explorer must
agree with it exactly; with loops it must agree on every shortest distance the naive search, bounded
by depth, can see. The over-approximation must contain everything real, and every route any part of
the toolkit reports must replay on the engine to where it claims.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.expr import Condition, parse
from game.engine.model import Branch, Choice, Effect, Ending, ItemDecl, Paragraph, Scene, Story, VarDecl
from game.engine.session import Session
from game.engine.text import parse_template
from game.toolkit.coverage import witness
from game.toolkit.explorer import explore
from game.toolkit.machine import Machine
from game.toolkit.overapprox import analyse
from game.toolkit.playtest import playtest
from tests.conftest import PACKS, load_ok

ATOMS = ["a >= 2", "a == 1", "a < 3", "b", "not b", "has(key)", "s == 'x'", "s != 'y'", "a + 1 > 2",
         "a * 2 == 4", "visited(s1)", "visits(s0) >= 2", "visits(s1) == 1", "turn() > 2", "a >= visits(s0)",
         "(a % 2) == 0", "-a < -1", "c > 2", "c - a >= 0"]
EFFECTS = [("set", "a", 0), ("set", "a", 3), ("add", "a", 1), ("add", "a", -1), ("add", "a", 2), ("set", "b", True),
           ("set", "b", False), ("give", "key", None), ("take", "key", None), ("set", "s", "x"), ("set", "s", "y"),
           ("add", "c", 1), ("add", "c", -2)]


def _cond(text: str) -> Condition:
    return Condition(text, parse(text))


@st.composite
def stories(draw: st.DrawFn, loops: bool = True) -> Story:
    n = draw(st.integers(3, 6))
    n_end = draw(st.integers(1, 2))
    ids = [f"s{i}" for i in range(n)]
    scenes: dict[str, Scene] = {}
    conds = st.one_of(st.none(), st.sampled_from(ATOMS).map(_cond),
                      st.tuples(st.sampled_from(ATOMS), st.sampled_from(["and", "or"]), st.sampled_from(ATOMS))
                      .map(lambda t: _cond(f"{t[0]} {t[1]} {t[2]}")))
    effects = st.lists(st.sampled_from(EFFECTS).map(lambda e: Effect(e[0], e[1], e[2])), max_size=2).map(tuple)
    for i, sid in enumerate(ids):
        if i >= n - n_end:
            scenes[sid] = Scene(sid, sid, (Paragraph(parse_template("The end.")),), ending=Ending(sid))
            continue
        targets = ids if loops else ids[i + 1:]
        choices = []
        for k in range(draw(st.integers(1, 3))):
            first = draw(st.sampled_from(targets))
            if draw(st.booleans()):
                branches = (Branch(draw(st.sampled_from(targets)), draw(conds.filter(lambda c: c is not None))),
                            Branch(first))
            else:
                branches = (Branch(first),)
            choices.append(Choice(f"c{i}_{k}", parse_template("go"), branches, draw(conds), None, draw(effects)))
        scenes[sid] = Scene(sid, sid, (Paragraph(parse_template("Text.")),), tuple(choices), on_enter=draw(effects))
    variables = {"a": VarDecl("a", "int", draw(st.integers(0, 3)), 0, 3), "b": VarDecl("b", "bool", False),
                 "s": VarDecl("s", "str", "x"), "c": VarDecl("c", "int", 0, -2, 4)}
    return Story("gen", "Generated", "1", "s0", scenes, variables, {"key": ItemDecl("key", "Key")})


def naive(story: Story, depth: int) -> dict:
    """Breadth-first over real sessions, states compared whole (turn included), up to ``depth`` choices."""
    start = Session(story, seed=0).state
    seen = {(start.story_key(), start.turn)}
    queue = deque([(start, 0)])
    dist = {start.scene: 0}
    available: set[tuple[str, str]] = set()
    arms: set[tuple[str, str, str]] = set()
    soft: set[str] = set()
    while queue:
        state, d = queue.popleft()
        session = Session(story, state.copy())
        if session.is_over:
            continue
        views = session.available()
        if not views:
            soft.add(state.scene)
        for view in views:
            available.add((state.scene, view.id))
            nxt = Session(story, state.copy())
            nxt.choose(view.id)
            arms.add((state.scene, view.id, nxt.state.scene))
            dist.setdefault(nxt.state.scene, d + 1)
            key = (nxt.state.story_key(), nxt.state.turn)
            if d + 1 < depth and key not in seen:
                seen.add(key)
                queue.append((nxt.state, d + 1))
    return {"dist": dist, "available": available, "arms": arms, "soft": soft}


def replays_to(story: Story, route: list[str], scene: str) -> bool:
    session = Session(story, seed=0)
    for cid in route:
        session.choose(cid)
    return session.state.scene == scene


SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(stories(loops=False))
def test_exact_on_stories_without_loops(story: Story) -> None:
    ref = naive(story, depth=50)
    ex = explore(story)
    assert ex.complete
    assert {s: len(r) for s, r in ex.scene_routes.items()} == ref["dist"]
    assert ex.available == ref["available"]
    assert {f.scene for f in ex.soft_locks} == ref["soft"]
    assert not ex.traps
    for sid, route in ex.scene_routes.items():
        assert replays_to(story, route, sid)


@SETTINGS
@given(stories(loops=True))
def test_shortest_distances_match_with_loops(story: Story) -> None:
    depth = 7
    ref = naive(story, depth)
    ex = explore(story, max_states=50_000)
    mine = {s: len(r) for s, r in ex.scene_routes.items()}
    assert {s: d for s, d in mine.items() if d <= depth} == {s: d for s, d in ref["dist"].items() if d <= depth}
    assert ref["available"] <= ex.available
    assert ref["soft"] <= {f.scene for f in ex.soft_locks}
    for sid, route in ex.scene_routes.items():
        assert replays_to(story, route, sid)
    for f in ex.soft_locks + ex.traps:
        assert replays_to(story, f.route, f.scene)


@SETTINGS
@given(stories(loops=True))
def test_overapproximation_contains_everything_real(story: Story) -> None:
    ref = naive(story, depth=7)
    approx = analyse(Machine(story).ab)
    assert set(ref["dist"]) <= set(approx.reach)
    assert ref["available"] <= approx.may_choice
    assert ref["soft"] <= approx.may_soft
    taken = {(s, c, story.scenes[s].choice(c).targets.index(t)) for s, c, t in ref["arms"]
             if t in story.scenes[s].choice(c).targets}
    for s, c, k in taken:  # the first arm leading to that target is the one the over-approximation must allow
        assert any((s, c, j) in approx.may_arm for j, b in enumerate(story.scenes[s].choice(c).branches)
                   if b.scene == story.scenes[s].choice(c).branches[k].scene)


@SETTINGS
@given(stories(loops=True))
def test_witness_mode_agrees_with_exhaustive(story: Story) -> None:
    """What the witness mode asserts is true; what it cannot settle, it lists as unconfirmed."""
    full = playtest(story, max_states=200_000)
    small = playtest(story, max_states=2)
    if not full.complete:
        return
    assert small.method == "witness" or small.complete
    assert small.reached <= full.reached
    assert all(any(sid in u for u in small.unconfirmed) for sid in full.reached - small.reached)
    assert set(small.never_available) <= set(full.never_available)
    assert {s.scene for s in small.soft_locks} <= {s.scene for s in full.soft_locks}
    assert {s.scene for s in full.soft_locks} <= {s.scene for s in small.soft_locks} | set(small.possible_soft_locks)
    if full.traps:
        assert small.traps or not small.loops_checked
    for sid, e in small.endings.items():
        if e["reached"]:
            assert full.endings[sid]["reached"] and replays_to(story, e["route"], sid)
            assert len(e["route"]) >= len(full.endings[sid]["route"])


@SETTINGS
@given(stories(loops=True))
def test_witness_routes_are_real(story: Story) -> None:
    machine = Machine(story)
    found, _missing = witness(machine, analyse(machine.ab), budget=2.0)
    for goal, route in found.routes.items():
        kind, sid = goal[0], goal[1]
        if kind in ("scene", "soft"):
            assert replays_to(story, route, sid)
        elif kind == "choice":
            assert replays_to(story, route[:-1], sid)
            session = Session(story, seed=0)
            for cid in route:
                session.choose(cid)


def test_tiny_exhaustive(tiny: Story) -> None:
    ex = explore(tiny)
    assert ex.complete and not ex.soft_locks and not ex.traps
    assert ex.ending_routes == {"scrub": ["launch"], "orbit": ["refuel", "launch"]}
    assert ex.reached == set(tiny.scenes)


def test_bound_cuts_and_says_so(tiny: Story) -> None:
    ex = explore(tiny, max_states=3)
    assert not ex.complete and ex.states == 3
    report = playtest(tiny, max_states=3)
    assert report.method == "witness" and not report.complete
    assert "--max-states" in report.notices[0]
    assert report.problems == 0 and report.reached == set(tiny.scenes)


def test_broken_playtest_pack_findings() -> None:
    story = load_ok(PACKS / "broken_playtest")
    for bound in (100_000, 3):  # exhaustive, then witness search + over-approximation + loop check
        report = playtest(story, max_states=bound)
        assert set(report.unreached) == {"attic", "vault_room"}
        assert not report.endings["vault_room"]["reached"] and report.endings["roof"]["reached"]
        assert [(s.scene, s.route) for s in report.soft_locks] == [("stairwell", ["stairs"])]
        assert {t.scene for t in report.traps} == {"corridor", "hall"}
        assert set(report.never_available) == {("lobby", "vault"), ("stairwell", "up"), ("hall", "exit_door")}
        assert report.arms_never_taken == [("lobby", "corridor", "vault_room")]
        assert report.var_ranges["keys"] == [0, 1, 2, 3] and report.var_ranges["door_open"] == [False]
        assert report.problems >= 5
    exhaustive = playtest(story)
    for trap in exhaustive.traps:
        assert replays_to(story, trap.route, trap.scene)


def test_rolls_are_explored_as_every_outcome(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("id: dice\ntitle: Dice\nversion: '1'\nstart: roll\n"
                                        "variables:\n  d: {type: int, default: 0, min: 0, max: 6}\n")
    (tmp_path / "s.yaml").write_text(
        "scenes:\n"
        "  - id: roll\n    title: Roll\n    text: Roll.\n    choices:\n"
        "      - {id: throw, text: Throw, effects: [{roll: {d: [1, 6]}}], goto: [{if: 'd == 6', scene: six}, {scene: other}]}\n"
        "  - {id: six, title: Six, text: Six., ending: {title: Six}}\n"
        "  - {id: other, title: Other, text: Other., ending: {title: Other}}\n")
    story = load_ok(tmp_path)
    report = playtest(story)
    assert report.complete and not report.unreached and report.var_ranges["d"] == [0, 1, 2, 3, 4, 5, 6]


def test_campaign_every_scene_and_ending_is_confirmed(campaign: Story) -> None:
    report = playtest(campaign)
    assert report.problems == 0, report.as_dict()
    assert not report.unconfirmed and report.loops_checked
    for sid, e in report.endings.items():
        assert e["reached"] and replays_to(campaign, e["route"], sid), sid


def test_random_runs_are_repeatable(tiny: Story) -> None:
    a = playtest(tiny, random_runs=40, seed=5).random
    b = playtest(tiny, random_runs=40, seed=5).random
    assert a is not None and b is not None
    assert a.endings == b.endings and sum(a.endings.values()) == 40
    assert a.too_long == 0 and not a.soft_locks

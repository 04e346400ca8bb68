"""Route files: reading (located problems), writing (round trip), and running (which step broke)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.routes import Expect, Route, Step, dump_route, find_routes, load_route, route_for_state
from game.engine.expr import Condition, parse
from game.engine.model import Story
from game.engine.session import Session
from game.toolkit.routetest import choice_ids, run_file
from game.toolkit.scaffold import scaffold
from tests.conftest import PACKS, load_ok

TRAPS = ["yes", "no", "on", "off", "true", "false", "null", "Null", "TRUE", "Yes"]
ids = st.one_of(st.sampled_from(TRAPS), st.from_regex(r"[A-Za-z_][A-Za-z0-9_\-]{0,10}", fullmatch=True))
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
values = st.one_of(st.integers(-10**6, 10**6), st.booleans(), texts)


def write(tmp_path: Path, text: str, name: str = "r.route.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**40), steps=st.lists(st.tuples(st.sampled_from(["choice", "goto", "timeout"]), ids,
                                                            st.booleans()), max_size=6),
       name=texts, start=st.one_of(st.none(), ids), sets=st.dictionaries(ids, values, max_size=3),
       want=st.dictionaries(ids, values, max_size=3), shown=st.lists(texts, max_size=3))
def test_dump_then_load_gives_the_route_back(tmp_path_factory, seed, steps, name, start, sets, want, shown) -> None:  # noqa: ANN001
    made = []
    for kind, value, with_expect in steps:
        step = Step(timeout=True) if kind == "timeout" else Step(**{kind: value})
        if with_expect:
            step.expect = Expect(scene=value, vars={"x": 1})
        made.append(step)
    route = Route(seed=seed, steps=made, expect=Expect(ending="end", vars=want, text=shown,
                                                        conditions=[Condition("a >= 1", parse("a >= 1"))]),
                  start=start, set=sets, name=name.strip())
    path = write(tmp_path_factory.mktemp("r"), dump_route(route, "a comment\nover two lines"))
    back, diags = load_route(path)
    assert back is not None, [d.text() for d in diags]
    assert (back.seed, back.start, back.set, back.name) == (route.seed, route.start, route.set, route.name)
    assert [(s.choice, s.goto, s.timeout) for s in back.steps] == [(s.choice, s.goto, s.timeout) for s in made]
    assert [s.expect.vars if s.expect else None for s in back.steps] == [s.expect.vars if s.expect else None for s in made]
    assert (back.expect.ending, back.expect.vars, back.expect.text) == ("end", want, shown)
    assert [c.source for c in back.expect.conditions] == ["a >= 1"]


@pytest.mark.parametrize(("text", "code", "line"), [
    ("- a\n- b\n", "E101", 1),
    ("seed: 1\n", "E102", 1),
    ("seed: 1\nsteps: [a]\ncolour: red\n", "E103", 3),
    ("steps:\n  - ok\n  - no\n", "E104", 3),
    ("steps:\n  - {choice: a, goto: b}\n", "E601", 2),
    ("steps:\n  - 12\n", "E601", 2),
    ("steps:\n  - {timeout: false}\n", "E601", 2),
    ("steps: [a\n", "E003", 2),
    ("", "E601", 1),
    ("steps: &x [a]\nmore: *x\n", "E004", 1),
    ("seed: many\nsteps: [a]\n", "E101", 1),
    ("steps: [a]\nexpect: {if: 'a >'}\n", "E301", 2),
    ("steps: [a]\nexpect: {text: [1, 2]}\n", "E101", 2),
])
def test_bad_route_files_are_located(tmp_path: Path, text: str, code: str, line: int) -> None:
    route, diags = load_route(write(tmp_path, text))
    assert route is None
    assert any(d.code == code and d.line == line for d in diags), [d.text() for d in diags]


def test_recorded_route_replays(tiny: Story, tmp_path: Path) -> None:
    session = Session(tiny, seed=4)
    for cid in ("take_camera", "refuel", "launch"):
        session.choose(cid)
    path = write(tmp_path, route_for_state(tiny, session.state))
    result = run_file(tiny, path)
    assert result.passed and result.route and result.route.expect.ending == "orbit" and result.route.seed == 4
    half = Session(tiny, seed=4)
    half.choose("refuel")
    partial = run_file(tiny, write(tmp_path, route_for_state(tiny, half.state), "p.route.yaml"))
    assert partial.passed and partial.route and partial.route.expect.scene == "hangar"


def run_text(story: Story, tmp_path: Path, text: str):  # noqa: ANN201
    return run_file(story, write(tmp_path, text))


def codes(result) -> list[tuple[str, int]]:  # noqa: ANN001
    return [(d.code, d.line) for d in result.diagnostics]


def test_goto_steps_and_their_failures(tiny: Story, tmp_path: Path) -> None:
    ok = run_text(tiny, tmp_path, "steps:\n  - refuel\n  - goto: orbit\nexpect: {ending: orbit}\n")
    assert ok.passed
    ambiguous = run_text(tiny, tmp_path, "steps:\n  - goto: hangar\n")
    assert codes(ambiguous) == [("E603", 2)] and "choices lead" in ambiguous.diagnostics[0].message
    nowhere = run_text(tiny, tmp_path, "steps:\n  - goto: orbit\n")  # fuel 2: launch leads to scrub
    assert codes(nowhere) == [("E603", 2)] and "launch -> scrub" in nowhere.diagnostics[0].hint
    route, _ = load_route(write(tmp_path, "steps:\n  - refuel\n  - goto: orbit\n"))
    assert route is not None and choice_ids(tiny, route) == ["refuel", "launch"]


def test_step_failures_name_the_step(tiny: Story, tmp_path: Path) -> None:
    after_end = run_text(tiny, tmp_path, "steps:\n  - launch\n  - refuel\n")
    assert codes(after_end) == [("E604", 3)] and "step 2" in after_end.diagnostics[0].message
    no_timer = run_text(tiny, tmp_path, "steps:\n  - timeout\n")
    assert codes(no_timer) == [("E603", 2)]
    locked = run_text(tiny, tmp_path, "set: {fuel: 5}\nsteps:\n  - refuel\n")
    assert codes(locked) == [("E603", 3)] and locked.diagnostics[0].hint == "The tank is full."
    not_here = run_text(tiny, tmp_path, "start: orbit\nsteps:\n  - refuel\n")
    assert codes(not_here)[0][0] == "E604"
    unknown = run_text(tiny, tmp_path, "steps:\n  - refule\n")
    assert codes(unknown) == [("E602", 2)] and "refuel" in unknown.diagnostics[0].hint
    per_step = run_text(tiny, tmp_path, "steps:\n  - choice: refuel\n    expect: {vars: {fuel: 9}}\n  - launch\n")
    assert codes(per_step) == [("E605", 3)] and "after step 1" in per_step.diagnostics[0].message


def test_static_checks_before_playing(tiny: Story, tmp_path: Path) -> None:
    bad = run_text(tiny, tmp_path, "start: nowhere\nset: {fuell: 1, leaked: 3}\nsteps: [launch]\n"
                                   "expect: {ending: hangar, scene: nope, vars: {fuel: 'x'}, if: 'has(cake)'}\n")
    assert not bad.passed and bad.steps_run == 0
    assert [d.code for d in bad.diagnostics] == ["E602"] * 7


def test_timeout_takes_the_timer_default(tmp_path: Path) -> None:
    scaffold(tmp_path / "p")
    story = load_ok(tmp_path / "p")
    result = run_text(story, tmp_path, "steps:\n  - walk_to_set\n  - timeout\nexpect: {ending: wrap, vars: {takes: 1}}\n")
    assert result.passed, [d.text() for d in result.diagnostics]


def test_broken_routes_pack_fails_each_way() -> None:
    story = load_ok(PACKS / "broken_routes")
    results = {Path(p).name: run_file(story, p) for p in find_routes(PACKS / "broken_routes")}
    assert results.pop("good.route.yaml").passed
    expected = {"e601.route.yaml": [("E601", 4)], "e602.route.yaml": [("E602", 4)], "e603.route.yaml": [("E603", 4)],
                "e604.route.yaml": [("E604", 4)], "e605.route.yaml": [("E605", 5), ("E605", 6)],
                "e606.route.yaml": [("E606", 5)]}
    assert {name: codes(r) for name, r in results.items()} == expected


def test_dump_is_plain_and_quotes_yaml_traps() -> None:
    text = dump_route(Route(seed=1, steps=[Step(choice="no"), Step(choice="go"), Step(goto="on")]))
    assert '  - "no"\n' in text and "  - go\n" in text and '{goto: "on"}' in text


def test_replay_reads_route_files_through_this_format(tiny: Story, tmp_path: Path) -> None:
    from game.play.plans import ReplayError, plan_from_file

    plan = plan_from_file(tiny, write(tmp_path, "seed: 3\nsteps:\n  - refuel\n  - goto: orbit\n"))
    assert plan.choices == ("refuel", "launch") and plan.seed == 3
    with pytest.raises(ReplayError, match="E104"):
        plan_from_file(tiny, write(tmp_path, "steps:\n  - no\n", "bad.route.yaml"))
    with pytest.raises(ReplayError, match="orbit"):
        plan_from_file(tiny, write(tmp_path, "steps:\n  - goto: orbit\n", "bad2.route.yaml"))

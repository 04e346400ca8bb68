"""Replays and run codes end to end: the code on an ending screen replays to the same ending and state."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

from game.engine.model import Story
from game.engine.runcode import decode, encode_state
from game.engine.session import Session
from game.play.config import GameConfig
from game.play.plans import Plan, check, plan_from_code, plan_from_file, replay_config
from game.ui.app import make_app
from game.ui.replay import UiReplayer
from tests.conftest import PACKS, load_ok, run_cli
from tests.helpers import screen_text, shortest_route

CODE = re.compile(r"Run code: (FT1-[A-Za-z0-9_-]+)")


async def play_to_ending_by_keys(story: Story, config: GameConfig, route: list[str]):  # noqa: ANN201
    """Play a route by pressing each choice's number; return the ending screen's run code and state."""
    app = make_app(story, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        for choice_id in route:
            view = next(v for v in app.playthrough.session.choices() if v.id == choice_id)
            await pilot.press(str(view.number))
            await pilot.pause()
        assert app.playthrough.is_over
        text = screen_text(app)
        match = CODE.search(text)
        assert match, f"no run code on the ending screen:\n{text}"
        return match.group(1), app.playthrough.state.copy()


async def replay_in_ui(story: Story, config: GameConfig, plan: Plan):  # noqa: ANN201
    """Watch a replay in the UI at a high speed; return the final state and the screen text."""
    cfg, _scratch = replay_config(config, plan)
    app = make_app(story, cfg)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        replayer = UiReplayer(app, plan, speed=100.0)
        replayer.begin()
        for _ in range(2000):  # bounded: each step waits a few milliseconds at this speed
            if replayer.done:
                break
            await pilot.pause(0.01)
        assert replayer.done
        await pilot.pause()
        return app.playthrough.state.copy(), screen_text(app)


async def test_tiny_run_code_from_ending_screen_replays_same_ending(tiny: Story, config: GameConfig) -> None:
    code, played = await play_to_ending_by_keys(tiny, config, ["take_camera", "refuel", "wait", "refuel", "launch"])
    plan = plan_from_code(tiny, code)
    assert plan.seed == config.seed and plan.warnings == ()
    assert check(tiny, plan).state.same_as(played)
    state, text = await replay_in_ui(tiny, config, plan)
    assert state.same_as(played)  # same ending, variables, items, visits and rolls
    assert tiny.scenes[played.scene].ending.title.upper() in text


async def test_campaign_run_code_round_trip(campaign: Story, config: GameConfig) -> None:
    route = shortest_route(campaign, "end_scrubbed", seed=config.seed)
    code, played = await play_to_ending_by_keys(campaign, config, route)
    assert played.scene == "end_scrubbed"
    state, text = await replay_in_ui(campaign, config, plan_from_code(campaign, code))
    assert state.same_as(played)
    assert "Run code: " + code in text  # the replay's ending shows the very same code
    out = run_cli("replay", "--code", code, "--plain")
    assert out.returncode == 0, out.stderr
    title = campaign.scenes["end_scrubbed"].ending.title
    assert f"Replay finished at the ending '{title}' after {len(route)} choices." in out.stdout
    assert f"Run code: {code}" in out.stdout


async def test_no_run_code_when_the_game_cannot_be_reproduced(tiny: Story, data_dir: Path) -> None:
    config = GameConfig(data_dir=data_dir, seed=3, timers=False, set_vars={"fuel": 5})
    app = make_app(tiny, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        view = next(v for v in app.playthrough.session.choices() if v.id == "launch")
        await pilot.press(str(view.number))
        await pilot.pause()
        assert app.playthrough.is_over and "IN ORBIT" in screen_text(app)
        assert "Run code" not in screen_text(app)  # --set changed the start: a code would lie


def test_plain_replay_is_an_append_only_transcript(tiny: Story) -> None:
    session = Session(tiny, seed=8)
    for choice in ("tell_press", "launch"):
        session.choose(choice)
    code = encode_state(tiny, session.state)
    out = run_cli("replay", "--pack", str(PACKS / "tiny"), "--code", code, "--plain")
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout  # no escape codes: a screen reader or a file gets plain lines
    lines = out.stdout.splitlines()
    assert lines[0] == "Replaying run code: 2 choices, seed 8 (Tiny Test Pack 1.0.0)."
    assert "> 3" in lines and "You chose: Tell the press" in lines
    assert "*** ENDING: Scrubbed" in lines and "And everyone already knows." in lines
    assert lines[-1] == f"Run code: {code}"
    # The code can also come on standard input (long codes, pasted).
    piped = run_cli("replay", "--pack", str(PACKS / "tiny"), "--code", "-", "--plain", input=code + "\n")
    assert piped.returncode == 0 and piped.stdout == out.stdout


def test_bad_codes_and_wrong_story_get_one_clear_line(tiny: Story, tmp_path: Path) -> None:
    session = Session(tiny, seed=2)
    session.choose("refuel")
    code = encode_state(tiny, session.state)
    damaged = code[:12] + ("A" if code[12] != "A" else "B") + code[13:]
    for args, message in [
        (["--code", damaged], "run code: the run code is damaged"),
        (["--code", code[:-5]], "run code: the run code is damaged"),
        (["--code", "hello"], "not a FIRST TAKE run code"),
        (["--code", code, "--pack", str(PACKS / "broken")], "has errors"),
    ]:
        out = run_cli("replay", "--pack", str(PACKS / "tiny"), *args, "--plain")
        assert out.returncode in (1, 2), (args, out.stdout)
        assert message in out.stderr and "Traceback" not in out.stderr, out.stderr
    out = run_cli("replay", "--code", code, "--plain")  # the built-in story is not 'tiny'
    assert out.returncode == 2 and "for the story 'tiny'" in out.stderr and "--pack" in out.stderr
    out = run_cli("replay", "--plain")
    assert out.returncode == 2 and "give a route FILE or --code CODE" in out.stderr
    out = run_cli("replay", "--code", code, "--speed", "0")
    assert out.returncode == 2 and "--speed" in out.stderr


def test_a_code_from_an_older_story_stops_at_the_step_that_changed(tiny: Story, tmp_path: Path) -> None:
    session = Session(tiny, seed=1)
    for choice in ("take_camera", "refuel", "launch"):
        session.choose(choice)
    code = encode_state(tiny, session.state)
    edited = tmp_path / "tiny"
    shutil.copytree(PACKS / "tiny", edited)
    scenes = edited / "scenes.yaml"
    scenes.write_text(scenes.read_text().replace("id: refuel", "id: refill"))
    (edited / "pack.yaml").write_text((edited / "pack.yaml").read_text().replace("1.0.0", "1.1.0"))
    load_ok(edited)
    out = run_cli("replay", "--pack", str(edited), "--code", code, "--plain")
    assert out.returncode == 2
    assert "step 2 of the run code matches no choice" in out.stderr and "Traceback" not in out.stderr
    assert decode(code).pack_version == "1.0.0"


async def test_the_viewer_can_take_over_a_replay(tiny: Story, config: GameConfig) -> None:
    plan = Plan(seed=1, choices=("refuel", "refuel", "launch"))
    cfg, _ = replay_config(config, plan)
    app = make_app(tiny, cfg)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        replayer = UiReplayer(app, plan, speed=0.05)  # long pauses: the viewer acts first
        replayer.begin()
        await pilot.pause()
        view = next(v for v in app.playthrough.session.choices() if v.id == "tell_press")
        await pilot.press(str(view.number))
        await pilot.pause()
        replayer.take_next()  # what the timer would do next
        await pilot.pause()
        assert replayer.done and replayer.step == 0
        assert app.playthrough.state.log == [("hangar", "tell_press")]
        assert any("took over" in str(n.message) for n in app._notifications)


async def test_recorded_route_replays_to_the_same_ending_and_state(tiny: Story, data_dir: Path, tmp_path: Path) -> None:
    route_file = tmp_path / "booth.route.yaml"
    config = GameConfig(data_dir=data_dir, seed=6, timers=False, record_path=route_file)
    app = make_app(tiny, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for choice_id in ("refuel", "take_camera", "wait"):
            view = next(v for v in app.playthrough.session.choices() if v.id == choice_id)
            await pilot.press(str(view.number))
            await pilot.pause()
        assert "- wait" in route_file.read_text()
        await pilot.press("z")  # rewind one choice: the route file follows
        await pilot.pause()
        assert "- wait" not in route_file.read_text()
        for choice_id in ("refuel", "launch"):
            view = next(v for v in app.playthrough.session.choices() if v.id == choice_id)
            await pilot.press(str(view.number))
            await pilot.pause()
        played = app.playthrough.state.copy()
        assert played.scene == "orbit"
    text = route_file.read_text()
    assert "seed: 6" in text and "ending: orbit" in text
    plan = plan_from_file(tiny, route_file)
    assert plan.choices == ("refuel", "take_camera", "refuel", "launch") and plan.warnings == ()
    assert check(tiny, plan).state.same_as(played)
    state, screen = await replay_in_ui(tiny, GameConfig(data_dir=data_dir), plan)
    assert state.same_as(played) and "IN ORBIT" in screen
    out = run_cli("replay", str(route_file), "--pack", str(PACKS / "tiny"), "--plain")
    assert out.returncode == 0, out.stderr
    assert "Replay finished at the ending 'In Orbit' after 4 choices." in out.stdout
    # The recorded route is also a route test for the modder toolkit.
    test = run_cli("test", str(PACKS / "tiny"), str(route_file))
    assert test.returncode == 0, test.stdout + test.stderr


def test_plain_play_records_too(tmp_path: Path) -> None:
    route_file = tmp_path / "plain.route.yaml"
    out = run_cli("play", "--pack", str(PACKS / "tiny"), "--plain", "--seed", "4", "--record", str(route_file),
                  input="2\n3\n")
    assert out.returncode == 0, out.stderr
    assert route_file.read_text().split("steps:")[1].split() == ["-", "refuel", "-", "tell_press", "expect:",
                                                                 "scene:", "hangar"]


def test_route_files_with_goto_and_timeout_steps(campaign: Story, tmp_path: Path) -> None:
    rng = random.Random(2)
    for _ in range(5000):  # seeded random play until a run stands at a timed scene
        session, route = Session(campaign, seed=2), []
        while not session.is_over and session.scene().timer is None:
            route.append(rng.choice(session.available()).id)
            session.choose(route[-1])
        if session.scene().timer is not None:
            break
    timed = session.state.scene
    assert campaign.scenes[timed].timer is not None
    path = tmp_path / "timed.route.yaml"
    path.write_text("seed: 2\nsteps:\n" + "".join(f"  - {c}\n" for c in route) + "  - timeout\n")
    plan = plan_from_file(campaign, path)
    assert plan.choices[:-1] == tuple(route)
    session.timeout()  # what the timer running out does in the game
    assert plan.choices[-1] == session.state.log[-1][1]
    tiny_path = tmp_path / "goto.route.yaml"
    tiny_path.write_text("seed: 1\nsteps:\n  - refuel\n  - {goto: orbit}\nexpect: {ending: orbit}\n")
    tiny = load_ok(PACKS / "tiny")
    assert plan_from_file(tiny, tiny_path).choices == ("refuel", "launch")


def test_damaged_and_unfitting_route_files_are_refused_clearly(tmp_path: Path) -> None:
    tiny_pack = str(PACKS / "tiny")
    cases = {
        "garbage.route.yaml": ("steps: [unclosed\n", "error[E"),
        "empty.route.yaml": ("", "the route file is empty"),
        "binary.route.yaml": (b"\x00\xff\xfe", "error[E"),
        "unknown.route.yaml": ("seed: 1\nsteps:\n  - refuel\n  - fly_to_mars\n", "step 2: scene 'hangar' has no choice 'fly_to_mars'"),
        "late.route.yaml": ("seed: 1\nsteps: [launch, refuel]\n", "step 2 (refuel) comes after the story ended"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        out = run_cli("replay", str(path), "--pack", tiny_pack, "--plain")
        assert out.returncode == 2, (name, out.stdout)
        assert message in out.stderr and "Traceback" not in out.stderr, (name, out.stderr)
    out = run_cli("replay", str(tmp_path / "missing.route.yaml"), "--pack", tiny_pack, "--plain")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    # A route whose recorded ending no longer matches still replays, with a warning.
    moved = tmp_path / "moved.route.yaml"
    moved.write_text("seed: 1\nsteps: [launch]\nexpect: {ending: orbit}\n")
    out = run_cli("replay", str(moved), "--pack", tiny_pack, "--plain")
    assert out.returncode == 0 and "Note: the route was recorded ending at 'orbit'; it now stops at 'scrub'" in out.stdout

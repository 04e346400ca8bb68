"""Replays and run codes end to end: the code on an ending screen replays to the same ending and state."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from game.config import GameConfig
from game.engine.model import Story
from game.engine.runcode import decode, encode_state
from game.engine.session import Session
from game.replay import Plan, UiReplayer, check, plan_from_code, replay_config
from game.ui.app import make_app
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

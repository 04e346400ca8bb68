"""The demo cut (`play --demo`) and the kiosk's command line: the card at the end, and the refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.booth.kiosk import DEMO_END_LINES, ENV_OPERATOR_KEY, demo_start
from game.booth.log import default_log_path
from game.engine.model import Story
from game.play.config import GameConfig
from game.ui.app import make_app
from game.ui.screens.demoend import DemoEndScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from tests.conftest import PACKS, load_ok, run_cli
from tests.functional.uihelp import press
from tests.helpers import screen_text, shortest_route

HOUR = 3600.0


def pack_with_demo(tmp_path: Path, start: str, end: str) -> Path:
    """The player test pack with a `demo:` block added to its pack.yaml."""
    folder = tmp_path / "demo-pack"
    shutil.copytree(PACKS / "player", folder)
    meta = folder / "pack.yaml"
    meta.write_text(meta.read_text() + f"demo: {{start: {start}, end: {end}}}\n")
    return folder


def demo_config(data_dir: Path, story: Story, kiosk: bool) -> GameConfig:
    booth = {"kiosk": True, "operator_key": "ctrl+x booth", "idle_timeout": HOUR, "attract_after": HOUR,
             "allow_load": False} if kiosk else {}
    return GameConfig(data_dir=data_dir, seed=1, timers=False, demo=True, from_scene=demo_start(story),
                      **booth)  # type: ignore[arg-type]


async def play_by_keys(pilot, route: list[str]) -> None:  # noqa: ANN001
    app = pilot.app
    for choice_id in route:
        view = next(v for v in app.playthrough.session.choices() if v.id == choice_id)
        await press(pilot, str(view.number))


async def test_demo_stops_at_its_end_scene_on_a_card_and_goes_back_to_the_title(tmp_path: Path, data_dir: Path) -> None:
    story = load_ok(pack_with_demo(tmp_path, "cabin", "landing"))
    app = make_app(story, demo_config(data_dir, story, kiosk=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n")
        assert app.playthrough.state.scene == "cabin"  # the demo's start, not the pack's
        await play_by_keys(pilot, ["shoot", "to_jolt", "hold_on"])
        assert isinstance(app.screen, DemoEndScreen)
        text = screen_text(app)
        assert "This was the demo of Orbit Test." in text
        assert all(line in text for line in DEMO_END_LINES) and "pip install first-take" in text
        assert "The Steppe" in text  # where the full story goes on
        await press(pilot, "space")
        assert isinstance(app.screen, TitleScreen) and app.playthrough is None
    assert not default_log_path(data_dir).exists()  # only a kiosk keeps a booth log


async def test_an_ending_inside_the_demo_is_an_ordinary_ending(tmp_path: Path, data_dir: Path) -> None:
    story = load_ok(pack_with_demo(tmp_path, "gate", "jolt"))
    app = make_app(story, demo_config(data_dir, story, kiosk=False))
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "n", "4")  # stand down, before the demo's end
        assert type(app.screen).__name__ == "EndingScreen"


async def test_kiosk_demo_of_the_campaign_logs_the_demo_and_resets(campaign: Story, data_dir: Path) -> None:
    assert campaign.demo == ("b_arrival", "iss_arrival")  # scenes/pack.yaml
    route = shortest_route(campaign, "iss_arrival", seed=1)
    app = make_app(campaign, demo_config(data_dir, campaign, kiosk=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "n")
        assert app.playthrough.state.scene == "b_arrival"
        await play_by_keys(pilot, route)
        assert isinstance(app.screen, DemoEndScreen)
        assert "This was the demo of FIRST TAKE." in screen_text(app)
        await press(pilot, "1")  # any key: back to the title, the player wiped
        assert isinstance(app.screen, TitleScreen) and app.playthrough is None
        await press(pilot, "n")
        assert isinstance(app.screen, PlayScreen) and app.playthrough.state.log == []
    first, second = [json.loads(line) for line in default_log_path(data_dir).read_text().splitlines()]
    assert first["outcome"] == "ending" and first["scene"] == "iss_arrival" and first["demo"] is True
    assert first["choices"] == route
    assert second["outcome"] == "closed" and second["demo"] is True


def test_the_campaign_demo_cut_is_about_ten_minutes(campaign: Story) -> None:
    """Reading at 220 words a minute plus five seconds a choice, the demo's routes take 8 to 14 minutes."""
    import random

    from game.engine.session import Session

    start, end = campaign.demo
    minutes = []
    for seed in range(40):
        rng, session, words, scenes = random.Random(seed), Session(campaign, seed=seed), 0, 0
        assert session.state.scene == start
        while not session.is_over and session.state.scene != end:
            words += sum(len(p.split()) for p in session.text())
            scenes += 1
            session.choose(rng.choice(session.available()).id)
        if session.state.scene == end:
            minutes.append(words / 220 + scenes * 5 / 60)
    assert minutes, "no random route reaches the end of the demo"
    assert 8 <= sorted(minutes)[len(minutes) // 2] <= 14


def test_kiosk_without_an_operator_key_refuses_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_OPERATOR_KEY, raising=False)
    out = run_cli("play", "--kiosk", "--pack", str(PACKS / "tiny"))
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and "operator key" in out.stderr
    assert "--operator-key" in out.stderr and ENV_OPERATOR_KEY in out.stderr
    monkeypatch.setenv(ENV_OPERATOR_KEY, "abc")  # too short to be safe from players
    out = run_cli("play", "--kiosk", "--pack", str(PACKS / "tiny"))
    assert out.returncode == 2 and "at least 4 keys" in out.stderr and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["--kiosk", "--operator-key", "ctrl+x booth", "--plain"], "--kiosk cannot be combined with --plain"),
    (["--kiosk", "--operator-key", "ctrl+x booth", "--debug"], "--kiosk cannot be combined with --debug"),
    (["--kiosk", "--operator-key", "ctrl+x booth", "--idle-timeout", "0"], "--idle-timeout must be more than 0"),
    (["--kiosk", "--operator-key", "ctrl+x booth", "--idle-timeout", "nan"], "--idle-timeout must be more than 0"),
    (["--kiosk", "--operator-key", "ctrl+ booth"], "is not a key name"),
    (["--idle-timeout", "30"], "need --kiosk"),
    (["--operator-key", "ctrl+x booth"], "need --kiosk"),
    (["--demo"], "declares no demo cut"),
])
def test_booth_flags_that_cannot_work_are_one_clear_line(args: list[str], message: str) -> None:
    out = run_cli("play", "--pack", str(PACKS / "tiny"), *args)
    assert out.returncode == 2, out.stderr
    assert message in out.stderr and len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_demo_cannot_start_from_elsewhere(tmp_path: Path) -> None:
    pack = pack_with_demo(tmp_path, "cabin", "landing")
    out = run_cli("play", "--pack", str(pack), "--demo", "--from", "jolt")
    assert out.returncode == 2 and "--demo cannot be combined with --from" in out.stderr


def test_the_games_serve_starts_are_kiosk_games_play_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.cli import build_parser
    from game.commands.play import booth_options
    from game.commands.serve import game_command

    argv = game_command(Path("data"), Path("pack"), kiosk=True, demo=True, idle_timeout=30)
    assert argv[1:3] == ["-m", "game"]
    parser, _ = build_parser()
    args = parser.parse_args(argv[3:])
    monkeypatch.setenv(ENV_OPERATOR_KEY, "ctrl+x booth")  # serve hands the key down through the environment
    options, problem = booth_options(args)
    assert problem is None
    assert options["kiosk"] is True and options["demo"] is True and options["idle_timeout"] == 30.0

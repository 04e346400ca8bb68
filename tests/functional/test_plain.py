"""Plain mode (`first-take play --plain`): piped routes, saves across processes, commands, no textual."""

from __future__ import annotations

import io
import queue
import subprocess
import sys
from pathlib import Path

from game.engine.session import Session
from game.plain.game import PlainGame
from game.play.config import GameConfig
from tests.conftest import PACKS, load_ok, run_cli
from tests.helpers import shortest_route

PLAYER = str(PACKS / "player")


def numbers_for(story, route: list[str], seed: int = 1) -> list[str]:  # noqa: ANN001
    """The numbers a player types for a route of choice ids."""
    session = Session(story, seed=seed)
    typed = []
    for choice_id in route:
        typed.append(str(next(v.number for v in session.choices() if v.id == choice_id)))
        session.choose(choice_id)
    return typed


def plain(data_dir: Path, lines: list[str], *extra: str):  # noqa: ANN201
    return run_cli("--data-dir", str(data_dir), "play", "--plain", "--seed", "1", "--no-timers", *extra,
                   input="".join(line + "\n" for line in lines))


def test_a_piped_route_reaches_an_ending_of_the_campaign(campaign, data_dir: Path) -> None:  # noqa: ANN001
    typed = numbers_for(campaign, shortest_route(campaign, "end_scrubbed"))
    out = plain(data_dir, typed)
    assert out.returncode == 0, out.stderr
    ending = campaign.scenes["end_scrubbed"].ending.title
    assert f"\n*** ENDING: {ending}\n" in out.stdout
    assert "Traceback" not in out.stderr and "\x1b" not in out.stdout  # append-only text, no escape codes


def test_a_piped_route_reaches_an_ending_of_a_pack(data_dir: Path) -> None:
    route = ["2", "2", "1", "1", "3", "2", "1"]  # camera, board, shoot, shoot, the jolt, film it, finish
    out = plain(data_dir, route, "--pack", PLAYER)
    assert out.returncode == 0, out.stderr
    assert "*** ENDING: The First Take" in out.stdout
    assert "What really happened:" in out.stdout and "The test capsule landed on the steppe." in out.stdout
    assert "New ending! Endings found: 1 of 3." in out.stdout
    assert "[b]This is not bold.[/b]" in out.stdout


def test_save_in_one_process_load_in_the_next_and_continue(data_dir: Path) -> None:
    first = plain(data_dir, ["2", "2", "1", "save 1"], "--pack", PLAYER)
    assert first.returncode == 0 and "Saved in Slot 1." in first.stdout
    second = plain(data_dir, ["1", "load 1", "1", "3", "2", "1"], "--pack", PLAYER)
    assert second.returncode == 0, second.stderr
    after_load = second.stdout.split("Loaded Slot 1.", 1)[1]
    assert "Script shot: 20 percent." in after_load  # the shot taken before saving is there
    assert "*** ENDING: The First Take" in after_load  # 20 + 20 + 10 percent: the premiere


def test_end_of_input_autosaves_and_exits_0(data_dir: Path) -> None:
    out = plain(data_dir, ["2", "2"], "--pack", PLAYER)
    assert out.returncode == 0 and "End of input: autosaved." in out.stdout
    again = plain(data_dir, ["continue", "journal"], "--pack", PLAYER)
    assert "Loaded Autosave." in again.stdout
    assert "1. The Gate -> you chose: Take the camera" in again.stdout
    assert "3. The Cabin (you are here)" in again.stdout


def test_commands_and_bad_input(data_dir: Path) -> None:
    lines = ["help", "9", "stand up", "undo", "2", "undo", "facts", "stats", "save 0", "save 10", "load 7", "quit", "1"]
    out = plain(data_dir, lines, "--pack", PLAYER)
    text = out.stdout
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "save N" in text and "journal" in text  # help
    assert "There is no choice 9." in text
    assert "I don't know `stand`." in text
    assert "nothing to undo" in text and "You go back one choice." in text
    assert "Fact file: 1 of 4 facts found." in text and "First test source" in text
    assert "Stamina: 5 of 10" in text and "Carrying: nothing" in text
    assert text.count("Save where?") == 2
    assert "Could not load: Slot 7 is empty." in text
    assert text.rstrip().endswith("Autosaved. Goodbye.")  # `quit` stops reading: the last "1" is never read


def test_a_locked_choice_and_a_damaged_save(data_dir: Path) -> None:
    folder = data_dir / "saves" / "player"
    folder.mkdir(parents=True)
    (folder / "slot-2.json").write_text("{not json", encoding="utf-8")
    out = plain(data_dir, ["3", "2", "2", "load 2"], "--pack", PLAYER)
    assert "That choice is locked: Already copied." in out.stdout
    assert "Could not load: Slot 2 cannot be loaded: the file is damaged (not valid JSON" in out.stdout
    assert (folder / "slot-2.json").read_text(encoding="utf-8") == "{not json"


def test_export_writes_a_markdown_transcript(data_dir: Path) -> None:
    out = plain(data_dir, ["2", "export"], "--pack", PLAYER)
    path = Path(out.stdout.split("Transcript written to ", 1)[1].splitlines()[0])
    assert path.parent == data_dir / "transcripts"
    assert "> **You chose:** Take the camera" in path.read_text(encoding="utf-8")


def test_seed_makes_runs_repeatable(data_dir: Path) -> None:
    one = plain(data_dir / "a", ["1", "1", "1"], "--pack", PLAYER)
    two = plain(data_dir / "b", ["1", "1", "1"], "--pack", PLAYER)
    assert one.stdout == two.stdout and "luck 66" in one.stdout


def test_plain_mode_never_imports_textual(data_dir: Path) -> None:
    code = ("import sys\nfrom game.cli import main\n"
            f"rc = main(['--data-dir', {str(data_dir)!r}, 'play', '--plain', '--pack', {PLAYER!r}, '--no-timers'])\n"
            "print('TEXTUAL' if any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules) else 'CLEAN', rc)\n")
    out = subprocess.run([sys.executable, "-c", code], input="1\nquit\n", capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "CLEAN 0", out.stdout + out.stderr


def test_a_timed_choice_takes_its_default_when_no_line_comes(data_dir: Path) -> None:
    story = load_ok(PACKS / "player")
    config = GameConfig(data_dir=data_dir, seed=1, timers=True)
    out = io.StringIO()
    game = PlainGame(story, config, io.StringIO("3\n3\n"), out)
    game.show_scene()
    for _ in range(2):
        game.command(game.read_line() or "")
    assert game.game.scene().id == "jolt" and "(timed: 10 seconds; then: 1. Hold on)" in out.getvalue()

    def nothing(timeout: float | None = None) -> str | None:
        assert timeout == 10
        raise queue.Empty

    game.reader.get = nothing  # type: ignore[method-assign]
    assert game.read_line() == ""
    assert "Time is up." in out.getvalue()
    assert game.game.state.log[-1] == ("jolt", "hold_on") and game.game.scene().id == "landing"

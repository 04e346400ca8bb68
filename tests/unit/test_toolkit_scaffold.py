"""`first-take new`: the pack it makes validates with no warnings, playtests and route-tests clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_pack
from game.content.routes import find_routes
from game.toolkit.playtest import playtest
from game.toolkit.routetest import run_file
from game.toolkit.scaffold import pack_id, scaffold


def test_new_pack_is_clean(tmp_path: Path) -> None:
    written = scaffold(tmp_path / "My Space Pack")
    assert len(written) == 8
    result = load_pack(tmp_path / "My Space Pack")
    assert result.ok and result.diagnostics == []
    story = result.story
    assert story is not None and story.id == "my-space-pack" and story.title == "My Space Pack"
    report = playtest(story)
    assert report.complete and report.problems == 0 and not report.never_available and not report.arms_never_taken
    routes = find_routes(tmp_path / "My Space Pack")
    assert len(routes) == 1 and run_file(story, routes[0]).passed


def test_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        scaffold(tmp_path / "x")
    scaffold(tmp_path / "empty")  # an empty folder is fine
    assert (tmp_path / "empty" / "pack.yaml").is_file()


@pytest.mark.parametrize(("name", "want"), [("Moon Base", "moon-base"), ("42", "pack-42"), ("___", "my-pack"),
                                            ("ok_name", "ok_name")])
def test_pack_ids(name: str, want: str) -> None:
    assert pack_id(name) == want

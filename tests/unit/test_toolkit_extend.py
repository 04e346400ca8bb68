"""Extension packs: merged with their base, replacing only with `replace: true`, every mistake located."""

from __future__ import annotations

from pathlib import Path

from game.content import load_pack
from game.engine.model import Story
from game.toolkit.playtest import playtest
from tests.conftest import PACKS, load_ok


def pack(root: Path, meta: str, scenes: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pack.yaml").write_text(meta, encoding="utf-8")
    if scenes:
        (root / "scenes.yaml").write_text(scenes, encoding="utf-8")
    return root


def codes(folder: Path) -> list[tuple[str, str, int]]:
    return [(d.code, Path(d.path).name, d.line) for d in load_pack(folder).diagnostics]


def test_extension_adds_replaces_and_patches(tmp_path: Path) -> None:
    base = PACKS / "tiny"
    ext = pack(tmp_path / "ext", f"id: ext\ntitle: Ext\nversion: '1'\nextends: {base}\n"
               "variables:\n  mood: {type: int, default: 0, min: 0, max: 2, show: true}\n",
               "scenes:\n"
               "  - id: orbit\n    replace: true\n    title: Orbit, again\n    text: 'Mood {mood}.'\n"
               "    ending: {title: Happy orbit, kind: best}\n"
               "  - id: hangar\n    add_choices:\n"
               "      - {id: sing, text: Sing, if: 'mood < 2', effects: [{add: {mood: 1}}], goto: lounge}\n"
               "  - id: lounge\n    title: Lounge\n    text: Sofas.\n    choices: [{text: Back, goto: hangar}]\n")
    story = load_ok(ext)
    assert story.start == "hangar" and list(story.scenes) == ["hangar", "orbit", "scrub", "lounge"]
    assert story.scenes["orbit"].title == "Orbit, again" and story.scenes["hangar"].choices[-1].id == "sing"
    assert set(story.variables) == {"fuel", "leaked", "luck", "mood"}
    report = playtest(story)
    assert report.problems == 0 and report.reached == set(story.scenes)
    assert not [d for d in load_pack(ext).diagnostics if d.path.endswith("ext/scenes.yaml")]


def test_builtin_campaign_as_base(campaign: Story, tmp_path: Path) -> None:
    ext = pack(tmp_path / "side", "id: side\ntitle: Side\nversion: '1'\nextends: first-take\n",
               f"scenes:\n  - id: {campaign.start}\n    add_choices:\n"
               f"      - {{id: detour, text: Detour, goto: side_room}}\n"
               f"  - id: side_room\n    title: Side room\n    text: Quiet.\n"
               f"    choices: [{{text: Back, goto: {campaign.start}}}]\n")
    story = load_ok(ext)
    assert len(story.scenes) == len(campaign.scenes) + 1 and story.facts == campaign.facts


def test_collisions_name_both_files() -> None:
    found = codes(PACKS / "broken_extend")
    assert found == [("E208", "pack.yaml", 7), ("E208", "pack.yaml", 10), ("E208", "scenes.yaml", 2),
                     ("E209", "scenes.yaml", 7), ("E209", "scenes.yaml", 12), ("E203", "scenes.yaml", 17)]
    messages = [d.message for d in load_pack(PACKS / "broken_extend").diagnostics]
    assert "tests/packs/tiny/scenes.yaml:5:5" in messages[2] and "tests/packs/tiny/pack.yaml:7:3" in messages[0]


def test_bad_bases(tmp_path: Path) -> None:
    missing = pack(tmp_path / "a", "id: a\ntitle: A\nversion: '1'\nextends: ../nowhere\n")
    assert codes(missing) == [("E210", "pack.yaml", 4)]
    pack(tmp_path / "b", "id: b\ntitle: B\nversion: '1'\nextends: ../c\n")
    pack(tmp_path / "c", "id: c\ntitle: C\nversion: '1'\nextends: ../b\n")
    assert ("E210", "pack.yaml", 4) in codes(tmp_path / "b")
    itself = pack(tmp_path / "d", "id: d\ntitle: D\nversion: '1'\nextends: .\n")
    assert codes(itself) == [("E210", "pack.yaml", 4)]
    broken = pack(tmp_path / "e", f"id: e\ntitle: E\nversion: '1'\nextends: {PACKS / 'broken'}\n")
    found = codes(broken)
    assert ("E210", "pack.yaml", 4) in found and ("E204", "pack.yaml", 4) in found  # the base's own errors too
    assert load_pack(broken).story is None


def test_replace_needs_an_extension(tmp_path: Path) -> None:
    plain = pack(tmp_path / "p", "id: p\ntitle: P\nversion: '1'\nstart: a\n",
                 "scenes:\n  - id: a\n    replace: true\n    title: A\n    text: A.\n    ending: {title: A}\n")
    assert codes(plain) == [("E209", "scenes.yaml", 3)]

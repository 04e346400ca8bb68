"""The shipped JSON Schemas: valid 2020-12, equal to what the generator writes, and every built-in
YAML file (campaign, examples, route tests, a new scaffold) passes them while broken packs do not."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from game.content.yamlsrc import read_file
from game.toolkit import schema
from game.toolkit.scaffold import scaffold
from tests.conftest import PACKS

REPO = Path(__file__).resolve().parents[2]


def shipped(name: str) -> dict:
    return json.loads((schema.SCHEMA_DIR / schema.FILES[name]).read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(shipped(name))


def kind_of(path: Path) -> str:
    if path.name == "pack.yaml":
        return "pack"
    if path.name.endswith((".route.yaml", ".route.yml")):
        return "route"
    return "scene"


def pack_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if ".schema" not in p.parts and "fact" not in p.name)


BUILTIN = pack_files(REPO / "scenes") + [p for d in sorted(REPO.glob("examples/*/")) for p in pack_files(d)]


@pytest.mark.parametrize("name", list(schema.FILES))
def test_shipped_schema_is_valid_and_current(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(shipped(name))
    assert shipped(name) == schema.schemas()[name], "run `first-take schema --out game/schema`"


@pytest.mark.parametrize("path", BUILTIN, ids=lambda p: str(p.relative_to(REPO)))
def test_every_builtin_file_passes_its_schema(path: Path) -> None:
    data, diags = read_file(str(path), str(path))
    assert not diags
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(kind_of(path)).iter_errors(data)]
    assert not errors


def test_scene_files_point_editors_at_the_schema() -> None:
    for path in sorted((REPO / "scenes").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = "pack" if path.name == "pack.yaml" else "scene"
        assert first == f"# yaml-language-server: $schema=../game/schema/{target}.schema.json", path.name
        assert (path.parent / f"../game/schema/{target}.schema.json").resolve().is_file()


def test_scaffold_files_pass(tmp_path: Path) -> None:
    scaffold(tmp_path / "p")
    files = pack_files(tmp_path / "p")
    assert len(files) == 3
    for path in files:
        data, _ = read_file(str(path), str(path))
        assert not list(validator(kind_of(path)).iter_errors(data)), path


@pytest.mark.parametrize("path", [PACKS / "broken" / "pack.yaml", PACKS / "broken" / "scenes.yaml",
                                  PACKS / "broken_routes" / "tests" / "e601.route.yaml"])
def test_broken_files_fail(path: Path) -> None:
    data, _ = read_file(str(path), str(path))
    assert list(validator(kind_of(path)).iter_errors(data))


def test_schema_keys_follow_the_loader() -> None:
    from game.content import keys as loader  # the key sets the loader reads with

    scene = shipped("scene")["$defs"]
    assert set(shipped("pack")["properties"]) == loader.PACK_KEYS
    assert set(scene["scene"]["else"]["properties"]) | {"add_choices"} == loader.SCENE_KEYS
    assert set(scene["choice"]["properties"]) == loader.CHOICE_KEYS
    assert {next(iter(o["properties"])) for o in scene["effect"]["oneOf"]} == loader.EFFECT_OPS

"""JSON Schemas (draft 2020-12) for pack.yaml, scene files and route files, for editor completion.

Built from the loader's own key sets, so a key the loader learns appears here too; the shipped files
in game/schema/ are this module's output (a test regenerates and compares them, and validates every
built-in YAML file against them). The schemas accept what the loader accepts (numbers where text is
expected, for example `version: 1.0`); the loader still has the final word, with located errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.content.keys import (
    BRANCH_KEYS,
    CHOICE_KEYS,
    EFFECT_OPS,
    ENDING_KEYS,
    ENDING_KINDS,
    FILE_KEYS,
    ITEM_KEYS,
    PACK_KEYS,
    PARA_KEYS,
    SCENE_KEYS,
    TIMER_KEYS,
    VAR_KEYS,
)
from game.content.routes import EXPECT_KEYS, ROUTE_KEYS, STEP_KEYS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
FILES = {"pack": "pack.schema.json", "scene": "scene.schema.json", "route": "route.schema.json"}
ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_\-]{0,63}$"

TEXT = {"type": ["string", "number"], "description": "text (a number is read as its text)"}
ID = {"type": "string", "pattern": ID_PATTERN, "description": "an id: a letter or _, then letters, digits, _ or -"}
CONDITION = {"type": ["string", "boolean", "integer"],
             "description": "a condition in the expression language, e.g. \"stamina >= 3 and has(camera)\""}
VALUE = {"type": ["integer", "boolean", "string"]}


def _obj(properties: dict[str, Any], keys: set[str], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """An object schema whose properties are exactly the loader's key set (checked here)."""
    missing = keys - set(properties)
    unknown = set(properties) - keys
    if missing or unknown:
        raise AssertionError(f"schema and loader disagree: missing {sorted(missing)}, unknown {sorted(unknown)}")
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    out.update(extra)
    return out


def _ids_or_one() -> dict[str, Any]:
    return {"oneOf": [{"$ref": "#/$defs/id"}, {"type": "array", "items": {"$ref": "#/$defs/id"}}]}


def _names_map(value: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "propertyNames": {"pattern": ID_PATTERN}, "additionalProperties": value}


def _effect() -> dict[str, Any]:
    ops = {
        "set": _names_map(VALUE),
        "add": _names_map({"type": "integer"}),
        "give": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "take": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "roll": _names_map({"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}),
    }
    assert set(ops) == EFFECT_OPS
    return {"description": "one of set, add, give, take, roll",
            "oneOf": [{"type": "object", "properties": {op: spec}, "required": [op], "additionalProperties": False}
                      for op, spec in ops.items()]}


def _choice() -> dict[str, Any]:
    branch = _obj({"if": CONDITION, "scene": {"$ref": "#/$defs/id"}}, BRANCH_KEYS, ["scene"])
    return _obj({
        "id": {"$ref": "#/$defs/id"},
        "text": TEXT,
        "goto": {"oneOf": [{"$ref": "#/$defs/id"}, {"type": "array", "items": branch, "minItems": 1}]},
        "if": CONDITION,
        "locked": TEXT,
        "effects": {"type": "array", "items": {"$ref": "#/$defs/effect"}},
    }, CHOICE_KEYS, ["text", "goto"])


def _scene() -> dict[str, Any]:
    paragraph = _obj({"if": CONDITION, "text": TEXT}, PARA_KEYS, ["text"])
    ending = _obj({"title": TEXT, "kind": {"enum": sorted(ENDING_KINDS)}, "epilogue": TEXT}, ENDING_KEYS, ["title"])
    timer = _obj({"seconds": {"type": "number", "minimum": 1, "maximum": 600}, "default": {"$ref": "#/$defs/id"}},
                 TIMER_KEYS, ["seconds", "default"])
    choices = {"type": "array", "items": {"$ref": "#/$defs/choice"}}
    scene = _obj({
        "id": {"$ref": "#/$defs/id"}, "title": TEXT,
        "text": {"oneOf": [TEXT, {"type": "array", "items": {"oneOf": [TEXT, paragraph]}}]},
        "choices": choices, "part": TEXT, "place": TEXT, "clock": TEXT, "facts": _ids_or_one(),
        "art": {"$ref": "#/$defs/id"}, "on_enter": {"type": "array", "items": {"$ref": "#/$defs/effect"}},
        "ending": ending, "timer": timer,
        "replace": {"type": "boolean", "description": "extension packs: replace the base scene with this id"},
        "add_choices": choices,
    }, SCENE_KEYS)
    patch = {"type": "object", "properties": {"id": {"$ref": "#/$defs/id"}, "add_choices": choices},
             "required": ["id", "add_choices"], "additionalProperties": False,
             "description": "adds choices to a scene defined elsewhere (usually the base pack)"}
    full = dict(scene, required=["id", "title", "text"])
    full["properties"] = {k: v for k, v in scene["properties"].items() if k != "add_choices"}
    return {"if": {"type": "object", "required": ["add_choices"]}, "then": patch, "else": full}


def pack_schema() -> dict[str, Any]:
    variable = _obj({
        "type": {"enum": ["int", "bool", "str"]}, "default": {"type": ["integer", "boolean", "string", "number"]},
        "min": {"type": "integer"}, "max": {"type": "integer"}, "label": TEXT, "show": {"type": "boolean"},
        "format": {"enum": ["bar", "value", "percent"]},
    }, VAR_KEYS, ["type"], allOf=[
        {"if": {"properties": {"type": {"const": "int"}}}, "then": {"properties": {"default": {"type": "integer"}}}},
        {"if": {"properties": {"type": {"const": "bool"}}}, "then": {"properties": {"default": {"type": "boolean"}}}},
        {"if": {"properties": {"type": {"const": "str"}}},
         "then": {"properties": {"default": {"type": ["string", "number"]}}}},
    ])
    item = _obj({"label": TEXT, "description": TEXT}, ITEM_KEYS)
    demo = {"type": "object", "properties": {"start": {"$ref": "#/$defs/id"}, "end": {"$ref": "#/$defs/id"}},
            "required": ["start", "end"], "additionalProperties": False}
    body = _obj({
        "id": {"$ref": "#/$defs/id"}, "title": TEXT, "version": TEXT, "start": {"$ref": "#/$defs/id"},
        "author": TEXT, "description": TEXT,
        "facts": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                  "description": "fact sheets: `first-take` (the game's own) or files inside the pack"},
        "variables": _names_map(variable),
        "items": _names_map({"oneOf": [{"type": "string"}, item]}),
        "extends": {"type": "string", "description": "`first-take` (the built-in story) or a pack folder"},
        "demo": demo,
    }, PACK_KEYS, ["id", "title", "version"],
        **{"if": {"not": {"required": ["extends"]}}, "then": {"required": ["start"]}})
    return {"$schema": DRAFT, "$id": "urn:first-take:schema:pack", "title": "FIRST TAKE pack.yaml",
            **body, "$defs": {"id": ID}}


def scene_schema() -> dict[str, Any]:
    body = _obj({"part": TEXT, "place": TEXT, "clock": TEXT,
                 "scenes": {"type": "array", "items": {"$ref": "#/$defs/scene"}}}, FILE_KEYS, ["scenes"])
    return {"$schema": DRAFT, "$id": "urn:first-take:schema:scene", "title": "FIRST TAKE scene file", **body,
            "$defs": {"id": ID, "scene": _scene(), "choice": _choice(), "effect": _effect()}}


def route_schema() -> dict[str, Any]:
    expect = _obj({
        "ending": {"$ref": "#/$defs/id"}, "scene": {"$ref": "#/$defs/id"}, "vars": _names_map(VALUE),
        "if": {"oneOf": [CONDITION, {"type": "array", "items": CONDITION}]},
        "text": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    }, EXPECT_KEYS)
    step_map = _obj({"choice": {"$ref": "#/$defs/id"}, "goto": {"$ref": "#/$defs/id"}, "timeout": {"const": True},
                     "expect": {"$ref": "#/$defs/expect"}}, STEP_KEYS,
                    oneOf=[{"required": ["choice"]}, {"required": ["goto"]}, {"required": ["timeout"]}])
    body = _obj({
        "name": TEXT, "seed": {"type": "integer"}, "start": {"$ref": "#/$defs/id"}, "set": _names_map(VALUE),
        "steps": {"type": "array", "items": {"oneOf": [{"$ref": "#/$defs/id"}, step_map]}},
        "expect": {"$ref": "#/$defs/expect"},
    }, ROUTE_KEYS, ["steps"])
    return {"$schema": DRAFT, "$id": "urn:first-take:schema:route", "title": "FIRST TAKE route file", **body,
            "$defs": {"id": ID, "expect": expect}}


def schemas() -> dict[str, dict[str, Any]]:
    return {"pack": pack_schema(), "scene": scene_schema(), "route": route_schema()}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=False) + "\n"


def write(folder: Path | str) -> list[Path]:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, schema in schemas().items():
        path = out / FILES[name]
        path.write_text(render(schema), encoding="utf-8")
        paths.append(path)
    return paths

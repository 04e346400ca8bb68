"""The keys each kind of pack mapping may hold, and other fixed vocabularies of the format.

Shared by the loader, the JSON Schema generator (game/toolkit/schema.py) and its drift test.
"""

from __future__ import annotations

PACK_KEYS = {"id", "title", "version", "start", "author", "description", "facts", "variables", "items",
             "extends", "demo"}
VAR_KEYS = {"type", "default", "min", "max", "label", "show", "format"}
ITEM_KEYS = {"label", "description"}
FILE_KEYS = {"part", "place", "clock", "scenes"}
SCENE_KEYS = {"id", "title", "text", "choices", "part", "place", "clock", "facts", "art", "on_enter", "ending",
              "timer", "replace", "add_choices"}
CHOICE_KEYS = {"id", "text", "goto", "if", "locked", "effects"}
BRANCH_KEYS = {"if", "scene"}
PARA_KEYS = {"if", "text"}
ENDING_KEYS = {"title", "kind", "epilogue"}
TIMER_KEYS = {"seconds", "default"}
PATCH_KEYS = {"id", "add_choices"}  # an entry that only adds choices to a scene defined elsewhere
FACT_KEYS = {"id", "fact", "source"}
EFFECT_OPS = {"set", "add", "give", "take", "roll"}
ENDING_KINDS = {"best", "good", "bittersweet", "bad"}
VAR_TYPES = {"int": int, "bool": bool, "str": str}
MAX_ART_BYTES = 16 * 1024
BUILTIN = "first-take"

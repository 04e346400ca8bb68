"""The modder toolkit: playtest explorer, route tests, graphs, schema, scaffolding.

Pure Python over the engine's model; nothing here imports textual. Command modules in game/commands/
import these lazily, inside ``run()``.
"""

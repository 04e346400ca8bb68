"""The journal: everything read and chosen this game, rebuilt by replaying the choice log.

Nothing extra is stored: the log and the state the game began with are enough, because every effect
is deterministic. So the journal rewinds with the game, survives saving and loading, and costs no
memory while playing. When the history cannot be replayed (a save without its origin, or a story
edited under it), the remaining steps are still listed by scene title and choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Story
from game.engine.session import ChoiceError, Session
from game.engine.state import GameState


@dataclass(frozen=True, slots=True)
class JournalEntry:
    turn: int
    scene_id: str
    title: str
    part: str = ""
    clock: str = ""
    place: str = ""
    paragraphs: tuple[str, ...] = ()  # empty when the text could not be rebuilt
    choice: str | None = None  # what was chosen here; None for the scene the player is in now
    ending: str | None = None  # the ending's title, when this scene ends the game


def _entry(session: Session, choice: str | None) -> JournalEntry:
    scene = session.scene()
    return JournalEntry(session.state.turn, scene.id, scene.title, scene.part, scene.clock, scene.place,
                        tuple(session.text()), choice, scene.ending.title if scene.ending else None)


def _bare(story: Story, turn: int, scene_id: str, choice_id: str | None) -> JournalEntry:
    scene = story.scenes.get(scene_id)
    title = scene.title if scene else scene_id
    choice_text = choice_id
    if scene is not None and choice_id is not None:
        found = scene.choice(choice_id)
        if found is not None:
            choice_text = "".join(p if isinstance(p, str) else "{" + p[0] + "}" for p in found.text.parts)
    return JournalEntry(turn, scene_id, title, scene.part if scene else "", scene.clock if scene else "",
                        scene.place if scene else "", (), choice_text,
                        scene.ending.title if scene and scene.ending else None)


def build_journal(story: Story, origin: GameState | None, state: GameState) -> list[JournalEntry]:
    """One entry per scene passed through, oldest first, ending with the current scene."""
    entries: list[JournalEntry] = []
    log = state.log
    replay: Session | None = None
    start = 0
    if origin is not None and log[: len(origin.log)] == origin.log and origin.scene in story.scenes:
        replay = Session(story, origin.copy())
        start = len(origin.log)
    for turn, (scene_id, choice_id) in enumerate(log[start:], start):
        if replay is not None and replay.state.scene == scene_id:
            view = next((v for v in replay.choices() if v.id == choice_id), None)
            if view is not None:
                entries.append(_entry(replay, view.text))
                try:
                    replay.choose(choice_id)
                    continue
                except ChoiceError:
                    entries.pop()
        replay = None  # from here on the text cannot be trusted: list titles only
        entries.append(_bare(story, turn, scene_id, choice_id))
    if replay is not None and replay.state.scene == state.scene:
        entries.append(_entry(replay, None))
    elif state.scene in story.scenes:
        current = Session(story, state.copy())
        entries.append(_entry(current, None))
    return entries


def to_markdown(story: Story, entries: list[JournalEntry]) -> str:
    """A transcript a player can keep or share: scenes as sections, choices as quotes."""
    out = [f"# {story.title}: transcript", ""]
    if story.version:
        out += [f"*{story.title} {story.version}*", ""]
    for entry in entries:
        out.append(f"## {entry.title}")
        where = " · ".join(p for p in (entry.part, entry.clock, entry.place) if p)
        if where:
            out += ["", f"*{where}*"]
        out.append("")
        if entry.paragraphs:
            for para in entry.paragraphs:
                out += [para.strip(), ""]
        else:
            out += ["(text not available for this step)", ""]
        if entry.choice is not None:
            out += [f"> **You chose:** {entry.choice}", ""]
        if entry.ending:
            out += [f"**ENDING: {entry.ending}**", ""]
    return "\n".join(out).rstrip() + "\n"

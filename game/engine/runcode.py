"""Run codes: one short, copyable line that reproduces a whole playthrough.

A run code is ``FT1-`` followed by base64url (no padding) of a small binary record::

    pack id, pack version, start scene ("" = the pack's start)   length-prefixed UTF-8
    seed                                                         zigzag varint
    salt                                                         one byte
    number of steps, then one 16-bit fingerprint per step        varint, big-endian u16s
    fingerprint of the scene the run ended in                    big-endian u16
    CRC-32 of everything above                                   big-endian u32

Each step is a fingerprint of the chosen choice's *stable id* (never its position on screen), so a
code survives edits that keep ids, like saves do. A fingerprint only has to tell apart the choices
of one scene; the encoder picks the salt so that no scene on the route has two choices with the same
fingerprint. Decoding needs the story to turn fingerprints back into ids (:func:`resolve`), which a
replay needs anyway. A bad code raises :class:`RunCodeError` with a message meant for a person.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import zlib
from dataclasses import dataclass

from game.engine.model import Story
from game.engine.session import ChoiceError, Session
from game.engine.state import GameState

PREFIX = "FT1-"
MAX_CODE_CHARS = 8192  # about 6,000 steps: far beyond any real run
MAX_STEPS = 5000
_B64 = re.compile(r"^[A-Za-z0-9_-]*$")
_SEED_LIMIT = 1 << 64


class RunCodeError(ValueError):
    """A run code that cannot be used; the message says why, in words a playtester understands."""


@dataclass(frozen=True, slots=True)
class RunCode:
    """A decoded run code; ``steps`` are fingerprints until :func:`resolve` matches them to a story."""

    pack_id: str
    pack_version: str
    seed: int
    steps: tuple[int, ...]
    salt: int = 0
    start: str = ""  # "" means the pack's own start scene
    end: int = 0  # fingerprint of the scene the run stopped in


@dataclass(frozen=True, slots=True)
class ResolvedRun:
    """A run code matched to a story: the choice ids to take, and notes for the person replaying."""

    code: RunCode
    choices: tuple[str, ...]
    warnings: tuple[str, ...] = ()


def fingerprint(choice_id: str, salt: int) -> int:
    digest = hashlib.blake2s(choice_id.encode("utf-8"), digest_size=2, salt=bytes([salt])).digest()
    return int.from_bytes(digest, "big")


# -- encoding ----------------------------------------------------------------------------------
def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _text(value: str) -> bytes:
    raw = value.encode("utf-8")
    return _varint(len(raw)) + raw


def _salt_for(story: Story, scenes: list[str]) -> int:
    """The first salt under which every scene on the route tells its choices apart."""
    for salt in range(256):
        ok = True
        for scene_id in set(scenes):
            scene = story.scenes.get(scene_id)
            ids = [c.id for c in scene.choices] if scene else []
            if len({fingerprint(i, salt) for i in ids}) != len(ids):
                ok = False
                break
        if ok:
            return salt
    raise RunCodeError("cannot make a run code for this route (choice ids collide under every salt)")


def encode(story: Story, seed: int, log: list[tuple[str, str]], end_scene: str, start: str = "") -> str:
    """The run code for a route: the seed and the (scene id, choice id) log of a GameState."""
    if len(log) > MAX_STEPS:
        raise RunCodeError(f"the run is too long for a run code ({len(log)} choices; at most {MAX_STEPS})")
    if not -_SEED_LIMIT < seed < _SEED_LIMIT:
        raise RunCodeError("the seed is too large for a run code")
    salt = _salt_for(story, [s for s, _ in log])
    body = bytearray()
    body += _text(story.id) + _text(story.version) + _text("" if start == story.start else start)
    body += _varint(seed * 2 if seed >= 0 else -seed * 2 - 1)
    body.append(salt)
    body += _varint(len(log))
    for _, choice_id in log:
        body += fingerprint(choice_id, salt).to_bytes(2, "big")
    body += fingerprint(end_scene, salt).to_bytes(2, "big")
    body += zlib.crc32(bytes(body)).to_bytes(4, "big")
    return PREFIX + base64.urlsafe_b64encode(bytes(body)).decode("ascii").rstrip("=")


def encode_state(story: Story, state: GameState, start: str = "") -> str:
    """The run code for a game in progress or finished (what the ending screen shows)."""
    return encode(story, state.seed, list(state.log), state.scene, start)


# -- decoding ----------------------------------------------------------------------------------
class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise RunCodeError("the run code is damaged (it ends too early)")
        self.pos += 1
        return self.data[self.pos - 1]

    def varint(self, limit_bits: int = 70) -> int:
        n = shift = 0
        while True:
            b = self.byte()
            n |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return n
            if shift > limit_bits:
                raise RunCodeError("the run code is damaged (a number in it is too long)")

    def text(self, what: str) -> str:
        n = self.varint(20)
        if n > 256 or self.pos + n > len(self.data):
            raise RunCodeError(f"the run code is damaged (its {what} does not fit)")
        raw = self.data[self.pos:self.pos + n]
        self.pos += n
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise RunCodeError(f"the run code is damaged (its {what} is not text)") from None

    def u16(self) -> int:
        return (self.byte() << 8) | self.byte()


def clean(code: str) -> str:
    """The code without what copying adds: spaces, line breaks, quotes, backticks, angle brackets."""
    return re.sub(r"[\s`'\"<>]", "", code or "")


def decode(code: str) -> RunCode:
    """Check and unpack a run code (without a story); raises RunCodeError, never anything else."""
    if not isinstance(code, str):
        raise RunCodeError("a run code is text")
    text = clean(code)
    if not text:
        raise RunCodeError("the run code is empty")
    if len(text) > MAX_CODE_CHARS:
        raise RunCodeError("that is too long to be a run code")
    head, sep, body = text.partition("-")
    if not sep or not re.fullmatch(r"[Ff][Tt]\d+", head):
        raise RunCodeError(f"that is not a FIRST TAKE run code (run codes start with {PREFIX})")
    if head.upper() != PREFIX[:-1]:
        raise RunCodeError(f"this run code was made by a newer game ({head.upper()}); this game reads {PREFIX[:-1]}")
    if not _B64.match(body):
        bad = next(ch for ch in body if not re.match(r"[A-Za-z0-9_-]", ch))
        raise RunCodeError(f"the run code has a character that cannot be in one: {bad!r}")
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError):
        raise RunCodeError("the run code is damaged or cut short: copy it again in full") from None
    if base64.urlsafe_b64encode(data).decode("ascii").rstrip("=") != body:  # stray bits in the last character
        raise RunCodeError("the run code is damaged (its last character is wrong): copy it again in full")
    if len(data) < 4 + 6:
        raise RunCodeError("the run code is damaged or cut short: copy it again in full")
    payload, crc = data[:-4], int.from_bytes(data[-4:], "big")
    if zlib.crc32(payload) != crc:
        raise RunCodeError("the run code is damaged (its checksum does not match): copy it again in full")
    r = _Reader(payload)
    pack_id = r.text("pack id")
    version = r.text("pack version")
    start = r.text("start scene")
    z = r.varint()
    seed = z // 2 if z % 2 == 0 else -(z + 1) // 2
    salt = r.byte()
    n = r.varint(20)
    if n > MAX_STEPS:
        raise RunCodeError("the run code is damaged (too many steps)")
    steps = tuple(r.u16() for _ in range(n))
    end = r.u16()
    if r.pos != len(payload):
        raise RunCodeError("the run code is damaged (there is data after its end)")
    if not pack_id:
        raise RunCodeError("the run code is damaged (it names no story)")
    return RunCode(pack_id, version, seed, steps, salt, start, end)


def resolve(story: Story, run: RunCode) -> ResolvedRun:
    """Match a decoded code to a story by replaying it; RunCodeError says where it stops fitting.

    A different pack id is an error; a different pack version is only a warning, because a code keeps
    working as long as the route's choice ids still exist and lead the same way.
    """
    if run.pack_id != story.id:
        raise RunCodeError(f"this run code is for the story '{run.pack_id}', not '{story.id}'"
                           f" (use --pack to pick the story it was made with)")
    warnings: list[str] = []
    if run.pack_version != story.version:
        warnings.append(f"this run code was made with version {run.pack_version or '?'} of {story.title};"
                        f" this is version {story.version}, so the run may not play out the same")
    start = run.start or story.start
    if start not in story.scenes:
        raise RunCodeError(f"this run code starts at scene '{start}', which this story does not have")
    session = start_session(story, run.seed, start)
    choices: list[str] = []
    for number, fp in enumerate(run.steps, 1):
        scene = session.scene()
        if session.is_over:
            raise RunCodeError(f"step {number} of the run code comes after the story ended"
                               f" (at '{scene.id}'): the story has changed since the code was made")
        matches = [v for v in session.choices() if fingerprint(v.id, run.salt) == fp]
        usable = [v for v in matches if v.available]
        if len(usable) != 1:
            why = "matches no choice that is open there" if not usable else "is ambiguous there"
            raise RunCodeError(f"step {number} of the run code {why} (scene '{scene.id}'):"
                               f" the story has changed since the code was made")
        choices.append(usable[0].id)
        try:
            session.choose(usable[0].id)
        except ChoiceError as err:  # pragma: no cover - choices() said it was available
            raise RunCodeError(f"step {number} of the run code cannot be taken: {err}") from None
    if run.end and fingerprint(session.state.scene, run.salt) != run.end:
        warnings.append(f"the run now stops at '{session.state.scene}', not where it stopped when the code"
                        f" was made: the story has changed")
    return ResolvedRun(run, tuple(choices), tuple(warnings))


def start_session(story: Story, seed: int, start: str | None = None) -> Session:
    """A fresh session at the pack's start, or at another scene (`play --from`, a demo cut's start)."""
    if not start or start == story.start:
        return Session(story, seed=seed)
    state = GameState.new(story, seed)  # as `play --from` starts: visited once, no on_enter effects
    state.scene = start
    state.visits[start] = 1
    return Session(story, state)

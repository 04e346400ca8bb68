"""The rules of the booth server, free of aiohttp so they can be tested on their own."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 8
MAX_MAX_SESSIONS = 256
WILDCARDS = {"", "0.0.0.0", "::", "*"}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in WILDCARDS


def is_loopback(host: str) -> bool:
    """True when only this machine can reach the address (a name counts if it resolves only to loopback)."""
    if is_wildcard(host):
        return False
    if host == "localhost":
        return True
    ip = _ip(host)
    if ip is not None:
        return ip.is_loopback
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all((a := _ip(str(addr))) is not None and a.is_loopback for addr in addresses)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased, default ports dropped (how browsers send Origin)."""
    parts = urlsplit(url.strip())
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def host_for_url(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


@dataclass(frozen=True)
class OriginPolicy:
    """Which pages may open a game websocket: the served origin, and nothing else.

    Bound to loopback, the allowed origins are fixed (localhost, 127.0.0.1, [::1] on the port), so a
    page on another site cannot reach the game even through DNS rebinding. Bound to every interface,
    the served origin is whatever host the browser used, so the Origin must match the request's Host.
    ``public_url`` adds the address a reverse proxy serves the game at.
    """

    host: str
    port: int
    public_url: str | None = None

    def fixed(self) -> frozenset[str]:
        out: set[str] = set()
        if self.public_url:
            out.add(origin_of(self.public_url))
        if is_loopback(self.host):
            out.update(origin_of(f"http://{name}:{self.port}") for name in LOOPBACK_NAMES)
        elif not is_wildcard(self.host):
            out.add(origin_of(f"http://{host_for_url(self.host)}:{self.port}"))
        return frozenset(out)

    def allows(self, origin: str | None, request_host: str | None) -> bool:
        if not origin or origin == "null":
            return False
        got = origin_of(origin)
        if got in self.fixed():
            return True
        if is_wildcard(self.host) and request_host:
            return got == origin_of(f"http://{request_host}")
        return False


class Slots:
    """How many game processes run at once; taken when a websocket is accepted, given back when the
    process has really ended. The server runs on one event loop, so no lock is needed."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.active = 0

    @property
    def full(self) -> bool:
        return self.active >= self.limit

    def take(self) -> bool:
        if self.full:
            return False
        self.active += 1
        return True

    def give_back(self) -> None:
        self.active = max(0, self.active - 1)


def exposure_warning(host: str, port: int, max_sessions: int) -> str:
    """The loud warning printed when the server is reachable from other machines."""
    where = "every network interface" if is_wildcard(host) else f"{host}, not this machine only"
    bar = "!" * 78
    return "\n".join([
        bar,
        f"!! WARNING: first-take serve is listening on {where} (port {port}).",
        "!! Anyone who can reach this machine can open the game: there is no password and no",
        "!! encryption (plain HTTP), and every browser tab starts a game process here",
        f"!! (at most {max_sessions} at once, --max-sessions).",
        "!! For a booth, a browser on this same machine with the default --host 127.0.0.1 is enough.",
        bar,
    ])

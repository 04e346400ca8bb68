"""The booth server's rules on their own: origins, loopback, the seat counter, the command it runs."""

from __future__ import annotations

import sys
from pathlib import Path

from game.booth.policy import OriginPolicy, Slots, exposure_warning, is_loopback, origin_of
from game.commands.serve import game_command


def test_origin_of_normalises_like_a_browser() -> None:
    assert origin_of("http://LOCALHOST:8000/path?q=1") == "http://localhost:8000"
    assert origin_of("http://example.org:80") == "http://example.org"
    assert origin_of("https://example.org:443/") == "https://example.org"
    assert origin_of("http://[::1]:8000") == "http://[::1]:8000"


def test_loopback_detection() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "::", "", "192.168.1.20", "10.0.0.1", "no-such-host.invalid"):
        assert not is_loopback(host), host


def test_loopback_policy_allows_only_this_machine_on_this_port() -> None:
    policy = OriginPolicy("127.0.0.1", 8000)
    for origin in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        assert policy.allows(origin, "127.0.0.1:8000"), origin
    for origin in ("http://127.0.0.1:8001", "https://127.0.0.1:8000", "http://evil.example", "null", "", None):
        assert not policy.allows(origin, "127.0.0.1:8000"), origin
    # DNS rebinding: a foreign name that points at us sends its own name as Host and Origin.
    assert not policy.allows("http://rebind.example:8000", "rebind.example:8000")


def test_wildcard_policy_is_same_origin_and_public_url_adds_one() -> None:
    policy = OriginPolicy("0.0.0.0", 8000)
    assert policy.allows("http://booth.local:8000", "booth.local:8000")
    assert not policy.allows("http://evil.example", "booth.local:8000")
    proxied = OriginPolicy("127.0.0.1", 8000, public_url="https://play.example.org/first-take/")
    assert proxied.allows("https://play.example.org", "127.0.0.1:8000")
    assert not proxied.allows("http://play.example.org", "127.0.0.1:8000")


def test_slots_cap_and_give_back() -> None:
    slots = Slots(2)
    assert slots.take() and slots.take()
    assert slots.full and not slots.take()
    slots.give_back()
    assert not slots.full and slots.take()
    for _ in range(5):
        slots.give_back()
    assert slots.active == 0


def test_warning_names_the_risk() -> None:
    text = exposure_warning("0.0.0.0", 8000, 8)
    assert "WARNING" in text and "every network interface" in text and "at most 8" in text


def test_games_run_without_a_shell(tmp_path: Path) -> None:
    argv = game_command(tmp_path / "data dir; rm -rf x", tmp_path / "pack $(boom)", kiosk=False)
    assert argv[0] == sys.executable and argv[1:3] == ["-m", "game"]
    assert str(tmp_path / "data dir; rm -rf x") in argv and str(tmp_path / "pack $(boom)") in argv
    assert "--kiosk" not in argv and "--kiosk" in game_command(tmp_path, tmp_path, kiosk=True)
    kiosk = game_command(tmp_path, tmp_path, kiosk=True, demo=True, idle_timeout=45)
    assert kiosk[-4:] == ["--kiosk", "--idle-timeout", "45.0", "--demo"]
    assert not any("operator" in part for part in kiosk)  # the key travels in the environment only

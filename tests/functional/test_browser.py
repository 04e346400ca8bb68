"""The game in a real browser: headless Chromium (Debian's package) driven by Playwright.

`first-take serve` runs on a free loopback port; the test opens it, waits for the title, presses
keys, reads what xterm.js drew (its screen buffer, through page.evaluate) and saves a screenshot.
Then it fills the booth past --max-sessions and tries a websocket from a page on another origin.
Playwright never downloads a browser here: it launches /usr/bin/chromium (see .ci/apt.sh).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
import time
from pathlib import Path

import pytest

from game.engine.model import Story
from game.engine.session import Session
from tests.conftest import PACKS
from tests.functional import test_serve
from tests.functional.test_serve import ServeProcess

serve = test_serve.serve  # the `serve` fixture, shared with test_serve.py (pytest finds it by this name)

CHROMIUM = Path(os.environ.get("FIRST_TAKE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 60_000

# The page's script keeps its xterm.js Terminal to itself; catch it as it is stored, so the test can
# read the screen buffer exactly as drawn (the renderer is a canvas: there is no text in the DOM).
CATCH_TERMINAL = """
(() => {
  window.__terminals = [];
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    set(value) {
      Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
      if (value && value.buffer && value.buffer.active) window.__terminals.push(value);
    },
  });
})();
"""
READ_SCREEN = """() => {
  const t = window.__terminals && window.__terminals[0];
  if (!t) return "";
  const b = t.buffer.active, rows = [];
  for (let i = 0; i < t.rows; i++) {
    const line = b.getLine(b.viewportY + i);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


def _need_browser():  # noqa: ANN202
    """Playwright and Chromium, or a skip (a failure in CI, where .ci/apt.sh installs them)."""
    missing = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "the playwright package (pip install -e '.[test]')"
    if missing is None and not CHROMIUM.exists():
        missing = f"Chromium at {CHROMIUM} (apt-get install chromium; .ci/apt.sh does it)"
    if missing:
        (pytest.fail if os.environ.get("CI") else pytest.skip)(f"browser test needs {missing}")
    pytest.importorskip("textual_serve", reason="needs the serve extra")
    return sync_playwright


@pytest.fixture
def browser():  # noqa: ANN201
    sync_playwright = _need_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=WAIT_MS)
        try:
            yield chromium
        finally:
            chromium.close()


def screen(page) -> str:  # noqa: ANN001
    return page.evaluate(READ_SCREEN)


def wait_for_screen(page, pattern: str) -> str:  # noqa: ANN001
    """Poll the drawn screen until `pattern` (a regex) shows; bounded."""
    deadline = time.monotonic() + WAIT_MS / 1000
    text = ""
    while time.monotonic() < deadline:
        text = screen(page)
        if re.search(pattern, text):
            return text
        page.wait_for_timeout(100)
    raise AssertionError(f"{pattern!r} never showed in the browser; the screen was:\n{text}")


def open_game(browser, server: ServeProcess):  # noqa: ANN001, ANN201
    page = browser.new_page(viewport={"width": 1100, "height": 720})
    page.add_init_script(CATCH_TERMINAL)
    page.goto(server.base + "/", timeout=WAIT_MS)
    page.wait_for_selector("body.-first-byte", timeout=WAIT_MS)
    wait_for_screen(page, r"New game")
    return page


def test_play_the_built_in_story_in_a_browser(browser, serve, campaign: Story, tmp_path: Path) -> None:  # noqa: ANN001
    server = serve(pack=None)  # the built-in campaign, as a booth serves it
    page = open_game(browser, server)
    assert "Quit" not in screen(page) or "Settings" in screen(page)  # the title screen's menu
    page.click("#terminal")  # give the terminal the keyboard, as a visitor's first click does
    page.keyboard.press("n")
    start = campaign.scenes[campaign.start]
    wait_for_screen(page, re.escape(start.title))
    # A choice whose target does not depend on luck, so the test knows the next scene.
    views = Session(campaign, seed=0).available()
    view = next(v for v in views if len(v.choice.branches) == 1)
    nxt = campaign.scenes[view.choice.branches[0].scene]
    wait_for_screen(page, re.escape(f"{view.number}. {view.text[:30]}"))
    page.keyboard.press(str(view.number))
    text = wait_for_screen(page, re.escape(nxt.title))
    first_choice = Session(campaign, seed=0)
    first_choice.choose(view.id)
    if first_choice.choices():
        shown = first_choice.choices()[0]
        assert f"{shown.number}. {shown.text[:30]}" in text
    shot = tmp_path / "browser-scene.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    page.close()
    assert server.wait_status("sessions", 0)["sessions"] == 0  # a closed tab frees its seat


def test_more_tabs_than_seats_see_the_booth_is_full(browser, serve, tmp_path: Path) -> None:  # noqa: ANN001
    server = serve("--max-sessions", "2", pack=PACKS / "tiny")
    pages = [open_game(browser, server) for _ in range(2)]
    assert server.status()["sessions"] == 2
    extra = browser.new_page()
    extra.add_init_script(CATCH_TERMINAL)
    response = extra.goto(server.base + "/", timeout=WAIT_MS)
    assert response is not None and response.status == 503
    card = extra.text_content("#booth-full") or ""
    assert "The booth is full" in card and "All 2 seats are taken" in card
    extra.screenshot(path=str(tmp_path / "booth-full.png"))
    # The seated players still play.
    pages[0].click("#terminal")
    pages[0].keyboard.press("n")
    wait_for_screen(pages[0], r"units of fuel")
    # One leaves: the waiting tab gets the game on its next try.
    pages[1].close()
    assert server.wait_status("sessions", 1)["sessions"] == 1
    response = extra.goto(server.base + "/", timeout=WAIT_MS)
    assert response is not None and response.status == 200
    wait_for_screen(extra, r"New game")
    for page in (pages[0], extra):
        page.close()
    assert server.wait_status("sessions", 0)["sessions"] == 0


def test_a_page_on_another_origin_cannot_open_a_game(browser, serve, tmp_path: Path) -> None:  # noqa: ANN001
    server = serve(pack=PACKS / "tiny")
    page = browser.new_page()
    # A page that is not ours tries to start a game on the booth. It is served from this machine too
    # (another port), so Chromium's own guard against public pages calling local addresses does not
    # step in, and the refusal seen is the server's Origin check.
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>elsewhere</title><p>hi</p>")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/", timeout=WAIT_MS)
        script = """(url) => new Promise((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => { resolve("open"); ws.close(); };
          ws.onerror = () => resolve("refused");
          setTimeout(() => resolve("no answer"), 20000);
        })"""
        assert page.evaluate(script, f"ws://127.0.0.1:{server.port}/ws") == "refused"
        assert server.status()["refused"]["origin"] == 1
        assert server.status()["sessions"] == 0
        # The same script from the booth's own page is let in.
        own = browser.new_page()
        own.goto(server.base + "/status", timeout=WAIT_MS)
        assert own.evaluate(script, f"ws://127.0.0.1:{server.port}/ws") == "open"
        page.close()
        own.close()
    finally:
        other.shutdown()
        other.server_close()

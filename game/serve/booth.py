"""The booth server: textual-serve's Server with a session cap, an Origin check and no shell.

Imported only by `first-take serve`, because it needs the optional ``serve`` extra (textual-serve,
which brings aiohttp). What textual-serve 1.1.3 does on its own, measured: it starts one process per
websocket with no limit, accepts websockets from any Origin, runs the command through a shell, and
builds page URLs from the bind address (so a server bound to 0.0.0.0 hands browsers ws://0.0.0.0).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from game.booth.policy import OriginPolicy, Slots, host_for_url

log = logging.getLogger("first-take.serve")

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATICS = Path(textual_serve.__file__).resolve().parent / "static"
STOP_GRACE = 5.0  # seconds a game gets to quit after its tab closed, before it is killed
RETRY_SECONDS = 15
RETRY_SOON = 2  # while a game is shutting down, its seat is about to be free
MIN_SIZE, MAX_COLS, MAX_ROWS = 10, 400, 200


def _clamp_int(raw: Any, default: int, low: int, high: int) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return default
    return max(low, min(high, value))


class GameProcess(AppService):
    """One player's game: started with an argument list (no shell), killed if it will not quit."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self.argv = list(argv)
        self._stopped = False

    async def _open_app_process(self, width: int = 80, height: int = 24):  # noqa: ANN202
        env = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=env)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the game's output; when the game ends (quit, crash), close the page's websocket too."""
        try:
            await super().run()
        finally:
            if not self._stopped:
                try:
                    await self.remote_close()
                except Exception:  # noqa: BLE001 - the page may be gone already
                    pass

    async def stop(self) -> None:
        """Ask the game to quit and let it finish (a kiosk writes its booth-log line on the way out);
        kill it only if it has not ended within STOP_GRACE seconds."""
        if self._stopped:
            return
        self._stopped = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + STOP_GRACE
        try:
            await asyncio.wait_for(super().stop(), STOP_GRACE)  # "quit", then its output ends
        except Exception as err:  # noqa: BLE001 - a stuck game (or a timeout) must not stick the booth
            log.warning("a game did not answer quit (%s)", type(err).__name__)
        process = self._process
        if process is not None and process.returncode is None:
            try:  # its output has ended, but it may still be shutting down: wait, do not kill yet
                await asyncio.wait_for(process.wait(), max(0.1, deadline - loop.time()))
            except TimeoutError:
                log.warning("a game did not quit by itself within %.0f s; killing it", STOP_GRACE)
                try:
                    process.kill()
                except ProcessLookupError:
                    pass
                try:
                    await asyncio.wait_for(process.wait(), STOP_GRACE)
                except TimeoutError:  # pragma: no cover - a process that survives SIGKILL
                    log.error("game process %s did not end after SIGKILL", process.pid)
        if self._task is not None and not self._task.done():
            self._task.cancel()


class BoothServer(Server):
    """Serve FIRST TAKE to browsers, at most ``max_sessions`` games at once."""

    def __init__(self, argv: Sequence[str], *, host: str, port: int, max_sessions: int, title: str,
                 public_url: str | None = None) -> None:
        super().__init__(" ".join(argv), host=host, port=port, title=title, public_url=public_url,
                         statics_path=STATICS, templates_path=TEMPLATES)
        self.argv = list(argv)
        self.slots = Slots(max_sessions)
        self.origins = OriginPolicy(host, port, public_url)
        self.explicit_public_url = public_url
        self.games: set[GameProcess] = set()
        self.refused = {"origin": 0, "full": 0}
        self.closing = 0  # games whose tab went away and that are still stopping

    # -- setup ---------------------------------------------------------------------------------
    def initialize_logging(self) -> None:
        logging.basicConfig(level="DEBUG" if self.debug else "INFO", stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S")
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/status", self.handle_status, name="status"),
            web.get("/favicon.ico", self.handle_favicon, name="favicon"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        url = self.explicit_public_url or f"http://{host_for_url(self.host)}:{self.port}/"
        print(f"FIRST TAKE is being served at {url}  (at most {self.slots.limit} players at once;"
              f" Ctrl+C stops it)", flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        games = list(self.games)
        if games:
            log.info("stopping %d game(s)", len(games))
            await asyncio.gather(*(game.stop() for game in games), return_exceptions=True)

    # -- pages ---------------------------------------------------------------------------------
    def _full_page(self, request: web.Request) -> web.Response:
        retry = RETRY_SOON if self.closing else RETRY_SECONDS
        response = aiohttp_jinja2.render_template(
            "full.html", request,
            {"title": self.title, "limit": self.slots.limit, "active": self.slots.active, "retry": retry},
            status=503)
        response.headers["Retry-After"] = str(retry)
        response.headers["Cache-Control"] = "no-store"
        return response

    def _websocket_url(self, request: web.Request) -> str:
        """Where the page's script connects: the public URL if one was given, else the host the browser
        used (so it works on every interface and the Origin check sees the same origin)."""
        if self.explicit_public_url:
            base = self.explicit_public_url.rstrip("/")
            scheme, rest = base.split(":", 1)
            return ("wss:" if scheme == "https" else "ws:") + rest + "/ws"
        return f"{'wss' if request.secure else 'ws'}://{request.host}/ws"

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.slots.full:
            self.refused["full"] += 1
            return self._full_page(request)
        context = {"title": self.title, "static_url": "/static/",
                   "websocket_url": self._websocket_url(request),
                   "font_size": _clamp_int(request.query.get("fontsize"), 16, 8, 64)}
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_favicon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def handle_status(self, request: web.Request) -> web.Response:
        body = {"sessions": self.slots.active, "max_sessions": self.slots.limit, "full": self.slots.full,
                "refused": dict(self.refused)}
        return web.json_response(body, headers={"Cache-Control": "no-store"})

    # -- games ---------------------------------------------------------------------------------
    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        origin = request.headers.get("Origin")
        if not self.origins.allows(origin, request.host):
            self.refused["origin"] += 1
            log.warning("refused a websocket from origin %r (host %r)", origin, request.host)
            return web.Response(status=403, text="This game only plays in pages served by this booth.\n")
        if not self.slots.take():
            self.refused["full"] += 1
            log.info("booth full (%d sessions): refused a player", self.slots.active)
            return web.Response(status=503, text="The booth is full. Try again in a minute.\n",
                                headers={"Retry-After": str(RETRY_SECONDS)})
        game: GameProcess | None = None
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        try:
            await websocket.prepare(request)
            width = _clamp_int(request.query.get("width"), 80, MIN_SIZE, MAX_COLS)
            height = _clamp_int(request.query.get("height"), 24, MIN_SIZE, MAX_ROWS)
            game = GameProcess(self.argv, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                               close=websocket.close, download_manager=self.download_manager, debug=self.debug)
            self.games.add(game)
            await game.start(width, height)
            log.info("player joined (%d/%d sessions)", self.slots.active, self.slots.limit)
            await self._process_messages(websocket, game)
        except asyncio.CancelledError:
            pass
        except Exception as error:  # noqa: BLE001 - one player's trouble must not stop the booth
            log.error("a session failed: %s", error)
        finally:
            self.closing += 1
            try:
                if game is not None:
                    await asyncio.shield(game.stop())
                    self.games.discard(game)
                if not websocket.closed:
                    await websocket.close()
            finally:
                self.closing -= 1
                self.slots.give_back()
                log.info("player left (%d/%d sessions)", self.slots.active, self.slots.limit)
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """Forward the page's keys and resizes; anything malformed is ignored, never fatal."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except (ValueError, RecursionError):
                continue
            if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(_clamp_int(data.get("width"), 80, MIN_SIZE, MAX_COLS),
                                                    _clamp_int(data.get("height"), 24, MIN_SIZE, MAX_ROWS))
            elif kind == "ping":
                await websocket.send_json(["pong", data if isinstance(data, (str, int, float)) else ""])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

"""Browser play for booths: `first-take serve`, a guarded wrapper around textual-serve.

textual-serve (an optional extra: ``pip install 'first-take[serve]'``) starts one game process per
browser tab. This package adds what a booth needs and textual-serve 1.1 does not do: a cap on
simultaneous sessions with a friendly "booth is full" page, a refusal of websockets opened from
other origins, loopback-only binding unless asked otherwise (with a loud warning), processes started
without a shell, and sessions whose tab went away cleaned up. ``policy`` is plain Python (tested
without a network); ``booth`` holds the aiohttp/textual-serve parts and is imported only by the
command.
"""

from __future__ import annotations

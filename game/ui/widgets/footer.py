"""Textual's Footer without its memory leak (found by the long-session benchmark, textual 8.2.8).

Footer recomposes whenever the bindings change (every focus change, so every choice), and each new
FooterKey is data-bound to the footer's `compact` reactive. The binding's watcher stays in the
footer's watcher list after the key is removed, and Textual only prunes that list when `compact`
itself changes, so every removed key stayed alive: ~13 widgets and ~0.15 MB a choice, 127 MB after
500 choices, and a slower `compact` update each time. Pruning closed watchers after each recompose
keeps the footer at its few live keys.
"""

from __future__ import annotations

from textual.widgets import Footer as _TextualFooter


class Footer(_TextualFooter):
    async def recompose(self) -> None:
        await super().recompose()
        for watchers in getattr(self, "__watchers", {}).values():  # Textual's own name for the list
            watchers[:] = [(node, callback) for node, callback in watchers
                           if not getattr(node, "_closing", False) and not getattr(node, "_closed", False)]

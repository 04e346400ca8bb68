"""Strongly connected components (iterative Tarjan) and the traps they reveal.

A *trap* is a closed loop: a strongly connected set of states with at least one edge inside it and
no edge leaving it, holding no ending. A player who enters one can go round forever and never
finish. Doomed states that can still leave (into a soft-lock, or into a trap) are not traps
themselves: what they lead to is reported instead.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def components(nodes: Iterable[N], succ: Mapping[N, Sequence[N]]) -> list[list[N]]:
    """Every strongly connected component, each in discovery order (iterative, so no recursion limit)."""
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on: set[N] = set()
    stack: list[N] = []
    out: list[list[N]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        work = [(root, iter(succ.get(root, ())))]
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(succ.get(nxt, ()))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == node:
                        break
                out.append(comp[::-1])
    return out


def cyclic(comp: Sequence[N], succ: Mapping[N, Sequence[N]]) -> bool:
    return len(comp) > 1 or comp[0] in succ.get(comp[0], ())


def closed_loops(nodes: Iterable[N], succ: Mapping[N, Sequence[N]]) -> list[list[N]]:
    """Cyclic components with no edge leaving them: the traps (the caller leaves endings out)."""
    out = []
    for comp in components(nodes, succ):
        members = set(comp)
        if cyclic(comp, succ) and all(t in members for n in comp for t in succ.get(n, ())):
            out.append(comp)
    return out

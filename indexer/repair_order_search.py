"""Search over the orders of many runs: a beam over run sequences.

A line cut into more runs than can be permuted exhaustively (5 runs: 120 orders, 10 runs:
3.6 million) is searched as a path through its runs.  Each step from run ``a`` to run ``b``
scores the word pair across the join (the last word of ``a`` then the first word of ``b``)
minus a *prior* that encodes how extractions scramble runs:

- ``b`` is the run found just before ``a`` (runs emitted left to right): free;
- ``b`` is the run found just after ``a``: free across a soft boundary (a number next to a
  word, one space), :data:`FORWARD_HARD` across a hard one (a run of spaces, a glued number);
- anything else is a jump: :data:`JUMP`.

Words split by tatweel (``كازاخســـ`` … ``ــتان``) tie runs together: joining two pieces into a
known word earns :data:`JOIN_BONUS`, a piece left alone costs :data:`LOOSE`.  The best few
paths are returned; :func:`indexer.repair_order.reorder_line` rescores them on the whole line.

>>> from indexer.repair_order import Run
>>> runs = [Run(["c"]), Run(["b"]), Run(["a"])]
>>> [seq for seq, _ in search_orders(runs, lambda a, b: 0.0, keep=1)]
[[2, 1, 0]]
"""
from __future__ import annotations

from typing import Callable, Collection, Sequence

from indexer.repair_tables import TATWEEL

FORWARD_HARD = 0.6   # log10: reading on past a hard boundary in the order found
JUMP = 1.2           # log10: any other step
JOIN_BONUS = 1.5     # two pieces of a split word joined into a known word
LOOSE = 2.5          # a piece of a split word whose other half does not follow it
BEAM = 48
KEEP = 4


def step_prior(a: int, b: int, hard: Sequence[bool]) -> float:
    """Prior cost (log10) of going from run ``a`` to run ``b``; ``hard[i]``: the boundary
    before run ``i`` is a hard trace."""
    if b == a - 1:
        return 0.0
    if b == a + 1:
        return FORWARD_HARD if hard[b] else 0.0
    return JUMP


def search_orders(runs: Sequence, pair: Callable[[str, str], float], *,
                  before: str | None = None, after: str | None = None,
                  known: Callable[[str], bool] | None = None,
                  transparent: Callable[[str], bool] | None = None,
                  glued: Collection[tuple[str, str]] = (),
                  beam: int = BEAM, keep: int = KEEP) -> list[tuple[list[int], float]]:
    """The ``keep`` best orders of ``runs`` (objects with ``tokens``, ``hard``,
    ``head_piece``, ``tail_piece``) as ``(indexes, prior)``, best first.

    ``pair(a, b)`` scores word ``b`` after word ``a``; ``before``/``after`` are the words
    around the line.  ``transparent(token)``: a token the pair score looks through (a
    footnote marker ending a run: the word before it is scored against the next run).
    ``glued``: ``(number, word)`` pairs printed glued (``145تشريع``,
    :func:`indexer.repair_headings.glued_numbers`): the number was laid out left of the
    word's run, so reading on from it into that word is a jump, not a step forward.
    The returned prior is the sum of the step priors of the path.
    """
    n = len(runs)
    if n == 0:
        return []
    hard = [bool(getattr(r, "hard", True)) for r in runs]
    firsts = [r.tokens[0] for r in runs]
    lasts = [next((t for t in reversed(r.tokens) if not (transparent and transparent(t))), r.tokens[-1])
             for r in runs]
    tails = [r.tail_piece for r in runs]
    heads = [r.head_piece for r in runs]
    any_heads = any(heads)

    def link(a: int, b: int) -> float:
        if tails[a] and heads[b]:
            word = lasts[a].rstrip(TATWEEL) + firsts[b].lstrip(TATWEEL)
            return JOIN_BONUS if known is None or known(word) else -LOOSE
        s = 0.0
        if tails[a] and any_heads:
            s -= LOOSE
        if heads[b]:
            s -= LOOSE
        return s + pair(lasts[a], firsts[b])

    links = [[link(a, b) if a != b else 0.0 for b in range(n)] for a in range(n)]
    start = [(pair(before, firsts[b]) if before else 0.0) - (LOOSE if heads[b] else 0.0)
             - (0.0 if b in (0, n - 1) else JUMP) for b in range(n)]
    # state: (score, prior, path, used-bitmask); merged on (runs used, last run)
    states: list[tuple[float, float, tuple[int, ...], int]] = [
        (start[b], 0.0 if b in (0, n - 1) else JUMP, (b,), 1 << b) for b in range(n)]
    steps = [[0.0 if tails[a] and heads[b] else
              JUMP if b == a + 1 and (lasts[a], firsts[b]) in glued else step_prior(a, b, hard)
              for b in range(n)]
             for a in range(n)]
    for _ in range(n - 1):
        best: dict[tuple[int, int], tuple[float, float, tuple[int, ...], int]] = {}
        for score, prior, path, used in states:
            a = path[-1]
            row, step = links[a], steps[a]
            for b in range(n):
                if used >> b & 1:
                    continue
                p = step[b]
                s = score + row[b] - p
                key = (used | 1 << b, b)
                old = best.get(key)
                if old is None or s > old[0]:
                    best[key] = (s, prior + p, path + (b,), used | 1 << b)
        states = sorted(best.values(), key=lambda t: -t[0])[:beam]
    final = []
    for score, prior, path, _ in states:
        end = pair(lasts[path[-1]], after) if after else 0.0
        if tails[path[-1]] and any_heads:
            end -= LOOSE
        final.append((score + end, prior, list(path)))
    final.sort(key=lambda t: -t[0])
    return [(path, prior) for _, prior, path in final[:keep]]


def reversed_cuts(tokens: Sequence[str], pair: Callable[[str, str], float], *,
                  free: Sequence[bool], cuttable: Sequence[bool], cost: float | Sequence[float],
                  before: str | None = None, after: str | None = None,
                  max_paid: int = 2) -> list[tuple[list[int], int]]:
    """Where to cut ``tokens`` into runs that, reversed, read best: for each number of paid
    cuts ``k`` (1 .. ``max_paid``), the best cut positions and ``k``.

    A line emitted run by run from left to right is the runs reversed, but a run boundary is
    often invisible (one space).  Reversing runs keeps the pairs inside each run, so an order
    differs from another only at its junctions; a dynamic programme over the cut points finds
    the best cuts in ``O(n^3)`` pair look-ups (``n`` tokens).  ``free[i]``: a cut before token
    ``i`` costs nothing (a run boundary the extraction left a trace of); ``cuttable[i]``: a
    cut there is allowed at all; any other cut costs ``cost`` (log10), or ``cost[i]`` when
    ``cost`` is a sequence (a price per position).

    >>> p = lambda x, y: 0.0 if (x, y) in {("a", "b"), ("b", "c")} else -3.0
    >>> reversed_cuts(["c", "a", "b"], p, free=[False] * 3, cuttable=[True] * 3, cost=1.0, max_paid=1)
    [([1], 1)]
    """
    n = len(tokens)
    if n < 2:
        return []
    costs = [float(cost)] * n if isinstance(cost, (int, float)) else list(cost)
    inner = [pair(tokens[i - 1], tokens[i]) if i else 0.0 for i in range(n)]  # pair ending at i
    prefix = [0.0] * (n + 1)
    for i in range(1, n):
        prefix[i + 1] = prefix[i] + inner[i]

    def internal(a: int, b: int) -> float:  # the pairs inside tokens[a:b]
        return prefix[b] - prefix[a + 1]

    end = [pair(tokens[b - 1], after) if after else 0.0 for b in range(n + 1)]
    # best[k][(a, b)]: the last run so far is tokens[a:b] (it will be output first), k paid
    # cuts; value (score, back-pointer a' of the run before it)
    NEG = float("-inf")
    best: list[dict[tuple[int, int], tuple[float, int]]] = [dict() for _ in range(max_paid + 1)]
    for b in range(1, n + 1):
        best[0][(0, b)] = (internal(0, b) + end[b], -1)
    for b in range(1, n):
        if not cuttable[b]:
            continue
        paid = 0 if free[b] else 1
        for k in range(max_paid + 1 - paid):
            lasts = [(a, v[0]) for (a, bb), v in best[k].items() if bb == b]
            if not lasts:
                continue
            for c in range(b + 1, n + 1):
                add = internal(b, c) - paid * costs[b]
                top, arg = NEG, -1
                for a, v in lasts:
                    s = v + pair(tokens[c - 1], tokens[a])
                    if s > top:
                        top, arg = s, a
                key = (b, c)
                old = best[k + paid].get(key)
                if old is None or top + add > old[0]:
                    best[k + paid][key] = (top + add, arg)
    out = []
    for k in range(1, max_paid + 1):
        finals = [(v[0] + (pair(before, tokens[a]) if before else 0.0), a)
                  for (a, b), v in best[k].items() if b == n and a > 0]
        if not finals:
            continue
        _, a = max(finals)
        cuts, b, kk = [], n, k
        while a > 0:
            cuts.append(a)
            prev = best[kk][(a, b)][1]
            kk -= 0 if free[a] else 1
            a, b = prev, a
        out.append((sorted(cuts), k))
    return out

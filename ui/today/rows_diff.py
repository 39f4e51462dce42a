"""What changed between two lists of one Today section, as rows to remove and
rows to insert: Today shown again moves only the rows that moved, so the view
keeps its selection, its scroll position and most of its layout (issue 16: a
reset laid out ~900 rows again, ~27 ms at 100,000 contacts)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Hashable, Sequence

Runs = list[tuple[int, int]]  # (first, last) rows, inclusive, in ascending order


def kept(old: Sequence[Hashable], new: Sequence[Hashable]) -> set[Hashable]:
    """The ids that stay: the most ids both lists have in the same order (a
    longest increasing subsequence of their new places, in the old order).
    Every other id of ``old`` goes, every other id of ``new`` comes."""
    place = {fu_id: i for i, fu_id in enumerate(new)}
    places = [place[fu_id] for fu_id in old if fu_id in place]
    tails: list[int] = []  # tails[k]: the smallest last place of a run of k + 1
    tail_at: list[int] = []  # ... and where in ``places`` it is
    before = [-1] * len(places)  # the previous element of the run ending here
    for i, p in enumerate(places):
        k = bisect_left(tails, p)
        if k == len(tails):
            tails.append(p)
            tail_at.append(i)
        else:
            tails[k], tail_at[k] = p, i
        before[i] = tail_at[k - 1] if k else -1
    out: set[Hashable] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        out.add(new[places[i]])
        i = before[i]
    return out


def runs(rows: Sequence[int]) -> Runs:
    """Ascending rows as runs of consecutive ones: [1, 2, 3, 7] is [(1, 3), (7, 7)]."""
    out: Runs = []
    for row in rows:
        if out and out[-1][1] == row - 1:
            out[-1] = (out[-1][0], row)
        else:
            out.append((row, row))
    return out


def moves(old: Sequence[Hashable], new: Sequence[Hashable]) -> tuple[Runs, Runs]:
    """The rows of ``old`` to remove (remove them last run first), then the
    rows of ``new`` to insert (first run first) to make ``old`` into ``new``.
    Ids are unique within each list."""
    stay = kept(old, new)
    gone = [row for row, fu_id in enumerate(old) if fu_id not in stay]
    come = [row for row, fu_id in enumerate(new) if fu_id not in stay]
    return runs(gone), runs(come)


def within(row: int, runs: Runs) -> bool:
    return any(first <= row <= last for first, last in runs)

"""Today's rows moved, not reset (ui/today/rows_diff.py): the removals and
insertions it names make the old list into the new one, and keep what stays."""

from __future__ import annotations

import random

from ui.today.rows_diff import kept, moves, runs


def _apply(old: list[int], new: list[int]) -> list[int]:
    gone, come = moves(old, new)
    rows = list(old)
    for first, last in reversed(gone):
        del rows[first : last + 1]
    for first, last in come:
        rows[first:first] = new[first : last + 1]
    return rows


def test_the_moves_make_the_old_list_into_the_new_one() -> None:
    rng = random.Random(16)
    for _ in range(500):
        # GIVEN two readings of one section, ids unique in each
        old = rng.sample(range(40), rng.randint(0, 30))
        new = rng.sample(range(40), rng.randint(0, 30))
        # WHEN the rows named are removed, then inserted THEN the section is the new reading
        assert _apply(old, new) == new


def test_one_gone_one_come_and_one_moved() -> None:
    # GIVEN [1..6] WHEN 1 is done, 4 moves to the end and 7 comes THEN only those rows move
    assert moves([1, 2, 3, 4, 5, 6], [2, 3, 5, 6, 7, 4]) == ([(0, 0), (3, 3)], [(4, 5)])
    assert kept([1, 2, 3, 4, 5, 6], [2, 3, 5, 6, 7, 4]) == {2, 3, 5, 6}
    # AND the same list again moves nothing
    assert moves([1, 2, 3], [1, 2, 3]) == ([], [])


def test_runs() -> None:
    assert runs([1, 2, 3, 7, 9, 10]) == [(1, 3), (7, 7), (9, 10)]
    assert runs([]) == []

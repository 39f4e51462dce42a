"""The demo's batches made on a thread of their own, a few ahead of the
writer (followup/demo_batches.made_ahead)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from followup.demo_batches import made_ahead


def test_every_item_comes_in_order() -> None:
    assert list(made_ahead(iter(range(50)), 2, "test-ahead")) == list(range(50))


def test_items_are_made_ahead_of_the_caller_but_no_further_than_asked() -> None:
    # GIVEN items that note when each is made
    made: list[int] = []

    def items() -> Iterator[int]:
        for n in range(10):
            made.append(n)
            yield n

    ahead = made_ahead(items(), 2, "test-ahead")
    # WHEN the caller takes the first and waits (as the writer does while it indexes)
    assert next(ahead) == 0
    deadline = time.monotonic() + 5
    while len(made) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    # THEN the next two are made meanwhile, and one more waits to be handed over: no further
    assert made == [0, 1, 2, 3]
    ahead.close()


def test_an_error_while_making_is_raised_to_the_caller_after_what_was_made() -> None:
    def items() -> Iterator[int]:
        yield 1
        raise ValueError("no more names")

    ahead = made_ahead(items(), 2, "test-ahead")
    assert next(ahead) == 1
    with pytest.raises(ValueError, match="no more names"):
        next(ahead)


def test_the_thread_stops_when_the_caller_stops() -> None:
    # GIVEN endless items made ahead
    def items() -> Iterator[int]:
        n = 0
        while True:
            yield n
            n += 1

    ahead = made_ahead(items(), 2, "test-ahead-stops")
    assert next(ahead) == 0
    # WHEN the caller stops (a failed write) THEN the making thread has ended
    ahead.close()
    assert not [t for t in threading.enumerate() if t.name == "test-ahead-stops"]

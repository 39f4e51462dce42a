"""CPython's cycle collector paused while many objects without cycles are made.

Reading every open follow-up for `export-ics` at 100,000 contacts makes
~34,000 rows, keys and closures: tuples, strings and partials, none of them
in a cycle. The collector still ran its passes over them as they were made,
a third of the read's time (885 ms against 604 ms with it paused), and a
share that grew faster than the rows: the read grew 15x from 10,000 to
100,000 contacts with it, 12x without. `export-ics` from its cache file at
100,000 contacts: 1,464 -> 1,335 ms CPU (issue 16, bench/README.md).

The app turns automatic collection off for good and collects on its GUI
thread (ui/ops/collector.py): there, ``paused`` finds it off and leaves it
off. Nothing here collects: what was made is freed by reference counting,
and a later pass finds whatever else is due.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside; on again after, if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()

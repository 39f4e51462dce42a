"""A long list as JSON, a slice at a time, on a thread that shares the interpreter.

``json.dumps`` is C: it holds the GIL until the whole text is built, 26 ms
for 100,000 contact ids and more for Undo's rows, and the GUI thread, which
needs the GIL for every Python call Qt makes, froze for that long while a
bulk action began on the worker. ``dumps`` builds the same text from
slices of ``SLICE`` items, letting other threads in between; ``loads``
reads a JSON array of arrays (SQLite's ``json_group_array``) the same way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

SLICE = 4096  # items encoded while holding the interpreter (~1 ms)


def dumps(items: Sequence[Any]) -> str:
    """``json.dumps(list(items))``, the same text."""
    if len(items) <= SLICE:
        return json.dumps(list(items))
    return "[" + ", ".join(_slices(items)) + "]"


def _slices(items: Sequence[Any]) -> Any:
    for start in range(0, len(items), SLICE):
        yield json.dumps(list(items[start : start + SLICE]))[1:-1]


def select(conn: sqlite3.Connection, columns: str, rest: str, params: tuple[Any, ...] = ()) -> list[Any]:
    """``SELECT columns rest`` (no ORDER BY: the rows come in the order SQLite
    reads them), read as JSON arrays of ``SLICE`` rows:
    ``[id, ...]`` for one column, ``[(id, value), ...]`` for more. A row at a
    time, the worker gave the GIL up and took it back per row and the GUI
    thread, waiting for it, froze for the whole read (Python's convoy
    effect); as one array, ``json.loads`` held the GIL for 60 ms per
    100,000 pairs. A few rows of a few thousand each do neither."""
    many = "," in columns
    item = f"json_array({columns})" if many else columns
    outer = "json(item)" if many else "item"  # (a subquery's JSON comes out as text)
    found = conn.execute(
        f"SELECT json_group_array({outer}) FROM (SELECT {item} AS item, (row_number() OVER () - 1) / {SLICE} AS slice "
        f"{rest}) GROUP BY slice ORDER BY slice",
        params,
    )
    out: list[Any] = []
    for (text,) in found:
        out += [tuple(r) if isinstance(r, list) else r for r in json.loads(text)]
    return out

"""Long lists to and from SQLite as JSON in slices (followup/json_slices.py):
the same text and rows as in one piece."""

from __future__ import annotations

import json
import sqlite3

import pytest

from followup import json_slices


@pytest.mark.parametrize("n", [0, 1, json_slices.SLICE, json_slices.SLICE + 1, 3 * json_slices.SLICE + 7])
def test_dumps_writes_the_text_json_does(n: int) -> None:
    ids = list(range(n))
    pairs = [(i, f"kind “{i}”") for i in range(n)]
    assert json_slices.dumps(ids) == json.dumps(ids)
    assert json_slices.dumps(pairs) == json.dumps(pairs)


@pytest.mark.parametrize("n", [0, 1, json_slices.SLICE, 2 * json_slices.SLICE + 3])
def test_select_reads_the_rows_the_query_reads_in_its_order(n: int) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT, n INTEGER)")
    conn.execute("CREATE INDEX t_kind ON t (kind)")
    rows = [(i, f"k,[{(i * 7919) % 1000}]", None if i % 3 else i) for i in range(1, n + 1)]
    conn.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    assert json_slices.select(conn, "id", "FROM t") == [i for (i,) in conn.execute("SELECT id FROM t")]
    assert sorted(json_slices.select(conn, "id", "FROM t NOT INDEXED")) == list(range(1, n + 1))
    by_kind = "FROM t INDEXED BY t_kind WHERE kind > ?"
    one_by_one = list(conn.execute(f"SELECT id, kind, n {by_kind}", ("k,[1",)))
    assert json_slices.select(conn, "id, kind, n", by_kind, ("k,[1",)) == one_by_one
    assert len(one_by_one) >= n // 2

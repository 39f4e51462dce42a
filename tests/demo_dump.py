"""A database's content in a canonical order, for comparing two ways of
building the same data (the demo's bulk load against row-by-row writes kept
by the schema's triggers; the demo before and after a change).

Every table's rows sorted, the schema, and the full-text index read term by
term (FTS5's own vocabulary table, in the temp schema: the database is not
changed), so a rebuild that is skipped or partial shows. FTS5's segment
blobs (``_data``, ``_idx``) are left out: how terms are cut into segments
depends on when the pending terms were flushed, not on what is indexed.
Planner statistics are left out too (sampled), and random UUIDs (an
engagement's calendar UID is uuid4: new on every run) are masked.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

FTS = "touch_points_fts"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SKIPPED = {f"{FTS}_data", f"{FTS}_idx", "sqlite_stat1", "sqlite_stat4"}


def lines(conn: sqlite3.Connection) -> Iterator[str]:
    """The content of the database ``conn`` is on, one line per row, in a canonical order."""
    for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"):
        yield f"schema {row!r}"
    tables = [
        str(name)
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        )
    ]
    for table in tables:
        if table in _SKIPPED:
            continue
        columns = [str(c[1]) for c in conn.execute(f'PRAGMA table_info("{table}")')]
        order = ", ".join(f'"{c}"' for c in columns)
        for row in conn.execute(f'SELECT {order} FROM "{table}" ORDER BY {order}'):
            yield _UUID.sub("<uuid>", f"{table} {row!r}")
    if FTS in tables or conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (FTS,)).fetchone():
        conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.dump_vocab USING fts5vocab(main, {FTS}, instance)")
        try:
            for row in conn.execute(
                "SELECT term, doc, col, offset FROM temp.dump_vocab ORDER BY term, doc, col, offset"
            ):
                yield f"fts {row!r}"
            # the index agrees with the table it indexes (raises if not)
            conn.execute(f"INSERT INTO {FTS}({FTS}, rank) VALUES ('integrity-check', 1)")
        finally:
            conn.execute("DROP TABLE temp.dump_vocab")


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(lines(conn))
    finally:
        conn.close()


def digest(path: Path) -> str:
    """One hash of :func:`dump`: two databases with the same content have the same one."""
    h = hashlib.sha256()
    for line in dump(path):
        h.update(line.encode())
        h.update(b"\n")
    return h.hexdigest()

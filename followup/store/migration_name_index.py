"""Contacts indexed by name, as every list and picker orders them (issue 16).

A picker of 100,000 people searches as the user types (``ContactsRepo.pick``):
the people whose name begins with what was typed are a range of this index,
read in order, the first few dozen only. Without it each search sorted every
match in a temporary tree. NOCASE, as the
queries' ``ORDER BY name COLLATE NOCASE``, so that one index serves both the
range and the order.
"""

from __future__ import annotations

import sqlite3

NAME_INDEX_SQL = "CREATE INDEX contacts_name ON contacts(name COLLATE NOCASE)"


def _v_name_index(conn: sqlite3.Connection) -> None:
    conn.execute(NAME_INDEX_SQL)

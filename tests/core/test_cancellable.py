"""A long write the user stops keeps nothing (followup/cancellable.py, issue 16)."""

from __future__ import annotations

import sqlite3

import pytest

from followup.cancellable import Cancelled, cancellable
from followup.store import Store


def _people(store: Store, n: int) -> None:
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO contacts (name, kind, tz, created_at, updated_at) VALUES (?, 'other', 'UTC', '', '')",
            [(f"Person {i}",) for i in range(n)],
        )


def test_cancel_during_the_second_statement_rolls_back_the_first(store: Store) -> None:
    # GIVEN 5,000 contacts, and a write of two statements in one transaction
    _people(store, 5000)
    asked = [False]
    # WHEN the user cancels once the first statement has run
    with pytest.raises(Cancelled) as caught, cancellable(store.conn, lambda: asked[0]), store.transaction() as conn:
        conn.execute("UPDATE contacts SET kind = 'client'")
        asked[0] = True
        conn.execute("UPDATE contacts SET kind = 'friend'")
    # THEN it says so in one sentence, the second statement was interrupted and the first rolled back
    assert str(caught.value) == "Cancelled: nothing was changed."
    assert isinstance(caught.value.__cause__, sqlite3.OperationalError)
    assert store.conn.execute("SELECT DISTINCT kind FROM contacts").fetchall() == [("other",)]
    assert not store.conn.in_transaction
    # AND the connection works as before (no progress handler left behind)
    with store.transaction() as conn:
        conn.execute("UPDATE contacts SET kind = 'colleague'")
    assert store.conn.execute("SELECT DISTINCT kind FROM contacts").fetchall() == [("colleague",)]


def test_never_cancelled_writes_everything(store: Store) -> None:
    _people(store, 5000)
    with cancellable(store.conn, lambda: False), store.transaction() as conn:
        conn.execute("UPDATE contacts SET kind = 'client'")
    assert store.conn.execute("SELECT DISTINCT kind FROM contacts").fetchall() == [("client",)]


def test_an_error_that_is_not_a_cancel_is_left_alone(store: Store) -> None:
    with pytest.raises(sqlite3.OperationalError, match="no such table"), cancellable(store.conn, lambda: False):
        store.conn.execute("SELECT * FROM nowhere")

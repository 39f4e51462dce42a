"""What a bulk delete keeps for its Undo: a stash file of its own beside the
data (followup/store/undo_stash.py), not the rows as Python objects (846 MiB
held for 20,000 demo contacts, for the whole session). A full disk deletes
nothing; an Undo that fails keeps the stash and can be tried again; stashes
left by a process that ended are swept."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from followup.engine import bulk_contacts as bulk
from followup.errors import NotFoundError, StoreError
from followup.store import Store, undo_stash
from followup.store.contact_undo import OWNED_TABLES


def _dump(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table a contact owns, and what the search index finds."""
    rows = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in ("contacts", *OWNED_TABLES)}
    rows["found"] = conn.execute("SELECT rowid FROM touch_points_fts WHERE touch_points_fts MATCH 'lunch'").fetchall()
    return rows


def _three(add_contact: Callable[..., int], log_tp: Callable[..., int]) -> list[int]:
    ids = [add_contact(name, tags=["x"]) for name in ("Ana", "Bo", "Cy")]
    for contact in ids:
        log_tp(contact, summary=f"Lunch with {contact}")
    return ids


def _stashes(store: Store) -> list[Path]:
    return sorted(undo_stash.folder(store.path).glob("*.db"))


def test_a_delete_keeps_its_rows_in_a_file_its_undo_removes(
    store: Store, add_contact: Callable[..., int], log_tp: Callable[..., int]
) -> None:
    # GIVEN three contacts with tags and touch points, and a fourth who stays
    ids = _three(add_contact, log_tp)
    add_contact("Dee")
    before = _dump(store.conn)
    # WHEN the three are deleted in one step
    done = bulk.delete(store, ids)
    # THEN their rows are in a stash file beside the data, named by the result, and not in the database
    assert done.changed == sorted(ids)
    assert _stashes(store) == [done.stash]
    with sqlite3.connect(done.stash) as stash:
        assert stash.execute("SELECT count(*) FROM touch_points").fetchone() == (3,)
        assert stash.execute("SELECT count(*) FROM contact_tags").fetchone() == (3,)
    stash.close()
    assert store.contacts.count() == 1
    # AND Undo puts every row back as it was, and removes the file
    bulk.undo(store, done)
    assert _dump(store.conn) == before
    assert _stashes(store) == [] and done.stash is None


@contextmanager
def _disk_full_after(pages: int) -> Iterator[None]:
    """The stash's file can grow to ``pages`` pages, as on a disk that fills up as it is written."""
    attached = undo_stash.attached

    @contextmanager
    def small(conn: sqlite3.Connection, path: Path) -> Iterator[str]:
        with attached(conn, path) as schema:
            conn.execute(f"PRAGMA {schema}.max_page_count = {pages}")
            yield schema

    undo_stash.attached = small  # type: ignore[assignment]
    try:
        yield
    finally:
        undo_stash.attached = attached  # type: ignore[assignment]


def test_a_full_disk_while_keeping_what_is_deleted_deletes_nothing(
    store: Store, add_contact: Callable[..., int], log_tp: Callable[..., int]
) -> None:
    # GIVEN three contacts, and a disk with room for a few pages only
    ids = _three(add_contact, log_tp)
    before = _dump(store.conn)
    # WHEN they are deleted
    with _disk_full_after(3), pytest.raises(StoreError, match=r"not enough disk space .* nothing was deleted"):
        bulk.delete(store, ids)
    # THEN nothing was deleted, and no stash is left
    assert _dump(store.conn) == before
    assert _stashes(store) == []
    # AND the next delete, with room, works
    assert bulk.delete(store, ids).changed == sorted(ids)


def test_an_undo_that_fails_keeps_its_stash_and_can_be_tried_again(
    store: Store, add_contact: Callable[..., int], log_tp: Callable[..., int]
) -> None:
    # GIVEN three contacts deleted, then a new contact given the id of one of them (another process)
    ids = _three(add_contact, log_tp)
    before = _dump(store.conn)
    done = bulk.delete(store, ids)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO contacts (id, name, kind, tz, created_at, updated_at) "
            "VALUES (?, 'In the way', 'other', 'UTC', '2026-01-01', '2026-01-01')",
            (ids[2],),
        )
    # WHEN Undo runs
    with pytest.raises(sqlite3.IntegrityError):
        bulk.undo(store, done)
    # THEN nothing was half put back, and the stash is still there
    assert [name for (name,) in store.conn.execute("SELECT name FROM contacts")] == ["In the way"]
    assert store.conn.execute("SELECT count(*) FROM touch_points").fetchone() == (0,)
    assert done.stash is not None and done.stash.exists()
    # AND once that contact has gone, Undo puts everything back
    store.conn.execute("DELETE FROM contacts WHERE id = ?", (ids[2],))
    bulk.undo(store, done)
    assert _dump(store.conn) == before


def test_an_undo_whose_stash_is_gone_says_so_and_changes_nothing(
    store: Store, add_contact: Callable[..., int], log_tp: Callable[..., int]
) -> None:
    # GIVEN three contacts deleted, and their stash removed (swept)
    ids = _three(add_contact, log_tp)
    done = bulk.delete(store, ids)
    assert done.stash is not None
    done.stash.unlink()
    # WHEN Undo runs, THEN it says so in a sentence, and nothing changed
    with pytest.raises(NotFoundError, match="no longer kept"):
        bulk.undo(store, done)
    assert store.contacts.count() == 0
    assert not undo_stash.folder(store.path).joinpath(done.stash.name).exists()


def _ended_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(proc.stdout)


def test_sweep_removes_the_stashes_of_ended_processes_only(db_path: Path) -> None:
    # GIVEN stashes of a process that has ended, of one that runs (pid 1), and this process's own
    where = undo_stash.folder(db_path)
    where.mkdir()
    ended = where / f"delete-{_ended_pid()}-a.db"
    running = where / "delete-1-b.db"
    mine = undo_stash.new_path(db_path)
    for path in (ended, running, mine):
        path.write_bytes(b"")
    # WHEN a window starts, THEN only the ended process's stash goes
    assert undo_stash.sweep(db_path) == 1
    assert sorted(where.iterdir()) == sorted([running, mine])
    # AND as this window closes its own go too
    assert undo_stash.sweep(db_path, ours=True) == 1
    assert list(where.iterdir()) == [running]
    assert os.getpid() != 1

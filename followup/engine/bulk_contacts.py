"""Acting on many contacts at once: tag, untag, kind, stay-in-touch rhythm,
archive, delete, each in one transaction and undoable in one step.

Set-based: the selection goes to SQLite as one JSON array (``json_each``),
so thousands of contacts cost a few statements, not a loop of single writes.
A contact deleted meanwhile (by another process) is counted as ``missing``
and the rest is done; a selection of which nothing is left is refused.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from followup import json_slices
from followup.changes import Changes
from followup.domain import Kind
from followup.errors import NotFoundError, StoreError, ValidationError
from followup.store import Store, contacts_stash, undo_stash
from followup.store.bulk import deleting_most_touch_points, full_text_in_bulk
from followup.store.kind_change import change_kinds
from followup.timeutil import to_db
from followup.validation import MAX_TAGS, clean_line

# The selection, as a table SQLite reads from one parameter.
IDS = "SELECT value FROM json_each(?)"
# Deleted before the contacts, each in one statement (the rest goes by the
# contacts' cascade): the touch points, in id order, and first the follow-ups,
# which would otherwise be set to NULL as their touch points went, then
# deleted. Left to the cascade, the touch points went a contact at a time,
# and the full-text index wrote its pending terms at the end of each
# contact's (a statement of its own to FTS5): a segment a contact, merged and
# merged again, a 3.2 GB WAL at 100,000 demo contacts (bench/README.md).
DELETED_FIRST = {
    "follow_ups": f"DELETE FROM follow_ups WHERE contact_id IN ({IDS})",
    "touch_points": f"DELETE FROM touch_points WHERE id IN (SELECT id FROM touch_points WHERE contact_id IN ({IDS}))",
}
# The page cache of the connection while it deletes or puts back contacts
# (SQLite's default is 2 MiB): at 20,000 demo contacts the delete made
# 47 -> 32 s CPU.
BULK_CACHE_KIB = 65_536
# From this many contacts a change says "any contact" (the list reloads once)
# instead of naming each one (the list would read each row again).
NAMED_UP_TO = 200


@dataclass(slots=True)
class BulkResult:
    """What one bulk action did, and what its Undo needs."""

    action: str  # tag, untag, kind, rhythm, archive, unarchive, delete
    changed: list[int] = field(default_factory=list)
    unchanged: int = 0  # selected and there, but already so
    missing: list[int] = field(default_factory=list)  # selected, but deleted meanwhile
    before: list[tuple[Any, ...]] = field(default_factory=list)  # rows Undo writes back
    stash: Path | None = None  # delete: the file every row removed is kept in (followup/store/undo_stash.py)

    @property
    def changes(self) -> Changes:
        ids = frozenset(self.changed) if len(self.changed) <= NAMED_UP_TO else frozenset()
        deleted = self.action == "delete"
        return Changes(
            contacts=True, follow_ups=True, touch_points=deleted, engagements=deleted, contact_ids=ids
        )  # fmt: skip


def _ids_json(ids: Collection[int]) -> str:
    unique = list(dict.fromkeys(int(i) for i in ids))
    if not unique:
        raise ValidationError("Select at least one contact first.")
    return json_slices.dumps(unique)


def _all(conn: sqlite3.Connection, columns: str, rest: str, params: tuple[Any, ...]) -> list[Any]:
    """``SELECT columns rest``: ``[id, ...]`` for one column, ``[(id, value), ...]``
    for more, read in slices that let the GUI thread in (followup/json_slices.py)."""
    return json_slices.select(conn, columns, rest, params)


def _present(conn: sqlite3.Connection, selection: str) -> tuple[int, list[int]]:
    """(how many are still there, ids deleted meanwhile); refuses when none is left.
    Counted by SQLite: a set of 100,000 ids built in Python held the GIL 14 ms."""
    (there,) = conn.execute(f"SELECT count(*) FROM contacts WHERE id IN ({IDS})", (selection,)).fetchone()
    missing = _all(conn, "value", "FROM json_each(?) WHERE value NOT IN (SELECT id FROM contacts)", (selection,))
    if not there:
        (wanted,) = conn.execute("SELECT json_array_length(?)", (selection,)).fetchone()
        raise NotFoundError(
            "The selected contact no longer exists (deleted elsewhere)."
            if wanted == 1
            else f"None of the {wanted:,} selected contacts exists any more (deleted elsewhere)."
        )
    return int(there), missing


def clean_tag(text: str) -> str:
    word = clean_line(text, "A tag", 100).lstrip("#").strip()
    if not word:
        raise ValidationError("A tag needs at least one letter.")
    return word


def add_tag(store: Store, ids: Collection[int], tag: str) -> BulkResult:
    """Give every selected contact ``tag`` (those who have it in any case keep theirs)."""
    word, selection = clean_tag(tag), _ids_json(ids)
    with store.transaction() as conn:
        there, missing = _present(conn, selection)
        full = conn.execute(
            f"""SELECT count(*) FROM (SELECT contact_id FROM contact_tags WHERE contact_id IN ({IDS})
                GROUP BY contact_id HAVING count(*) >= ? AND sum(tag = ? COLLATE NOCASE) = 0)""",
            (selection, MAX_TAGS, word),
        ).fetchone()[0]
        if full:
            raise ValidationError(
                f"{full:,} of the selected contacts already have {MAX_TAGS} tags, the most a contact can have. "
                "Nothing was tagged."
            )
        changed = _all(
            conn, "c.id", f"""FROM contacts c WHERE c.id IN ({IDS}) AND NOT EXISTS
                (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag = ? COLLATE NOCASE)""",
            (selection, word),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO contact_tags (contact_id, tag) SELECT value, ? FROM json_each(?)",
            (word, json_slices.dumps(changed)),
        )
        _touch(store, conn, changed)
    return BulkResult("tag", sorted(changed), there - len(changed), missing, [(word,)])


def remove_tag(store: Store, ids: Collection[int], tag: str) -> BulkResult:
    """Take ``tag`` (any case) off every selected contact."""
    word, selection = clean_tag(tag), _ids_json(ids)
    with store.transaction() as conn:
        there, missing = _present(conn, selection)
        which = f"FROM contact_tags WHERE contact_id IN ({IDS}) AND tag = ? COLLATE NOCASE"
        removed = _all(conn, "contact_id, tag", which, (selection, word))
        conn.execute(f"DELETE {which}", (selection, word))
        changed = sorted({r[0] for r in removed})
        _touch(store, conn, changed)
    return BulkResult("untag", changed, there - len(changed), missing, [tuple(r) for r in removed])


def set_kind(store: Store, ids: Collection[int], kind: Kind) -> BulkResult:
    kind, selection = Kind(kind), _ids_json(ids)
    with store.transaction() as conn:
        there, missing = _present(conn, selection)
        wanted = "SELECT value AS id, ? AS new FROM json_each(?)"
        before = change_kinds(conn, wanted, (kind.value, selection), to_db(store.clock.now()))
    return _result("kind", there, missing, before)


def set_rhythm(store: Store, ids: Collection[int], ideal: int | None, limit: int | None) -> BulkResult:
    """A stay-in-touch rhythm of their own (every ``ideal`` days, at most
    ``limit``), or None and None: back to their kind's."""
    if (ideal is None) != (limit is None):
        raise ValidationError("Set both the ideal interval and the limit for staying in touch, or neither.")
    if ideal is not None and limit is not None:
        if not 1 <= ideal <= 3650 or not 1 <= limit <= 3650:
            raise ValidationError("Stay-in-touch intervals are between 1 and 3,650 days.")
        if limit < ideal:
            raise ValidationError("The limit for staying in touch cannot be shorter than the ideal interval.")
    selection = _ids_json(ids)
    differs = f"id IN ({IDS}) AND (cadence_ideal_days IS NOT ? OR cadence_limit_days IS NOT ?)"
    with store.transaction() as conn:
        there, missing = _present(conn, selection)
        before = _all(conn, "id, cadence_ideal_days, cadence_limit_days", f"FROM contacts WHERE {differs}",
                      (selection, ideal, limit))  # fmt: skip
        conn.execute(
            f"UPDATE contacts SET cadence_ideal_days = ?, cadence_limit_days = ?, updated_at = ? WHERE {differs}",
            (ideal, limit, to_db(store.clock.now()), selection, ideal, limit),
        )
    return _result("rhythm", there, missing, before)


def set_archived(store: Store, ids: Collection[int], archived: bool = True) -> BulkResult:
    selection = _ids_json(ids)
    with store.transaction() as conn:
        there, missing = _present(conn, selection)
        before = _all(
            conn, "id, archived", f"FROM contacts WHERE id IN ({IDS}) AND archived != ?", (selection, int(archived))
        )
        conn.execute(
            f"UPDATE contacts SET archived = ?, updated_at = ? WHERE id IN ({IDS}) AND archived != ?",
            (int(archived), to_db(store.clock.now()), selection, int(archived)),
        )
    return _result("archive" if archived else "unarchive", there, missing, before)


def delete(store: Store, ids: Collection[int]) -> BulkResult:
    """Delete the selected contacts and everything that is theirs. Every row
    removed is first copied, by SQLite, into a stash file of its own
    (followup/store/undo_stash.py), so that Undo puts them back as they were;
    the result names it. Nothing is deleted if the stash cannot be written
    (a full disk): the user is told so."""
    selection = _ids_json(ids)
    path = undo_stash.new_path(store.path)
    try:
        with undo_stash.attached(store.conn, path), store.transaction() as conn:
            _, missing = _present(conn, selection)
            stashed = contacts_stash.stash(conn, IDS, (selection,))
            deleted = contacts_stash.stashed_contacts(conn)
            most = contacts_stash.most_of_all(conn, stashed["touch_points"])
            with _in_bulk(conn):
                conn.execute(DELETED_FIRST["follow_ups"], (selection,))
                with deleting_most_touch_points(conn) if most else nullcontext():
                    conn.execute(DELETED_FIRST["touch_points"], (selection,))
                conn.execute(f"DELETE FROM contacts WHERE id IN ({IDS})", (selection,))
    except BaseException as error:
        undo_stash.discard(path)
        if isinstance(error, sqlite3.OperationalError) and "full" in str(error):
            raise StoreError(
                "There is not enough disk space to keep what is deleted for Undo, so nothing was deleted. "
                "Free some space and try again."
            ) from error
        raise
    result = BulkResult("delete", deleted, 0, missing)
    result.stash = path
    return result


def tags_of(store: Store, ids: Collection[int]) -> list[str]:
    """Every tag any of the selected contacts has (for "Remove a tag")."""
    rows = store.conn.execute(
        f"SELECT DISTINCT tag FROM contact_tags WHERE contact_id IN ({IDS}) ORDER BY tag COLLATE NOCASE",
        (json_slices.dumps(list(ids)),),
    )
    return [t for (t,) in rows]


def touch_points_of(store: Store, ids: Collection[int]) -> int:
    """How many touch points the selected contacts have (a delete says so first)."""
    row = store.conn.execute(
        f"SELECT count(*) FROM touch_points WHERE contact_id IN ({IDS})", (json_slices.dumps(list(ids)),)
    ).fetchone()
    return int(row[0])


def undo(store: Store, done: BulkResult) -> None:
    """Put back what ``done`` changed, in one transaction."""
    if done.action == "delete":
        _undo_delete(store, done)
        return
    now = to_db(store.clock.now())
    with store.transaction() as conn:
        if done.action == "tag":
            (word,) = done.before[0]
            conn.execute(
                f"DELETE FROM contact_tags WHERE contact_id IN ({IDS}) AND tag = ?",
                (json_slices.dumps(done.changed), word),
            )
        elif done.action == "untag":
            conn.execute(
                "INSERT OR IGNORE INTO contact_tags (contact_id, tag) SELECT value ->> 0, value ->> 1 FROM json_each(?)",
                (json_slices.dumps(done.before),),
            )
        elif done.action == "kind":  # the kinds set-based, then every row's time as the other undos do
            before = json_slices.dumps(done.before)
            change_kinds(conn, "SELECT value ->> 0 AS id, value ->> 1 AS new FROM json_each(?)", (before,), now)
            conn.execute(_TOUCHED_AGAIN, (now, before))
        elif done.action in _PUT_BACK:
            conn.execute(_PUT_BACK[done.action], (now, json_slices.dumps(done.before)))
        else:
            raise ValueError(f"cannot undo {done.action!r}")
        if done.action in ("tag", "untag"):
            _touch(store, conn, done.changed)


# Undo of rhythm and archive (kind: followup/store/kind_change.py): the rows as they were, one JSON array
# ``[[id, value, ...], ...]``, written back in one statement.
_PUT_BACK = {
    action: f"UPDATE contacts SET {sets}, updated_at = ?1 FROM json_each(?2) AS b WHERE contacts.id = b.value ->> 0"
    for action, sets in (
        ("rhythm", "cadence_ideal_days = b.value ->> 1, cadence_limit_days = b.value ->> 2"),
        ("archive", "archived = b.value ->> 1"),
        ("unarchive", "archived = b.value ->> 1"),
    )
}


_TOUCHED_AGAIN = "UPDATE contacts SET updated_at = ?1 FROM json_each(?2) AS b WHERE contacts.id = b.value ->> 0"


def _undo_delete(store: Store, done: BulkResult) -> None:
    """Every row the delete removed, back as it was, from its stash; the stash
    is removed once they are (and kept if this fails or is cancelled: Undo is
    offered again)."""
    if done.stash is None or not done.stash.exists():
        raise NotFoundError("What was deleted is no longer kept, so it cannot be put back.")
    with undo_stash.attached(store.conn, done.stash), store.transaction() as conn, _in_bulk(conn):
        contacts_stash.put_back(conn)
    undo_stash.discard(done.stash)
    done.stash = None


@contextmanager
def _in_bulk(conn: sqlite3.Connection) -> Iterator[None]:
    """A page cache of ``BULK_CACHE_KIB`` meanwhile (the connection's own
    after), and the search index's settings for loading (followup/store/bulk.py)."""
    (was,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        with full_text_in_bulk(conn):
            yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(was)}")


def _result(action: str, there: int, missing: list[int], before: list[Any]) -> BulkResult:
    changed = sorted(r[0] for r in before)
    return BulkResult(action, changed, there - len(changed), missing, [tuple(r) for r in before])


def _touch(store: Store, conn: sqlite3.Connection, changed: list[int]) -> None:
    if changed:
        conn.execute(
            f"UPDATE contacts SET updated_at = ? WHERE id IN ({IDS})",
            (to_db(store.clock.now()), json_slices.dumps(changed)),
        )


def describe(done: BulkResult, what: str = "") -> str:
    """One sentence for the status bar: "Tagged 312 contacts 'vip'." and what was left."""
    n = len(done.changed)
    people = f"{n:,} contact{'s' * (n != 1)}"
    verb = {
        "tag": f"Tagged {people} {what!r}" if what else f"Tagged {people}",
        "untag": f"Removed {what!r} from {people}" if what else f"Untagged {people}",
        "kind": f"Changed {people} to {what}" if what else f"Changed the kind of {people}",
        "rhythm": f"Set the stay-in-touch rhythm of {people}" + (f" to {what}" if what else ""),
        "archive": f"Archived {people}",
        "unarchive": f"Unarchived {people}",
        "delete": f"Deleted {people}",
    }[done.action]
    extra = []
    if done.unchanged:
        already = {"untag": "did not have it", "tag": "had it already"}.get(done.action, "were so already")
        extra.append(f"{done.unchanged:,} {already}")
    if done.missing:
        extra.append(f"{len(done.missing):,} deleted elsewhere meanwhile")
    return verb + (f" ({'; '.join(extra)})" if extra else "") + "."

"""Contacts: create, edit, archive, delete with undo, list, resolve by name."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

from followup.domain import Channel, Contact, ContactRow, Kind, LabelledValue
from followup.errors import AmbiguousError, NotFoundError, ValidationError
from followup.progress import CancelCheck
from followup.store import contact_undo, people, people_search
from followup.store.contact_rows import NOTES_FOUND_BY, ROWS_SQL, read_kind, read_row, split

# Undo's record and tables, still importable from here as before the split:
from followup.store.contact_undo import OWNED_TABLES as OWNED_TABLES
from followup.store.contact_undo import DeletedContact as DeletedContact
from followup.timeutil import from_db, to_db
from followup.validation import normalise_phone, validate_contact

if TYPE_CHECKING:
    from followup.store.store import Store

_CHUNK = 5_000  # rows read between two looks at a cancel check


class ContactsRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    # -- reading -------------------------------------------------------------

    def get(self, contact_id: int, *, records: bool = True) -> Contact:
        """The contact; with ``records=False`` without dates, addresses, links and
        photo (an import's merge reads them only for a file that has some)."""
        conn = self._store.conn
        row = conn.execute("SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        names = [d[0] for d in conn.execute("SELECT * FROM contacts LIMIT 0").description]
        data = dict(zip(names, row, strict=True))
        emails = [
            LabelledValue(address, label)
            for address, label in conn.execute(
                "SELECT address, label FROM contact_emails WHERE contact_id = ? ORDER BY position",
                (contact_id,),
            )
        ]
        phones = [
            LabelledValue(number, label)
            for number, label in conn.execute(
                "SELECT number, label FROM contact_phones WHERE contact_id = ? ORDER BY position",
                (contact_id,),
            )
        ]
        tags = [
            t
            for (t,) in conn.execute(
                "SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag COLLATE NOCASE", (contact_id,)
            )
        ]
        contact = Contact(
            id=data["id"],
            name=data["name"],
            organisation=data["organisation"],
            title=data["title"],
            kind=read_kind(data["kind"]),
            preferred_channel=_channel(data["preferred_channel"]),
            tz=data["tz"],
            notes=data["notes"],
            referred_by=data["referred_by"],
            archived=bool(data["archived"]),
            created_at=from_db(data["created_at"]),
            last_touched_at=from_db(data["last_touched_at"]) if data["last_touched_at"] else None,
            cadence_ideal_days=data.get("cadence_ideal_days"),
            cadence_limit_days=data.get("cadence_limit_days"),
            emails=emails,
            phones=phones,
            tags=tags,
        )
        if records:
            people.load(conn, contact)
        return contact

    def rows(
        self, *, include_archived: bool = False, only_archived: bool = False, cancelled: CancelCheck | None = None
    ) -> list[ContactRow]:
        """Every contact as a list row, ordered by name (the list sorts itself).

        One query: each contact with its emails (in position order, read from
        the index on (contact, position)) and tags (in NOCASE order) joined
        as text; Python only splits them. Merging three flat queries in
        Python was half of the start-up at 100,000 contacts. With
        ``cancelled``, it is asked every few thousand rows; once true the
        read stops and returns nothing (the caller has moved on).
        """
        where = ""
        if only_archived:
            where = " WHERE c.archived = 1"
        elif not include_archived:
            where = " WHERE c.archived = 0"
        rows = self._store.conn.execute(
            f"""SELECT c.id, c.name, c.organisation, c.kind, c.last_touched_at, c.archived, c.cadence_ideal_days,
                       c.cadence_limit_days, c.title, substr(c.notes, 1, {NOTES_FOUND_BY}), c.created_at,
                       e.addresses, t.tags, p.numbers
                FROM contacts c
                LEFT JOIN (SELECT contact_id, group_concat(address, char(31)) AS addresses
                           FROM contact_emails INDEXED BY contact_emails_contact GROUP BY contact_id) e
                       ON e.contact_id = c.id
                -- ORDER BY in a subquery of an aggregate is kept (it is never flattened)
                LEFT JOIN (SELECT contact_id, group_concat(tag, char(31)) AS tags
                           FROM (SELECT contact_id, tag FROM contact_tags ORDER BY contact_id, tag COLLATE NOCASE)
                           GROUP BY contact_id) t
                       ON t.contact_id = c.id
                LEFT JOIN (SELECT contact_id, group_concat(number, char(31)) AS numbers
                           FROM contact_phones INDEXED BY contact_phones_contact GROUP BY contact_id) p
                       ON p.contact_id = c.id
                {where} ORDER BY c.name COLLATE NOCASE"""
        )
        out: list[ContactRow] = []
        while chunk := rows.fetchmany(_CHUNK):
            if cancelled is not None and cancelled():
                return []
            out += [
                read_row(r[:11], split(r[11]), split(r[12]), split(r[13]))  # emails, tags, phones in their order
                for r in chunk
            ]
        return out

    def first_rows(self, limit: int) -> list[ContactRow]:
        """The first ``limit`` active contacts by name: what the list shows
        first while the rest is read off the GUI thread: the names sorted
        (a top-N sort, no row built for the others), then each one's emails,
        tags and phones looked up. Case-insensitive ASCII order, as ``rows``."""
        rows = self._store.conn.execute(
            f"""SELECT c.id, c.name, c.organisation, c.kind, c.last_touched_at, c.archived, c.cadence_ideal_days,
                       c.cadence_limit_days, c.title, substr(c.notes, 1, {NOTES_FOUND_BY}), c.created_at,
                       (SELECT group_concat(address, char(31)) FROM
                          (SELECT address FROM contact_emails WHERE contact_id = c.id ORDER BY position)),
                       (SELECT group_concat(tag, char(31)) FROM
                          (SELECT tag FROM contact_tags WHERE contact_id = c.id ORDER BY tag COLLATE NOCASE)),
                       (SELECT group_concat(number, char(31)) FROM
                          (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position))
                FROM (SELECT id FROM contacts WHERE archived = 0 ORDER BY name COLLATE NOCASE LIMIT ?) f
                CROSS JOIN contacts c ON c.id = f.id
                ORDER BY c.name COLLATE NOCASE""",
            (limit,),
        )
        return [read_row(r[:11], split(r[11]), split(r[12]), split(r[13])) for r in rows]

    def row(self, contact_id: int) -> ContactRow:
        conn = self._store.conn
        found = conn.execute(f"{ROWS_SQL} WHERE id = ?", (contact_id,)).fetchone()
        if found is None:
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        emails = [
            a
            for (a,) in conn.execute(
                "SELECT address FROM contact_emails WHERE contact_id = ? ORDER BY position", (contact_id,)
            )
        ]
        tags = [
            t
            for (t,) in conn.execute(
                "SELECT tag FROM contact_tags WHERE contact_id = ? ORDER BY tag COLLATE NOCASE", (contact_id,)
            )
        ]
        phones = [
            n
            for (n,) in conn.execute(
                "SELECT number FROM contact_phones WHERE contact_id = ? ORDER BY position", (contact_id,)
            )
        ]
        return read_row(found, emails, tags, phones)

    def count(self, *, include_archived: bool = True) -> int:
        sql = "SELECT count(*) FROM contacts" + ("" if include_archived else " WHERE archived = 0")
        return int(self._store.conn.execute(sql).fetchone()[0])

    def at_least(self, n: int) -> bool:
        """Whether there are ``n`` contacts or more (archived ones too), as
        ``count() >= n`` but walking at most ``n`` of them: a threshold asked
        on the GUI thread (count(*) over 100,000 contacts: 1.4-9.6 ms)."""
        if n <= 0:
            return True
        row = self._store.conn.execute("SELECT EXISTS (SELECT 1 FROM contacts LIMIT 1 OFFSET ?)", (n - 1,))
        return bool(row.fetchone()[0])

    def names(self) -> list[tuple[int, str]]:
        """(id, name) of every contact, in name order (the command line; pickers use ``pick``)."""
        return list(self._store.conn.execute("SELECT id, name FROM contacts ORDER BY name COLLATE NOCASE"))

    def pick(self, text: str, limit: int = people_search.LIMIT, exclude: int | None = None) -> list[tuple[int, str]]:
        """(id, label) of the few contacts a picker shows for ``text``, best first
        (followup/store/people_search.py)."""
        return people_search.pick(self._store.conn, text, limit, exclude)

    def picker_label(self, contact_id: int) -> str | None:
        """The label a picker shows for this contact (None: there is none)."""
        return self.picker_labels([contact_id]).get(contact_id)

    def picker_labels(self, ids: Sequence[int]) -> dict[int, str]:
        """The label a picker shows for each of ``ids`` that is a contact."""
        return people_search.labels_of(self._store.conn, ids)

    def phones_by_contact(self) -> dict[int, list[str]]:
        phones: dict[int, list[str]] = {}
        for cid, number in self._store.conn.execute(
            "SELECT contact_id, number FROM contact_phones ORDER BY contact_id, position"
        ):
            phones.setdefault(cid, []).append(number)
        return phones

    def all_tags(self) -> list[str]:
        return [
            t for (t,) in self._store.conn.execute("SELECT DISTINCT tag FROM contact_tags ORDER BY tag COLLATE NOCASE")
        ]

    def resolve(self, text: str) -> int:
        """The id of the one contact whose name or email is ``text`` (any case).

        Raises NotFoundError or AmbiguousError, naming the candidates.
        """
        needle = text.strip()
        if needle.isascii() and needle.isdecimal() and len(needle) < 19:
            found = self._store.conn.execute("SELECT id FROM contacts WHERE id = ?", (int(needle),)).fetchone()
            if found:
                return int(found[0])
        matches = list(
            self._store.conn.execute(
                """SELECT DISTINCT c.id, c.name, c.organisation FROM contacts c
                   LEFT JOIN contact_emails e ON e.contact_id = c.id
                   WHERE c.name = ? COLLATE NOCASE OR e.address_lower = lower(?)
                   ORDER BY c.name COLLATE NOCASE""",
                (needle, needle),
            )
        )
        if len(matches) == 1:
            return int(matches[0][0])
        if len(matches) > 1:
            candidates = [_describe(*m) for m in matches]
            raise AmbiguousError(
                f"{needle!r} matches {len(matches)} contacts: " + "; ".join(candidates) + ". Use an email or an id.",
                candidates,
            )
        escaped = needle.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        like = f"%{escaped}%"
        near = list(
            self._store.conn.execute(
                """SELECT DISTINCT c.id, c.name, c.organisation FROM contacts c
                   LEFT JOIN contact_emails e ON e.contact_id = c.id
                   WHERE lower(c.name) LIKE ? ESCAPE '\\' OR e.address_lower LIKE ? ESCAPE '\\'
                   ORDER BY c.name COLLATE NOCASE LIMIT 10""",
                (like, like),
            )
        )
        if needle.isascii() and needle.isdecimal():
            raise NotFoundError(f"There is no contact with id {int(needle)}.")
        hint = (" Did you mean: " + "; ".join(_describe(*m) for m in near) + "?") if near else ""
        raise NotFoundError(f"No contact is named {needle!r} or has that email.{hint}")

    def find_by_email(self, address: str) -> int | None:
        found = self._store.conn.execute(
            "SELECT contact_id FROM contact_emails WHERE address_lower = lower(?) LIMIT 1", (address.strip(),)
        ).fetchone()
        return int(found[0]) if found else None

    # -- writing -------------------------------------------------------------

    def add(self, contact: Contact) -> int:
        validate_contact(contact)
        now = to_db(self._store.clock.now())
        with self._store.transaction() as conn:
            self._check_referrer(conn, contact)
            cur = conn.execute(
                """INSERT INTO contacts (name, organisation, title, kind, preferred_channel, tz, notes,
                       referred_by, archived, cadence_ideal_days, cadence_limit_days, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (*_columns(contact), now, now),
            )
            contact_id = int(cur.lastrowid or 0)
            self._write_children(conn, contact_id, contact)
        contact.id = contact_id
        return contact_id

    def update(self, contact: Contact) -> None:
        if contact.id is None:
            raise ValueError("update() needs a contact with an id")
        validate_contact(contact)
        with self._store.transaction() as conn:
            self._check_referrer(conn, contact)
            cur = conn.execute(
                """UPDATE contacts SET name = ?, organisation = ?, title = ?, kind = ?, preferred_channel = ?,
                       tz = ?, notes = ?, referred_by = ?, archived = ?, cadence_ideal_days = ?,
                       cadence_limit_days = ?, updated_at = ? WHERE id = ?""",
                (*_columns(contact), to_db(self._store.clock.now()), contact.id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no contact with id {contact.id}.")
            for table in ("contact_emails", "contact_phones", "contact_tags"):
                conn.execute(f"DELETE FROM {table} WHERE contact_id = ?", (contact.id,))
            self._write_children(conn, contact.id, contact)

    def set_archived(self, contact_id: int, archived: bool = True) -> None:
        with self._store.transaction() as conn:
            cur = conn.execute(
                "UPDATE contacts SET archived = ?, updated_at = ? WHERE id = ?",
                (int(archived), to_db(self._store.clock.now()), contact_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"There is no contact with id {contact_id}.")

    def delete(self, contact_id: int) -> DeletedContact:
        """Delete a contact and everything that is theirs; returns what Undo needs."""
        with self._store.transaction() as conn:
            return contact_undo.delete(conn, contact_id)

    def restore(self, deleted: DeletedContact) -> None:
        """Undo a delete: every row comes back with its original id."""
        with self._store.transaction() as conn:
            contact_undo.restore(conn, deleted)

    # -- helpers -------------------------------------------------------------

    def _check_referrer(self, conn: sqlite3.Connection, contact: Contact) -> None:
        if contact.referred_by is None:
            return
        if not conn.execute("SELECT 1 FROM contacts WHERE id = ?", (contact.referred_by,)).fetchone():
            raise ValidationError(f"The contact who referred them (id {contact.referred_by}) does not exist.")

    def _write_children(self, conn: sqlite3.Connection, contact_id: int, contact: Contact) -> None:
        people.replace(conn, contact_id, contact)
        conn.executemany(
            "INSERT INTO contact_emails (contact_id, position, label, address, address_lower) VALUES (?, ?, ?, ?, ?)",
            [(contact_id, i, e.label, e.value, e.value.lower()) for i, e in enumerate(contact.emails)],
        )
        conn.executemany(
            "INSERT INTO contact_phones (contact_id, position, label, number, normalised) VALUES (?, ?, ?, ?, ?)",
            [(contact_id, i, p.label, p.value, normalise_phone(p.value)) for i, p in enumerate(contact.phones)],
        )
        conn.executemany(
            "INSERT INTO contact_tags (contact_id, tag) VALUES (?, ?)", [(contact_id, t) for t in contact.tags]
        )


def _columns(contact: Contact) -> tuple[object, ...]:
    """The contacts row's own columns, in the order add() and update() write them."""
    return (
        contact.name,
        contact.organisation,
        contact.title,
        Kind(contact.kind).value,
        Channel(contact.preferred_channel).value,
        contact.tz,
        contact.notes,
        contact.referred_by,
        int(contact.archived),
        contact.cadence_ideal_days,
        contact.cadence_limit_days,
    )


def _channel(value: str) -> Channel:
    try:
        return Channel(value)
    except ValueError:
        return Channel.EMAIL


def _describe(contact_id: int, name: str, organisation: str) -> str:
    return f"{name} ({organisation}, id {contact_id})" if organisation else f"{name} (id {contact_id})"

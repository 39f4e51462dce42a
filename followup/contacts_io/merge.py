"""What an import would do, and doing it in one transaction.

A contact whose email (any case) or normalised phone is already known is
merged, never duplicated: it gains the emails, phones and tags it lacked, and
empty fields are filled. Nothing already there is overwritten; a field where
the file disagrees is reported ("keeps ...") so the user sees it. A row that
would change nothing is skipped, so importing the same file twice changes
nothing. Rows of one file that share an email or phone merge into one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from followup.contacts_io.model import Cancelled, Incoming, checkpoint
from followup.domain import Contact, Kind, LabelledValue
from followup.progress import CancelCheck, Progress
from followup.store import Store
from followup.timeutil import to_db
from followup.validation import normalise_phone


class Action(StrEnum):
    NEW = "new"
    MERGE = "merge"
    SKIP = "skip"


@dataclass(slots=True)
class PlannedRow:
    index: int  # position in the file's list of contacts
    item: Incoming
    action: Action
    target_id: int | None = None  # the existing contact merged into
    target_row: int | None = None  # or the earlier row of this file merged into
    target_name: str = ""
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # where the file disagrees and the contact wins
    reason: str = ""  # why skipped

    @property
    def name(self) -> str:
        return self.item.contact.name

    def describe(self) -> str:
        """One line for the preview: what happens, or why not."""
        if self.action is Action.SKIP:
            return self.reason
        text = "; ".join(self.changes)
        if self.kept:
            text = f"{text}; {'; '.join(self.kept)}" if text else "; ".join(self.kept)
        return text


@dataclass(slots=True)
class ImportPlan:
    rows: list[PlannedRow]

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action is action)


@dataclass(slots=True)
class ImportSummary:
    created: list[tuple[int, str]] = field(default_factory=list)  # (id, name)
    merged: list[tuple[int, str, list[str]]] = field(default_factory=list)  # (id, name, changes)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (source, name, reason)
    dry_run: bool = False


@dataclass(slots=True)
class _Known:
    """A contact as the merge sees it: the database's, or one new from this file."""

    contact: Contact
    row: int | None = None  # the new row it comes from; None for a stored contact
    touched: bool = False  # merged into during this plan
    new_emails: list[LabelledValue] = field(default_factory=list)
    new_phones: list[LabelledValue] = field(default_factory=list)
    new_tags: list[str] = field(default_factory=list)


def plan_import(
    store: Store,
    items: list[Incoming],
    selected: Collection[int] | None = None,
    *,
    cancel: CancelCheck | None = None,
) -> ImportPlan:
    """Decide, for each item (or each ``selected`` index), new / merge / skip."""
    plan, _ = _plan(store, items, selected, cancel)
    return plan


def apply_import(
    store: Store,
    items: list[Incoming],
    selected: Collection[int] | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ImportSummary:
    """Import the selected items in one transaction; Cancelled rolls everything back.

    The plan is made again inside the transaction, so it is true of the
    database as it is when writing, not as it was at the preview.
    """
    with store.transaction() as conn:
        plan, known = _plan(store, items, selected, cancel)
        stamp = to_db(store.clock.now())
        seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'contacts'").fetchone()
        top = conn.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchone()[0]
        next_id = max(int(seq[0]) if seq else 0, int(top)) + 1
        summary = ImportSummary()
        contacts: Rows = []
        emails: Rows = []
        phones: Rows = []
        tags: Rows = []
        new_ids: dict[int, int] = {}
        total = len(plan.rows)
        for done, row in enumerate(plan.rows):
            if done % 500 == 0:
                checkpoint(done, total, progress, cancel)
            if row.action is Action.SKIP:
                summary.skipped.append((row.item.source, row.name, row.reason))
            elif row.action is Action.NEW:
                record = known[("row", row.index)]
                c = record.contact
                cid = new_ids[row.index] = next_id
                next_id += 1
                contacts.append((cid, c.name, c.organisation, c.title, c.kind.value, c.preferred_channel.value,
                                 c.tz, c.notes, int(c.archived), stamp, stamp))  # fmt: skip
                emails += [(cid, i, e.label, e.value, e.value.lower()) for i, e in enumerate(c.emails)]
                phones += [(cid, i, p.label, p.value, normalise_phone(p.value)) for i, p in enumerate(c.phones)]
                tags += [(cid, t) for t in c.tags]
                summary.created.append((cid, c.name))
            elif row.target_id is not None:
                summary.merged.append((row.target_id, row.target_name, row.changes))
            else:
                assert row.target_row is not None
                summary.merged.append((new_ids[row.target_row], row.target_name, row.changes))
        for record in known.values():
            if record.row is None and record.touched:
                _write_merge(conn, record, stamp, emails, phones, tags)
        conn.executemany(
            """INSERT INTO contacts (id, name, organisation, title, kind, preferred_channel, tz, notes, archived,
                   created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            contacts,
        )
        conn.executemany(
            "INSERT INTO contact_emails (contact_id, position, label, address, address_lower) VALUES (?, ?, ?, ?, ?)",
            emails,
        )
        conn.executemany(
            "INSERT INTO contact_phones (contact_id, position, label, number, normalised) VALUES (?, ?, ?, ?, ?)",
            phones,
        )
        conn.executemany("INSERT OR IGNORE INTO contact_tags (contact_id, tag) VALUES (?, ?)", tags)
        if cancel is not None and cancel():
            raise Cancelled
        if progress is not None:
            progress(total, total)
    if len(contacts) >= LARGE_IMPORT:
        store.analyze()  # many new rows: fresh planner statistics
    return summary


# From this many new contacts an import refreshes the planner's statistics.
LARGE_IMPORT = 1000


Rows = list[tuple[Any, ...]]


def _write_merge(conn: sqlite3.Connection, record: _Known, stamp: str, emails: Rows, phones: Rows, tags: Rows) -> None:
    c = record.contact
    assert c.id is not None
    conn.execute(
        "UPDATE contacts SET organisation = ?, title = ?, kind = ?, tz = ?, notes = ?, updated_at = ? WHERE id = ?",
        (c.organisation, c.title, c.kind.value, c.tz, c.notes, stamp, c.id),
    )
    start = len(c.emails) - len(record.new_emails)
    emails += [(c.id, start + i, e.label, e.value, e.value.lower()) for i, e in enumerate(record.new_emails)]
    start = len(c.phones) - len(record.new_phones)
    phones += [(c.id, start + i, p.label, p.value, normalise_phone(p.value)) for i, p in enumerate(record.new_phones)]
    tags += [(c.id, t) for t in record.new_tags]


def _plan(
    store: Store, items: list[Incoming], selected: Collection[int] | None, cancel: CancelCheck | None
) -> tuple[ImportPlan, dict[tuple[str, int], _Known]]:
    chosen = set(range(len(items))) if selected is None else set(selected)
    conn = store.conn
    by_email: dict[str, tuple[str, int]] = {
        a: ("id", cid) for a, cid in conn.execute("SELECT address_lower, contact_id FROM contact_emails")
    }
    by_phone: dict[str, tuple[str, int]] = {}
    for number, cid in conn.execute("SELECT normalised, contact_id FROM contact_phones"):
        by_phone.setdefault(number, ("id", cid))
    known: dict[tuple[str, int], _Known] = {}
    rows: list[PlannedRow] = []
    sources: dict[int, str] = {}  # new row index -> where it is in the file
    for index, item in enumerate(items):
        if index % 1000 == 0 and cancel is not None and cancel():
            raise Cancelled
        if index not in chosen:
            continue
        if item.problem:
            rows.append(PlannedRow(index, item, Action.SKIP, reason=item.problem))
            continue
        incoming = item.contact
        match = next((by_email[e.value.lower()] for e in incoming.emails if e.value.lower() in by_email), None)
        if match is None:
            keys = (normalise_phone(p.value) for p in incoming.phones)
            match = next((by_phone[k] for k in keys if k in by_phone), None)
        if match is None:
            record = known[("row", index)] = _Known(_copy(incoming), row=index)
            rows.append(PlannedRow(index, item, Action.NEW))
            sources[index] = item.source
        else:
            if match not in known:
                known[match] = _Known(store.contacts.get(match[1]))
            record = known[match]
            changes, kept = _merge(record, item, by_email, match)
            target = record.contact.name
            if not changes:
                why = "Already in Followup with nothing new" if record.row is None else "Repeats an earlier row"
                rows.append(PlannedRow(index, item, Action.SKIP, target_name=target, reason=f"{why} ({target})."))
                continue
            if record.row is None:
                record.touched = True
                rows.append(PlannedRow(index, item, Action.MERGE, target_id=match[1], target_name=target,
                                       changes=changes, kept=kept))  # fmt: skip
            else:
                changes.insert(0, f"merged with {sources[record.row]}")
                rows.append(PlannedRow(index, item, Action.MERGE, target_row=record.row, target_name=target,
                                       changes=changes, kept=kept))  # fmt: skip
        owner = ("row", index) if match is None else match
        for e in record.contact.emails:
            by_email.setdefault(e.value.lower(), owner)
        for p in record.contact.phones:
            by_phone.setdefault(normalise_phone(p.value), owner)
    return ImportPlan(rows), known


def _merge(
    record: _Known, item: Incoming, by_email: dict[str, tuple[str, int]], owner: tuple[str, int]
) -> tuple[list[str], list[str]]:
    """Fold ``item`` into ``record``; return what changed and what was kept."""
    have, incoming = record.contact, item.contact
    changes: list[str] = []
    kept: list[str] = []
    emails = {e.value.lower() for e in have.emails}
    for email in incoming.emails:
        key = email.value.lower()
        if key in emails:
            continue
        if by_email.get(key, owner) != owner:
            kept.append(f"{email.value} is another contact's, not added")
            continue
        have.emails.append(email)
        record.new_emails.append(email)
        emails.add(key)
        changes.append(f"adds email {email.value}")
    phones = {normalise_phone(p.value) for p in have.phones}
    for phone in incoming.phones:
        key = normalise_phone(phone.value)
        if key not in phones:
            have.phones.append(phone)
            record.new_phones.append(phone)
            phones.add(key)
            changes.append(f"adds phone {phone.value}")
    tags = {t.lower() for t in have.tags}
    for tag in incoming.tags:
        if tag.lower() not in tags:
            have.tags.append(tag)
            record.new_tags.append(tag)
            tags.add(tag.lower())
            changes.append(f"adds tag {tag}")
    for attr, what in (("organisation", "organisation"), ("title", "role")):
        mine, theirs = getattr(have, attr), getattr(incoming, attr)
        if theirs and not mine:
            setattr(have, attr, theirs)
            changes.append(f"sets {what} to {theirs}")
        elif theirs and theirs.casefold() != mine.casefold():
            kept.append(f"keeps {what} {mine!r} (file: {theirs!r})")
    if item.kind_from_file and incoming.kind is not have.kind:
        if have.kind is Kind.OTHER:
            have.kind = incoming.kind
            changes.append(f"sets kind to {incoming.kind.label}")
        else:
            kept.append(f"keeps kind {have.kind.label} (file: {incoming.kind.label})")
    if incoming.tz != "UTC" and incoming.tz != have.tz:
        if have.tz == "UTC":
            have.tz = incoming.tz
            changes.append(f"sets time zone to {incoming.tz}")
        else:
            kept.append(f"keeps time zone {have.tz} (file: {incoming.tz})")
    note = incoming.notes.strip()
    if note and note not in have.notes:
        have.notes = f"{have.notes.rstrip()}\n\n{note}" if have.notes.strip() else note
        changes.append("adds to the notes")
    if incoming.name.casefold() != have.name.casefold() and changes:
        kept.append(f"keeps the name {have.name!r} (file: {incoming.name!r})")
    return changes, kept


def _copy(contact: Contact) -> Contact:
    return Contact(
        name=contact.name, kind=contact.kind, organisation=contact.organisation, title=contact.title,
        emails=[LabelledValue(e.value, e.label) for e in contact.emails],
        phones=[LabelledValue(p.value, p.label) for p in contact.phones],
        preferred_channel=contact.preferred_channel, tz=contact.tz, tags=list(contact.tags), notes=contact.notes,
    )  # fmt: skip

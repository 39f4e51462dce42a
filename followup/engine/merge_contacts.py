"""Merging two contacts by hand (two "Emma Taylor"s): KEEP gains everything
OTHER has, and OTHER goes. Nothing is lost: emails, phones, tags, dates,
addresses, links, touch points, follow-ups and engagements move to KEEP; an
empty field of KEEP is filled from OTHER; OTHER's notes are added to KEEP's.
One transaction; the preview is the same work, rolled back."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import Contact, DateKind
from followup.errors import ValidationError
from followup.store import Store
from followup.store.contact_undo import OWNED_TABLES
from followup.timeutil import to_db
from followup.validation import normalise_phone


@dataclass(slots=True)
class MergeResult:
    """What merging two contacts kept, and what the kept one gained."""

    keep_id: int
    other_id: int
    name: str  # the name kept
    changes: list[str] = field(default_factory=list)  # what KEEP gains, for the preview
    moved: dict[str, int] = field(default_factory=dict)  # table -> rows moved to KEEP
    dry_run: bool = False


class _Preview(Exception):
    """Raised inside the transaction to roll a dry run back."""


def merge_contacts(store: Store, keep_id: int, other_id: int, *, dry_run: bool = False) -> MergeResult:
    if keep_id == other_id:
        raise ValidationError("That is the same contact twice: give two different contacts to merge.")
    keep, other = store.contacts.get(keep_id), store.contacts.get(other_id)
    result = MergeResult(keep_id, other_id, keep.name, dry_run=dry_run)
    try:
        with store.transaction():
            _merge(store, keep, other, result)
            if dry_run:
                raise _Preview
    except _Preview:
        pass
    return result


def _merge(store: Store, keep: Contact, other: Contact, result: MergeResult) -> None:
    conn = store.conn
    changes = result.changes
    emails = {e.value.lower() for e in keep.emails}
    for e in other.emails:
        if e.value.lower() not in emails:
            keep.emails.append(e)
            emails.add(e.value.lower())
            changes.append(f"adds email {e.value}")
    phones = {normalise_phone(p.value) for p in keep.phones}
    for p in other.phones:
        if normalise_phone(p.value) not in phones:
            keep.phones.append(p)
            phones.add(normalise_phone(p.value))
            changes.append(f"adds phone {p.value}")
    tags = {t.lower() for t in keep.tags}
    for t in other.tags:
        if t.lower() not in tags:
            keep.tags.append(t)
            tags.add(t.lower())
            changes.append(f"adds tag {t}")
    for d in other.dates:
        if any((o.kind, o.month, o.day, o.label) == (d.kind, d.month, d.day, d.label) for o in keep.dates):
            continue
        if d.kind is DateKind.BIRTHDAY and keep.birthday is not None:
            changes.append(f"keeps the birthday {keep.birthday.iso()} (not {d.iso()})")  # one person, one birthday
            continue
        keep.dates.append(d)
        changes.append(f"adds {d.title.lower()} {d.iso()}")
    for a in other.addresses:
        if a.one_line() not in {o.one_line() for o in keep.addresses}:
            keep.addresses.append(a)
            changes.append(f"adds address {a.one_line()}")
    for link in other.links:
        if link.url not in {o.url for o in keep.links}:
            keep.links.append(link)
            changes.append(f"adds link {link.url}")
    for attr, what in (("organisation", "organisation"), ("title", "role")):
        if getattr(other, attr) and not getattr(keep, attr):
            setattr(keep, attr, getattr(other, attr))
            changes.append(f"sets {what} to {getattr(other, attr)}")
    if other.notes.strip() and other.notes.strip() not in keep.notes:
        keep.notes = f"{keep.notes.rstrip()}\n\n{other.notes.strip()}" if keep.notes.strip() else other.notes.strip()
        changes.append("adds their notes")
    if (other.photo or other.photo_uri) and not (keep.photo or keep.photo_uri):
        keep.photo, keep.photo_type, keep.photo_uri = other.photo, other.photo_type, other.photo_uri
        changes.append("takes their photo")
    if keep.referred_by == other.id:
        keep.referred_by = None
    if keep.referred_by is None and other.referred_by not in (None, keep.id):
        keep.referred_by = other.referred_by
    # OTHER's emails and phones go first: KEEP may now hold them (a unique address per contact)
    for table in ("contact_emails", "contact_phones", "contact_tags"):
        conn.execute(f"DELETE FROM {table} WHERE contact_id = ?", (other.id,))
    store.contacts.update(keep)
    # everything else OTHER owns (touch points, follow-ups, engagements, and whatever
    # later versions add to OWNED_TABLES) moves; a row KEEP already has (the same
    # engagement, a second open stay-in-touch nudge) stays behind and goes with OTHER
    skip = {"contact_emails", "contact_phones", "contact_tags", "contact_dates", "contact_addresses", "contact_links"}
    for table in OWNED_TABLES:
        if table in skip:
            continue
        cur = conn.execute(f"UPDATE OR IGNORE {table} SET contact_id = ? WHERE contact_id = ?", (keep.id, other.id))
        if cur.rowcount > 0:
            result.moved[table] = cur.rowcount
    for table, what in (("touch_points", "touch point"), ("follow_ups", "follow-up"),
                        ("engagement_contacts", "engagement")):  # fmt: skip
        if n := result.moved.get(table):
            changes.append(f"takes {n} {what}{'s' if n != 1 else ''}")
    conn.execute("UPDATE contacts SET referred_by = ? WHERE referred_by = ?", (keep.id, other.id))
    conn.execute(
        """UPDATE contacts SET last_touched_at = (SELECT max(at_utc) FROM touch_points WHERE contact_id = ?),
               updated_at = ? WHERE id = ?""",
        (keep.id, to_db(store.clock.now()), keep.id),
    )
    conn.execute("DELETE FROM contacts WHERE id = ?", (other.id,))

"""A contact as the list shows it (ContactRow): the columns read, how a
contact's emails, tags and phones come joined in one text, and the lower-cased
haystack the list's filter and `contacts --query` match against."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from followup import matching
from followup.domain import ContactRow, Kind
from followup.timeutil import from_db

# The contact filter finds "Their space" notes by their first 10,000 characters
# (a pasted email thread of megabytes would cost memory for nothing).
NOTES_FOUND_BY = 10_000

UNIT = "\x1f"  # joins a contact's emails and tags in rows(); never in a value (control characters are removed)
ROWS_SQL = (
    "SELECT id, name, organisation, kind, last_touched_at, archived, cadence_ideal_days, cadence_limit_days, "
    f"title, substr(notes, 1, {NOTES_FOUND_BY}), created_at FROM contacts"
)

_KINDS = {k.value: k for k in Kind}


def read_kind(value: str) -> Kind:
    """The stored kind; one this version does not know reads as Other."""
    return _KINDS.get(value, Kind.OTHER)


def split(joined: str | None) -> tuple[str, ...]:
    return tuple(joined.split(UNIT)) if joined else ()


def read_row(
    row: tuple[Any, ...], emails: Sequence[str], tags: Sequence[str], phones: Sequence[str] = ()
) -> ContactRow:
    contact_id, name, organisation, kind, last_touched, archived, ideal, limit, title, notes, created = row
    # followup.matching's haystack: what `contacts --query` matches too
    haystack = matching.haystack((name, organisation, title, *emails, *tags, notes or ""), phones)
    return ContactRow(
        contact_id,
        name,
        organisation,
        read_kind(kind),
        emails[0] if emails else "",
        tuple(emails),
        tuple(tags),
        from_db(last_touched) if last_touched else None,
        bool(archived),
        haystack,
        (ideal, limit) if ideal and limit else None,
        from_db(created) if created else None,
    )

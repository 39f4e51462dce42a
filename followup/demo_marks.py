"""Keeping demo data apart from real data.

Demo contacts and engagements are marked (tables demo_contacts and
demo_engagements, migration 4). ``real_contacts`` counts the others, so demo
data is never added to a real address book unless asked; ``remove`` deletes
exactly the marked rows, and through the schema's cascades what hangs off them
(emails, phones, tags, touch points and their search index, follow-ups, the
engagements' contacts), in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.store import Store


@dataclass(slots=True, frozen=True)
class Removed:
    contacts: int
    touch_points: int
    engagements: int
    follow_ups: int


def real_contacts(store: Store) -> int:
    """Contacts that are not demo data."""
    row = store.conn.execute(
        "SELECT count(*) FROM contacts WHERE id NOT IN (SELECT contact_id FROM demo_contacts)"
    ).fetchone()
    return int(row[0])


def demo_contacts(store: Store) -> int:
    return int(store.conn.execute("SELECT count(*) FROM demo_contacts").fetchone()[0])


def remove(store: Store) -> Removed:
    """Delete the demo data and what hangs off it; never a real contact."""
    from followup.store.bulk import full_text_in_bulk

    with store.transaction() as conn:
        marked = "(SELECT contact_id FROM demo_contacts)"
        counts = Removed(
            contacts=int(conn.execute("SELECT count(*) FROM demo_contacts").fetchone()[0]),
            touch_points=int(
                conn.execute(f"SELECT count(*) FROM touch_points WHERE contact_id IN {marked}").fetchone()[0]
            ),
            engagements=int(conn.execute("SELECT count(*) FROM demo_engagements").fetchone()[0]),
            follow_ups=int(conn.execute(f"SELECT count(*) FROM follow_ups WHERE contact_id IN {marked}").fetchone()[0]),
        )
        conn.execute("DELETE FROM engagements WHERE id IN (SELECT engagement_id FROM demo_engagements)")
        # The follow-ups, then the touch points, each in one statement before the contacts (as a bulk
        # delete does, followup/engine/bulk_contacts.py): left to the contacts' cascade, the search
        # index wrote its pending terms once a contact (a segment each, merged and merged again).
        with full_text_in_bulk(conn):
            conn.execute(f"DELETE FROM follow_ups WHERE contact_id IN {marked}")
            conn.execute(
                f"DELETE FROM touch_points WHERE id IN (SELECT id FROM touch_points WHERE contact_id IN {marked})"
            )
            conn.execute(f"DELETE FROM contacts WHERE id IN {marked}")
    return counts

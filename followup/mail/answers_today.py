"""Which answers to an invitation Today shows, as a query: kept apart from
answers.py so that a start on Today can ask whether any waits without
importing what acts on them (issue 16: the panel that lists them is built
after the first paint when none waits, ui/shell/today_slot.py)."""

from __future__ import annotations

from datetime import timedelta

from followup.store import Store
from followup.timeutil import to_db

SHOWN_FOR = timedelta(days=14)  # an answer of a past engagement leaves Today after this

SELECT_ANSWERS = (
    "SELECT e.id, e.title, e.start_utc, c.id, c.name, r.partstat, r.proposed_start_utc, r.comment, r.at_utc, "
    "r.seen_at FROM engagement_responses r JOIN engagements e ON e.id = r.engagement_id "
    "JOIN contacts c ON c.id = r.contact_id "
)
# New answers, and every proposed time still to decide; none of a cancelled engagement or of one long past.
FOR_TODAY = (
    "WHERE e.status != 'cancelled' AND (r.seen_at IS NULL OR r.proposed_start_utc IS NOT NULL) "
    "AND (e.start_utc IS NULL OR e.start_utc >= ? OR r.proposed_start_utc IS NOT NULL) "
)


def any_for_today(store: Store) -> bool:
    """Is there an answer for Today to show (``answers.for_today`` would not be empty)?"""
    since = to_db(store.clock.now() - SHOWN_FOR)
    found = store.conn.execute(f"SELECT EXISTS ({SELECT_ANSWERS}{FOR_TODAY})", (since,)).fetchone()
    return bool(found[0])

"""A stay-in-touch nudge closed by hand restarts its contact's clock.

Done or skipped without a touch point being logged (one at a time, or a
whole selection in Today), a nudge used to be opened again at the next
cadence check, as overdue as before: nothing reset the clock but a touch
point. Now the close counts: the next nudge comes a full ideal interval
after it, as it does after a touch point.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from followup.store import Store
from followup.timeutil import from_db

# The same rule in SQL, for the candidates read by kind (``c`` a contact, the
# parameter their kind's threshold): a nudge closed since the threshold means
# "not yet", so after thousands of skips the candidates are not read only to
# be dropped one by one in Python below.
NOT_CLOSED_SINCE = """NOT EXISTS (SELECT 1 FROM follow_ups f INDEXED BY follow_ups_contact
                      WHERE f.contact_id = c.id AND f.status IN ('done', 'skipped') AND f.source = 'cadence'
                        AND f.completed_at > ?)"""


def restart_after_closed(store: Store, rows: list[tuple[Any, ...]], now: datetime) -> list[tuple[Any, ...]]:
    """The cadence candidates ``(id, name, channel, zone, since, ideal, limit)``
    less those whose last nudge was closed less than their ideal interval ago;
    for the rest, ``since`` is the later of their last touch and that close.
    One query, on the index of follow-ups by contact, for the candidates only."""
    if not rows:
        return rows
    closed = dict(
        store.conn.execute(
            """SELECT contact_id, max(completed_at) FROM follow_ups
               WHERE contact_id IN (SELECT value FROM json_each(?)) AND status IN ('done', 'skipped')
                 AND source = 'cadence' AND completed_at IS NOT NULL
               GROUP BY contact_id""",
            (json.dumps([r[0] for r in rows]),),
        ).fetchall()
    )
    if not closed:
        return rows
    kept = []
    for row in rows:
        cid, name, channel, tz, since, ideal, limit = row
        at = closed.get(cid)
        if at is not None and at > since:
            if from_db(at) + timedelta(days=int(ideal) - 1) > now:
                continue  # closed recently: not yet
            row = (cid, name, channel, tz, at, ideal, limit)
        kept.append(row)
    return kept

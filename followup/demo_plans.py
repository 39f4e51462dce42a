"""The demo data set's follow-ups: reply promises kept and pending, engagements
with plans (past ones partly done), so the Today view is full on first look."""

from __future__ import annotations

import random
from datetime import timedelta

from followup.engine import plans
from followup.planning.model import Engagement, EngagementKind, FollowUp, Status
from followup.planning.promises import reply_follow_up
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import from_db, to_db

MEETING_TITLES = [
    "Quarterly review",
    "Renewal discussion",
    "Project kick-off",
    "Roadmap workshop",
    "Status meeting",
    "Pricing discussion",
    "Site visit",
    "Budget review",
]
SUPPLIER_TITLES = ["Packaging order", "Server hardware order", "Office supplies order", "Print run"]
INTERNAL_TITLES = ["Headcount plan", "Board slides", "Quarter-end forecast", "Team offsite agenda"]


def add_promises(store: Store, first_id: int, rng: random.Random, prefs: Preferences) -> int:
    """A reply promise for every inbound message that needed an answer, kept
    the way a conscientious person keeps them: most replies within hours, some
    the next day, a few late; the last day's messages partly still waiting.
    Where no later touch point answered a message, a reply is logged."""
    conn = store.conn
    inbound = conn.execute(
        """SELECT id, contact_id, at_utc, channel, summary, tz FROM touch_points
           WHERE contact_id >= ? AND direction = 'in' AND needs_reply = 1 ORDER BY id""",
        (first_id,),
    ).fetchall()
    now = store.clock.now()
    stamp = to_db(now)
    made = 0
    for tp_id, contact_id, at, channel, summary, tz in inbound:
        received = from_db(at)
        tp = store.touch_points.get(tp_id)
        first = store.contacts.row(contact_id).name.split()[0]
        fu: FollowUp = reply_follow_up(tp, first, prefs)
        waiting = now - received < timedelta(hours=30) and rng.random() < 0.7
        if not waiting:
            delay = timedelta(
                hours=rng.choice([1, 2, 3, 4, 6, 8])
                if rng.random() < 0.6
                else rng.choice([10, 16, 20, 23])
                if rng.random() < 0.6
                else rng.choice([26, 30, 48, 70])
            )
            reply_at = min(received + delay, now - timedelta(minutes=30))
            answer = conn.execute(
                """SELECT id, at_utc FROM touch_points WHERE contact_id = ? AND direction IN ('out', 'met')
                   AND at_utc >= ? AND at_utc <= ? ORDER BY at_utc LIMIT 1""",
                (contact_id, at, to_db(reply_at)),
            ).fetchone()
            if answer is None:
                cur = conn.execute(
                    """INSERT INTO touch_points (contact_id, at_utc, tz, channel, direction, summary, notes,
                           needs_reply, difficult, created_at, updated_at)
                       VALUES (?, ?, ?, ?, 'out', ?, '', 0, 0, ?, ?)""",
                    (contact_id, to_db(reply_at), tz, channel, f"Replied: {summary}", stamp, stamp),
                )
                answer = (cur.lastrowid, to_db(reply_at))
            fu.status = Status.DONE
            fu.completed_at = from_db(answer[1])
            fu.resolved_by_touch_point_id = answer[0]
        store.follow_ups.add(fu)
        made += 1
    return made


def add_engagements(store: Store, first_id: int, count: int, rng: random.Random, prefs: Preferences) -> int:
    rows = store.conn.execute(
        "SELECT id, kind, tz FROM contacts WHERE id >= ? AND archived = 0 ORDER BY id", (first_id,)
    ).fetchall()
    if not rows:
        return 0
    now = store.clock.now().replace(minute=0, second=0, microsecond=0)
    made = 0
    for cid, kind, _tz in rng.sample(rows, min(count, len(rows))):
        # two in three upcoming (within two weeks), one in three in the past month
        offset = (
            timedelta(days=rng.randint(0, 13), hours=rng.choice([0, 2, 4, 6]))
            if rng.random() < 0.67
            else (-timedelta(days=rng.randint(3, 35), hours=rng.choice([0, 2, 4])))
        )
        start = now + offset + timedelta(hours=rng.choice([1, 3, 5]))
        if kind == "supplier":
            title, ekind = rng.choice(SUPPLIER_TITLES), EngagementKind.ORDER
        elif kind in ("colleague", "manager"):
            title, ekind = rng.choice(INTERNAL_TITLES), EngagementKind.REQUEST
        else:
            title, ekind = rng.choice(MEETING_TITLES), EngagementKind.MEETING
        engagement = Engagement(title, [cid], start=start, end=start + timedelta(hours=1), tz=prefs.user_tz, kind=ekind)
        result = plans.create(store, engagement, plans.default_playbook(store, [cid]), prefs)
        made += 1
        for fu_id in result.created:
            fu = store.follow_ups.get(fu_id)
            due = fu.due or now
            if due < now - timedelta(days=2):
                roll = rng.random()
                if roll < 0.7:
                    store.follow_ups.close(fu_id, Status.DONE, due + timedelta(hours=rng.choice([0, 1, 3])))
                elif roll < 0.85:
                    store.follow_ups.close(fu_id, Status.DONE, due + timedelta(days=rng.randint(1, 4)))
                elif roll < 0.92:
                    store.follow_ups.close(fu_id, Status.SKIPPED, due + timedelta(days=1))
    return made


def add_referrals(store: Store, first_id: int, rng: random.Random) -> int:
    """Referrals in the log, for the Insights view: on touch points with
    clients and partners, about one in twenty-five where I spoke to them is
    marked "asked" (I asked for a referral) and one in forty where they spoke
    to me "received" (they referred someone). Returns how many were marked."""
    rows = store.conn.execute(
        """SELECT t.id, t.direction FROM touch_points t JOIN contacts c ON c.id = t.contact_id
           WHERE t.contact_id >= ? AND c.kind IN ('client', 'partner') AND t.referral IS NULL ORDER BY t.id""",
        (first_id,),
    ).fetchall()
    marks = []
    for tp_id, direction in rows:
        roll = rng.random()
        if direction in ("out", "met") and roll < 0.04:
            marks.append(("asked", tp_id))
        elif direction in ("in", "met") and roll > 0.975:
            marks.append(("received", tp_id))
    with store.transaction() as conn:
        conn.executemany("UPDATE touch_points SET referral = ? WHERE id = ?", marks)
    return len(marks)


__all__ = ["add_engagements", "add_promises", "add_referrals"]

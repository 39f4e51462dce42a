"""The demo data set's follow-ups: reply promises kept and pending, engagements
with plans (past ones partly done), so the Today view is full on first look."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from followup.domain import Channel, Direction, TouchPoint
from followup.engine import plans
from followup.planning.model import Engagement, EngagementKind, FollowUp, Status
from followup.planning.promises import reply_follow_up
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import from_db, to_db

if TYPE_CHECKING:
    from followup.demo import Batch

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


def add_promises(batch: Batch, rng: random.Random, now: datetime, prefs: Preferences) -> int:
    """A reply promise for every inbound message of the batch that needed an
    answer, kept the way a conscientious person keeps them: most replies
    within hours, some the next day, a few late; the last day's messages partly
    still waiting. Where no later touch point answered a message, a reply is
    logged. Works on the batch in memory, before it is written."""
    made = 0
    window = timedelta(hours=30)
    latest_reply = now - timedelta(minutes=30)
    for cid, tps in batch.touch_points.items():
        inbound = [tp for tp in tps if tp[5] == "in" and tp[9]]
        first = batch.first_names[cid].split()[0]
        for tp in inbound:
            tp_id, _cid, at, tz, channel, _direction, summary, _notes, _mood, _needs, difficult = tp[:11]
            received = from_db(str(at))
            message = TouchPoint(
                cid, received, Channel(str(channel)), Direction.IN, str(summary), tz=str(tz),
                needs_reply=True, difficult=bool(difficult), id=int(tp_id),  # type: ignore[call-overload]
            )  # fmt: skip
            fu: FollowUp = reply_follow_up(message, first, prefs)
            waiting = now - received < window and rng.random() < 0.7
            if not waiting:
                delay = timedelta(
                    hours=rng.choice([1, 2, 3, 4, 6, 8])
                    if rng.random() < 0.6
                    else rng.choice([10, 16, 20, 23])
                    if rng.random() < 0.6
                    else rng.choice([26, 30, 48, 70])
                )
                reply_at = to_db(min(received + delay, latest_reply))
                # the first answer from me (a message or a meeting) in the window
                answer = min(
                    ((t[2], t[0]) for t in tps if t[5] != "in" and at <= t[2] <= reply_at),  # type: ignore[operator]
                    default=None,
                )
                if answer is None:
                    answer = (reply_at, batch.take_id())
                    referral = "asked" if batch.refers[cid] and rng.random() < 0.04 else None
                    tps.append(
                        (
                            answer[1],
                            cid,
                            reply_at,
                            tz,
                            channel,
                            "out",
                            f"Replied: {summary}",
                            "",
                            None,
                            0,
                            0,
                            None,
                            referral,
                            batch.stamp,
                            batch.stamp,
                        )
                    )
                fu.status = Status.DONE
                fu.completed_at = from_db(str(answer[0]))
                fu.resolved_by_touch_point_id = int(answer[1])  # type: ignore[call-overload]
            batch.follow_ups.append(fu)
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


__all__ = ["add_engagements", "add_promises"]

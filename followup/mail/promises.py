"""Flipping "needs a reply" on a logged message, by hand: the rules guess,
the user decides."""

from __future__ import annotations

from followup.domain import Direction
from followup.errors import ValidationError
from followup.planning.model import Status
from followup.planning.promises import reply_follow_up
from followup.preferences import Preferences
from followup.store import Store


def set_needs_reply(store: Store, touch_point_id: int, needed: bool) -> str:
    """Open (or cancel) the reply promise of an inbound touch point; returns what happened."""
    tp = store.touch_points.get(touch_point_id)
    if tp.direction != Direction.IN:
        raise ValidationError("Only a message they sent can need a reply from you.")
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT id, status FROM follow_ups WHERE origin_touch_point_id = ? AND source = 'reply'", (tp.id,)
        ).fetchone()
        if needed:
            tp.needs_reply = True
            store.touch_points.update(tp)
            if row is None:
                first = store.contacts.row(tp.contact_id).name.split()[0]
                store.follow_ups.add(reply_follow_up(tp, first, Preferences.load(store)))
                return "A reply promise is open for this message."
            if row[1] == "cancelled":
                store.follow_ups.reopen(int(row[0]))
                return "The reply promise is open again."
            return "This message already has its reply promise."
        tp.needs_reply = False
        store.touch_points.update(tp)
        if row is not None and row[1] == "open":
            store.follow_ups.close(int(row[0]), Status.CANCELLED, store.clock.now())
            return "The reply promise was withdrawn: this message needs no reply."
        return "This message had no open reply promise."


def kept_replies(store: Store, contact_id: int) -> set[int]:
    """The contact's touch points whose reply promise was kept (answered), for the timeline."""
    rows = store.conn.execute(
        "SELECT origin_touch_point_id FROM follow_ups WHERE contact_id = ? AND source = 'reply' AND status = 'done' "
        "AND origin_touch_point_id IS NOT NULL",
        (contact_id,),
    )
    return {int(r[0]) for r in rows}

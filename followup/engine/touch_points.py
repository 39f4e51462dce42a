"""Logging a touch point, and what it sets in motion."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import TouchPoint
from followup.planning.model import Source, Status
from followup.planning.promises import answers, needs_reply_promise, reply_follow_up
from followup.preferences import Preferences
from followup.store import Store


@dataclass(slots=True)
class Logged:
    touch_point_id: int
    created: list[int] = field(default_factory=list)  # follow-ups opened (a reply promise)
    closed: list[int] = field(default_factory=list)  # follow-ups it kept (replies, stay in touch)


def log_touch_point(store: Store, tp: TouchPoint, prefs: Preferences | None = None) -> Logged:
    """Store a touch point and apply its rules, all or nothing:

    - a touch point that is the contact's latest resets the stay-in-touch
      clock: their open cadence follow-up is done, kept by this touch point;
    - an inbound message that needs a reply opens a reply promise;
    - a reply from me (outbound or a meeting) at or after an inbound message
      closes the reply promises it answers, recording when.
    """
    prefs = prefs or Preferences.load(store)
    with store.transaction():
        before = store.contacts.row(tp.contact_id).last_touched_at
        tp_id = store.touch_points.add(tp)
        result = Logged(tp_id)
        # Only a touch point that becomes the latest resets the clock: logging
        # last month's call today does not make the contact any less drifting.
        resets = before is None or tp.at >= before
        for fu in store.follow_ups.open_of_source(tp.contact_id, Source.CADENCE) if resets else []:
            assert fu.id is not None
            store.follow_ups.close(fu.id, Status.DONE, tp.at, resolved_by=tp_id)
            result.closed.append(fu.id)
        if answers(tp):
            for fu in store.follow_ups.open_of_source(tp.contact_id, Source.REPLY):
                assert fu.id is not None
                origin = fu.origin_touch_point_id
                # (a promise whose message was deleted is answered by any reply)
                if origin is None or store.touch_points.get(origin).at <= tp.at:
                    store.follow_ups.close(fu.id, Status.DONE, tp.at, resolved_by=tp_id)
                    result.closed.append(fu.id)
        if needs_reply_promise(tp):
            first = store.contacts.row(tp.contact_id).name.split()[0]
            result.created.append(store.follow_ups.add(reply_follow_up(tp, first, prefs)))
    return result

"""Logging a touch point, and what it sets in motion."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import TouchPoint
from followup.errors import ValidationError
from followup.planning.model import Source, Status
from followup.planning.promises import answers as is_reply
from followup.planning.promises import needs_reply_promise, reply_follow_up
from followup.preferences import Preferences
from followup.store import Store


@dataclass(slots=True)
class Logged:
    """A touch point logged, and the follow-ups it opened or kept."""

    touch_point_id: int
    created: list[int] = field(default_factory=list)  # follow-ups opened (a reply promise)
    closed: list[int] = field(default_factory=list)  # follow-ups it kept (replies, stay in touch)
    replies_closed: list[int] = field(default_factory=list)  # the reply promises among them


def log_touch_point(
    store: Store, tp: TouchPoint, prefs: Preferences | None = None, *, answers: list[int] | None = None
) -> Logged:
    """Store a touch point and apply its rules, all or nothing:

    - a touch point that is the contact's latest resets the stay-in-touch
      clock: their open cadence follow-up is done, kept by this touch point;
    - an inbound message that needs a reply opens a reply promise;
    - a reply from me (outbound or a meeting) closes the reply promises it
      answers, recording when and by which touch point. ``answers`` says which:
      None (no choice made) closes every open promise of the contact that came
      in at or before it; a list closes exactly those (``[]``: none, as for a
      newsletter). A promise named that is not the contact's open reply
      promise is refused, and nothing is written.
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
        if answers is not None or is_reply(tp):
            for fu_id in answered_promises(store, tp, answers):
                store.follow_ups.close(fu_id, Status.DONE, tp.at, resolved_by=tp_id)
                result.closed.append(fu_id)
                result.replies_closed.append(fu_id)
        if needs_reply_promise(tp):
            row = store.contacts.row(tp.contact_id)
            first = row.name.split()[0]
            result.created.append(store.follow_ups.add(reply_follow_up(tp, first, prefs, kind=row.kind.value)))
    return result


def answered_promises(store: Store, tp: TouchPoint, chosen: list[int] | None) -> list[int]:
    """The reply promises ``tp`` answers: the ones chosen (checked), or with
    no choice, every open one of the contact that came in at or before it."""
    open_ones = {fu.id: fu for fu in store.follow_ups.open_of_source(tp.contact_id, Source.REPLY)}
    if chosen is not None:
        if chosen and not is_reply(tp):
            raise ValidationError("Only a message from you or a meeting can answer a reply promise.")
        for fu_id in chosen:
            if fu_id not in open_ones:
                name = store.contacts.row(tp.contact_id).name
                raise ValidationError(f"Follow-up {fu_id} is not an open reply promise of {name}.")
        return list(dict.fromkeys(chosen))
    found = []
    for fu in open_ones.values():
        assert fu.id is not None
        origin = fu.origin_touch_point_id
        if origin is None or store.touch_points.get(origin).at <= tp.at:
            found.append(fu.id)
    return found

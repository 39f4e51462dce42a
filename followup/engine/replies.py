"""Editing and deleting touch points without breaking promises silently.

A reply promise records the touch point that answered it
(``resolved_by_touch_point_id``). Deleting that touch point, or editing it so
that it can no longer be the answer (now inbound, or before the question),
opens the promise again; deleting the message that asked for an answer
cancels its promise. Every change is returned, so the caller can say what
happened and Undo can put it back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import TouchPoint
from followup.planning.model import Source, Status
from followup.planning.promises import answers
from followup.store import Store


@dataclass(slots=True)
class Deleted:
    """A deleted touch point and what it changed, for Undo."""

    touch_point: TouchPoint
    reopened: list[int] = field(default_factory=list)  # promises it had answered, open again
    cancelled: list[int] = field(default_factory=list)  # promises its question had opened, cancelled


def delete_touch_point(store: Store, touch_point_id: int) -> Deleted:
    """Delete a touch point; the promises it answered open again, the promise
    it opened (a question) is cancelled. All in one transaction."""
    with store.transaction():
        answered = [f for f in store.follow_ups.closed_by(touch_point_id) if f.source == Source.REPLY]
        opened = [f for f in store.follow_ups.opened_by(touch_point_id) if f.status == Status.OPEN]
        tp = store.touch_points.delete(touch_point_id)
        result = Deleted(tp)
        for fu in answered:
            assert fu.id is not None
            store.follow_ups.reopen(fu.id)
            result.reopened.append(fu.id)
        for fu in opened:
            assert fu.id is not None
            store.follow_ups.close(fu.id, Status.CANCELLED, store.clock.now())
            result.cancelled.append(fu.id)
    return result


def restore_touch_point(store: Store, deleted: Deleted) -> None:
    """Undo ``delete_touch_point``: the touch point is back under its id, the
    promises it answered are answered by it again, its own promise reopens."""
    tp = deleted.touch_point
    assert tp.id is not None
    with store.transaction():
        store.touch_points.restore(tp)
        for fu_id in deleted.reopened:
            if store.follow_ups.get(fu_id).status == Status.OPEN:
                store.follow_ups.close(fu_id, Status.DONE, tp.at, resolved_by=tp.id)
        for fu_id in deleted.cancelled:
            store.follow_ups.set_origin(fu_id, tp.id)
            if store.follow_ups.get(fu_id).status == Status.CANCELLED:
                store.follow_ups.reopen(fu_id)


def edit_touch_point(store: Store, tp: TouchPoint) -> list[int]:
    """Save an edited touch point. A promise it answered stays answered (at
    its new time) while it still can be the answer; otherwise it opens again.
    Returns the promises reopened."""
    assert tp.id is not None
    reopened = []
    with store.transaction():
        store.touch_points.update(tp)
        for fu in store.follow_ups.closed_by(tp.id):
            assert fu.id is not None
            if fu.source != Source.REPLY:
                continue
            origin = store.touch_points.get(fu.origin_touch_point_id) if fu.origin_touch_point_id else None
            still = answers(tp) and tp.contact_id == fu.contact_id and (origin is None or origin.at <= tp.at)
            if still:
                store.follow_ups.close(fu.id, Status.DONE, tp.at, resolved_by=tp.id)
            else:
                store.follow_ups.reopen(fu.id)
                reopened.append(fu.id)
    return reopened

"""One-off reminders: a follow-up the user sets by hand, due like any other."""

from __future__ import annotations

from datetime import datetime

from followup.planning.model import FollowUp, Source
from followup.store import Store


def add_reminder(store: Store, contact_id: int, title: str, at: datetime, channel: str | None = None) -> int:
    """Remind the user about ``contact_id`` at ``at``; returns the follow-up's id.
    It is kept on the user's clock (their zone), shown in Today and reminded
    like any follow-up."""
    store.contacts.row(contact_id)  # an unknown contact: NotFoundError
    fu = FollowUp(
        contact_id=contact_id,
        title=title,
        source=Source.MANUAL,
        due=at,
        tz=store.settings.user_zone(),
        channel=channel,
    )
    return store.follow_ups.add(fu)

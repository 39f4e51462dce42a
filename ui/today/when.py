"""Today's When column: its text ("2 days late", "14:30", "Thu 26 Nov, 23:00
(Fri 18:00 for them)", "all day"), also worked out on the worker (ui.today.controller)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from followup.planning.model import FollowUp
from followup.timeutil import humanize_duration, zone_info
from ui.widgets.counts import plural
from ui.widgets.when_text import date_text, datetime_text, time_text, weekday_text

LIVE_CHANNELS = ("phone", "video", "in_person")  # steps that reach the person: their clock matters


def wake_of(fu: FollowUp) -> datetime | None:
    return fu.snoozed_until or fu.due


def is_late(fu: FollowUp, at: datetime, tz: ZoneInfo) -> bool:
    """Past its (snoozed) due time at ``at``; one due all day, past its day on the user's calendar."""
    wake = wake_of(fu)
    if wake is None:
        return bool(fu.due_date and fu.due_date < at.astimezone(tz).date())
    return wake < at


def when_text(fu: FollowUp, at: datetime, tz: ZoneInfo) -> str:
    """ "2 days late", "14:30", "Thu 26 Nov, 23:00  (Fri 18:00 for them)", "all day"."""
    wake = wake_of(fu)
    if wake is None:
        assert fu.due_date is not None
        today = at.astimezone(tz).date()
        days = (today - fu.due_date).days
        return (
            "all day"
            if days == 0
            else f"{plural(days, 'day')} late"
            if days > 0
            else f"{date_text(fu.due_date, year=False)}, all day"
        )
    if wake < at:
        return f"{humanize_duration(at - wake)} late"
    local = wake.astimezone(tz)
    text = time_text(local) if local.date() == at.astimezone(tz).date() else datetime_text(local, year=False)
    return text + _their_clock(fu, wake, tz)


def _their_clock(fu: FollowUp, wake: datetime, tz: ZoneInfo) -> str:
    """A call or a visit in another zone: their time too, where it differs
    (as the plan preview shows it), so 00:00 is never left unexplained."""
    if fu.channel not in LIVE_CHANNELS or fu.tz == tz.key:
        return ""
    mine, theirs = wake.astimezone(tz), wake.astimezone(zone_info(fu.tz))
    if mine.replace(tzinfo=None) == theirs.replace(tzinfo=None):
        return ""
    day = f"{weekday_text(theirs)} " if theirs.date() != mine.date() else ""
    return f"  ({day}{time_text(theirs)} for them)"


def longest_when_text(sections: Iterable[list[FollowUp]], at: datetime, tz: ZoneInfo) -> str:
    """The longest When text with two clocks (a call abroad), or "": the
    column is made that wide (asking every row, as ResizeToContents does, is
    slower). Only an item still to come shows their clock."""
    texts = [
        when_text(fu, at, tz)
        for section in sections
        for fu in section
        if fu.channel in LIVE_CHANNELS and fu.tz != tz.key and not is_late(fu, at, tz)
    ]
    return max(texts, key=len, default="")

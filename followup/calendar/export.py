"""Writing .ics files that Outlook (desktop and web) and Google import correctly.

Choices, each for a reason given in CALENDAR-INTEROP:
- every time in UTC (``...Z``): Outlook misreads RDATE-style VTIMEZONEs;
- all-day items as DATE values with an exclusive DTEND;
- follow-ups as VEVENTs: Google has no VTODO;
- "Add to my calendar" is METHOD:PUBLISH with one ORGANIZER and no ATTENDEE
  (RFC 5546); "Invite the contact" is METHOD:REQUEST with the contacts as
  ATTENDEEs; a cancellation is METHOD:CANCEL with STATUS:CANCELLED;
- the VALARM is the last thing in its VEVENT, and always has a TRIGGER.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from followup import __version__, outfile
from followup.calendar import icalendar_fold
from followup.calendar.events import EventData, engagement_event, open_follow_up_events
from followup.errors import ValidationError
from followup.preferences import Preferences
from followup.store import connection

if TYPE_CHECKING:
    from followup.store import Store

icalendar_fold.install()  # the same bytes, folded faster (icalendar_fold.py)

PRODID = f"-//Followup//Followup {__version__}//EN"
# When the user has not given an address: RFC 2606 reserves .invalid, so this
# can never reach anyone, and RFC 5546 still gets its one ORGANIZER.
STAND_IN_EMAIL = "followup@localhost.invalid"
ALARM_MINUTES = 10
ALL_DAY_ALARM = timedelta(hours=9)  # 09:00 on the day, relative to its midnight


class Mode(StrEnum):
    PUBLISH = "PUBLISH"  # "Add to my calendar"
    REQUEST = "REQUEST"  # "Invite the contact"
    CANCEL = "CANCEL"  # "Cancel the invitation"

    @property
    def label(self) -> str:
        return {"PUBLISH": "Add to my calendar", "REQUEST": "Invite the contact", "CANCEL": "Cancel the meeting"}[
            self.value
        ]


@dataclass(slots=True)
class ExportRequest:
    """What to export. With no ids: every open follow-up."""

    follow_up_id: int | None = None
    engagement_id: int | None = None
    contact_id: int | None = None
    mode: Mode = Mode.PUBLISH


@dataclass(slots=True)
class ExportResult:
    data: bytes
    made: list[EventData] | list[Callable[[], EventData]]  # the events, or how to make each
    mode: Mode
    warnings: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.made)

    @property
    def events(self) -> list[EventData]:
        """The events in the file (composed on first use when the file came
        from the cache of serialised events)."""
        self.made = [e if isinstance(e, EventData) else e() for e in self.made]
        return self.made


@dataclass(slots=True, frozen=True)
class Organizer:
    email: str
    name: str

    @property
    def stand_in(self) -> bool:
        return self.email == STAND_IN_EMAIL

    @classmethod
    def of(cls, prefs: Preferences) -> Organizer:
        return cls(prefs.user_email.strip() or STAND_IN_EMAIL, prefs.user_name.strip() or "Followup")


def events_for(store: Store, request: ExportRequest, prefs: Preferences) -> tuple[list[EventData], list[str]]:
    """The events a request asks for, and warnings for the user."""
    warnings: list[str] = []
    if request.mode != Mode.PUBLISH:
        if request.engagement_id is None:
            raise ValidationError("Only an engagement can be sent as an invitation or a cancellation.")
        if not prefs.user_email.strip():
            raise ValidationError(
                "Invitations need your email address as the organizer: set it in Settings (Your email)."
            )
    if request.engagement_id is None:
        events = open_follow_up_events(
            store, follow_up_id=request.follow_up_id, contact_id=request.contact_id, user_tz=prefs.user_tz
        )
        return events, warnings
    engagement = store.engagements.get(request.engagement_id)
    if request.mode == Mode.PUBLISH:
        events = (
            [] if engagement.status == "cancelled" else [engagement_event(store, engagement, user_tz=prefs.user_tz)]
        )
        events += open_follow_up_events(store, engagement_id=engagement.id, user_tz=prefs.user_tz)
        return events, warnings
    if request.mode == Mode.REQUEST and engagement.status == "cancelled":
        raise ValidationError(f"“{engagement.title}” is cancelled: send a cancellation instead of an invitation.")
    if request.mode == Mode.CANCEL and engagement.status != "cancelled":
        raise ValidationError(f"“{engagement.title}” is not cancelled: cancel it first, then send the cancellation.")
    event = engagement_event(store, engagement, private=False)
    without = [store.contacts.get(c).name for c in engagement.contact_ids if not store.contacts.get(c).emails]
    if without:
        warnings.append("Not invited, no email address: " + ", ".join(without) + ".")
    if not event.attendees:
        raise ValidationError("None of the engagement's contacts has an email address, so nobody can be invited.")
    return [event], warnings


EXPORT_NAME = "Followup"
EVERYTHING_OPEN = ExportRequest()


def export(store: Store, request: ExportRequest, prefs: Preferences | None = None) -> ExportResult:
    """Build the .ics bytes for a request; nothing is written. Every open
    follow-up (the request with no ids) goes through the cache of serialised
    events (open_events.py): the same bytes, only new events serialised."""
    prefs = prefs or Preferences.load(store)
    organizer = Organizer.of(prefs)
    made: list[EventData] | list[Callable[[], EventData]]
    if request == EVERYTHING_OPEN:
        from followup.calendar import open_events  # it builds on this module

        data, keyed = open_events.render(store, prefs, "export", store.clock.now(), name=EXPORT_NAME)
        made, warnings = [make for _, make in keyed], list[str]()
    else:
        made, warnings = events_for(store, request, prefs)
        name = EXPORT_NAME if request.mode == Mode.PUBLISH else None
        data = serialise(made, request.mode, organizer, store.clock.now(), name=name)
    if request.mode == Mode.PUBLISH and organizer.stand_in:
        warnings.append("Your email address is not set (Settings), so the organizer is a stand-in address.")
    return ExportResult(data, made, request.mode, warnings)


def new_calendar(mode: Mode, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", mode.value)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def serialise(
    events: list[EventData],
    mode: Mode,
    organizer: Organizer,
    now: datetime,
    *,
    name: str | None = None,
    live: bool = False,
) -> bytes:
    cal = new_calendar(mode, name)
    if live:
        # How often subscribed calendars should fetch the file again.
        cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT1H")
    org = _organizer(organizer)
    for data in events:
        cal.add_component(to_vevent(data, mode, org, now))
    out: bytes = cal.to_ical()
    return out


def _organizer(organizer: Organizer) -> vCalAddress:
    org = vCalAddress(f"mailto:{organizer.email}")
    org.params["CN"] = vText(organizer.name)
    return org


def to_vevent(data: EventData, mode: Mode, organizer: vCalAddress, now: datetime) -> Event:
    ev = Event()
    ev.add("uid", data.uid)
    ev.add("dtstamp", now)
    ev.add("sequence", data.sequence)
    if data.start is not None:
        assert data.end is not None
        ev.add("dtstart", data.start)
        ev.add("dtend", data.end)
    else:
        assert data.start_date is not None and data.end_date is not None
        ev.add("dtstart", data.start_date)
        ev.add("dtend", data.end_date)
    ev.add("summary", data.title)
    if data.description:
        ev.add("description", data.description)
    if data.location:
        ev.add("location", data.location)
    if data.modified is not None:
        ev.add("last-modified", data.modified)
    ev.add("transp", "OPAQUE" if data.busy else "TRANSPARENT")
    ev.add("class", "PRIVATE" if mode == Mode.PUBLISH and data.follow_up_id else "PUBLIC")
    ev.add("organizer", organizer)
    if mode == Mode.CANCEL or data.cancelled:
        ev.add("status", "CANCELLED")
    else:
        ev.add("status", "CONFIRMED")
    if mode != Mode.PUBLISH:
        for email, name in data.attendees:
            who = vCalAddress(f"mailto:{email}")
            who.params["CN"] = vText(name)
            who.params["CUTYPE"] = "INDIVIDUAL"
            who.params["ROLE"] = "REQ-PARTICIPANT"
            who.params["PARTSTAT"] = "NEEDS-ACTION"
            who.params["RSVP"] = "TRUE"
            ev.add("attendee", who, encode=False)
    if mode == Mode.PUBLISH and not data.cancelled:
        # Subcomponents are written after every property: the VALARM comes last.
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", data.title)
        alarm.add("trigger", -timedelta(minutes=ALARM_MINUTES) if data.start is not None else ALL_DAY_ALARM)
        ev.add_component(alarm)
    return ev


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new
    one, never half of one (followup.outfile: a temporary file in the same
    folder renamed over it; through a symlink; a device or FIFO written in
    place, never replaced). Never over a database this process has open, or
    its journals (followup.store.connection), however the path is spelled."""
    connection.refuse_database_target(Path(path))
    outfile.write(path, data)
    return Path(path)

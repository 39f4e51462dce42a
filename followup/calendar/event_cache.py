"""Serialised events kept while their content is unchanged.

icalendar's serialiser is most of the cost of a calendar file (95% of a
full export: `to_ical`, folding lines). The live calendar file is written
again after every change, yet a change touches one or a few events: here each
VEVENT is serialised once and kept under a key made of everything that goes
into it (the event's data, the mode and the organiser), so writing the file
again serialises only what changed. The time stamp (DTSTAMP, the time the
file is made) is the one part that changes every time: events are serialised
with a fixed stand-in stamp, replaced in the bytes when the file is put
together. The result is byte for byte what `export.serialise` writes.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta
from typing import Any

from followup.calendar.events import EventData
from followup.calendar.export import Mode, Organizer, _organizer, new_calendar, to_vevent

_STAND_IN = datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC)
_STAND_IN_LINE = b"\r\nDTSTAMP:19991231T235959Z\r\n"


class EventCache:
    """VEVENT bytes by content. Keeps the events of the last file made only,
    so it holds at most one file's worth."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Any, ...], bytes] = {}
        self.serialised = 0  # events serialised by the last call (for tests and bench/)

    def serialise(
        self,
        events: list[EventData],
        mode: Mode,
        organizer: Organizer,
        now: datetime,
        *,
        name: str | None = None,
        live: bool = False,
    ) -> bytes:
        """What `export.serialise` returns for the same arguments."""
        cal = new_calendar(mode, name)
        if live:
            cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
            cal.add("x-published-ttl", "PT1H")
        head = cal.to_ical()
        end = b"END:VCALENDAR\r\n"
        assert head.endswith(end)
        org = _organizer(organizer)
        stamp = b"\r\n" + to_vevent_stamp(now) + b"\r\n"
        kept: dict[tuple[Any, ...], bytes] = {}
        parts = [head[: -len(end)]]
        self.serialised = 0
        for data in events:
            key = (_content(data), mode, organizer.email, organizer.name)
            chunk = kept.get(key) or self._kept.get(key)
            if chunk is None:
                chunk = to_vevent(data, mode, org, _STAND_IN).to_ical()
                assert _STAND_IN_LINE in chunk
                self.serialised += 1
            kept[key] = chunk
            parts.append(chunk.replace(_STAND_IN_LINE, stamp, 1))
        parts.append(end)
        self._kept = kept
        return b"".join(parts)


_FIELDS = [f.name for f in fields(EventData)]


def _content(data: EventData) -> tuple[Any, ...]:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(data, n) for n in _FIELDS))


def to_vevent_stamp(now: datetime) -> bytes:
    return f"DTSTAMP:{now.astimezone(UTC):%Y%m%dT%H%M%SZ}".encode()

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

With a ``file`` (event_file.py), the events are also kept on disk: the first
file a process makes reads them back, so a cold `export-ics` or the live
file's first write after a start serialises only what changed since the last
run.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, cast

from followup.calendar import event_file
from followup.calendar.events import EventData
from followup.calendar.export import Mode, Organizer, _organizer, new_calendar, to_vevent

_STAND_IN = datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC)
_STAND_IN_LINE = b"\r\nDTSTAMP:19991231T235959Z\r\n"


# Once the file on disk has been read, it is written again only when a file
# needed this many events serialised (a change or two is not worth 33 MB).
SAVE_AFTER = 200


class EventCache:
    """VEVENT bytes by content. Keeps the events of the last file made only,
    so it holds at most one file's worth (in memory, and in ``file``)."""

    def __init__(self, file: Path | None = None) -> None:
        self._kept: dict[Hashable, tuple[bytes, bytes]] = {}
        self._file = file
        self._read = False  # the file has been read into _kept
        self.serialised = 0  # events serialised by the last call (for tests and bench/)
        self.saved = False  # the last call wrote the file

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
        keyed = ((_content(data), partial(_given, data)) for data in events)
        return self.serialise_keyed(keyed, mode, organizer, now, name=name, live=live)

    def serialise_keyed(
        self,
        keyed: Iterable[tuple[Hashable, Callable[[], EventData]]],
        mode: Mode,
        organizer: Organizer,
        now: datetime,
        *,
        name: str | None = None,
        live: bool = False,
    ) -> bytes:
        """The file for events given as (key, make): ``make()`` is called only
        for a key not seen last time. A key must stand for everything that goes
        into its event (the live file keys on the database rows it reads, so an
        unchanged follow-up is neither composed nor serialised again)."""
        head = new_calendar_head(mode, name, live=live)
        org = _organizer(organizer)
        stamp = to_vevent_stamp(now)
        kept: dict[Hashable, tuple[bytes, bytes]] = {}
        parts = [head]
        self.serialised = 0
        self.saved = False
        on_disk = self._file is not None
        first = on_disk and not self._read
        if first:
            assert self._file is not None
            self._kept = cast(dict[Hashable, tuple[bytes, bytes]], event_file.load(self._file))
            self._read = True
        digest = event_file.digest
        for content, make in keyed:
            key: Hashable = (content, mode, organizer.email, organizer.name)
            if on_disk:
                key = digest(key)  # what the file knows events by
            chunk = self._kept.get(key)
            if chunk is None and (chunk := kept.get(key)) is None:  # new, and not met before in this file
                whole = to_vevent(make(), mode, org, _STAND_IN).to_ical()
                before, found, after = whole.partition(_STAND_IN_LINE)
                assert found, "every VEVENT has a DTSTAMP"
                chunk = (before + b"\r\n", b"\r\n" + after)
                self.serialised += 1
            kept[key] = chunk
            parts += (chunk[0], stamp, chunk[1])
        parts.append(_END)
        self._kept = kept
        if self._file is not None and self.serialised and (first or self.serialised >= SAVE_AFTER):
            self.saved = event_file.save(self._file, cast(event_file.Entries, kept))  # keyed by digest
        return b"".join(parts)


def new_calendar_head(mode: Mode, name: str | None, *, live: bool) -> bytes:
    """The calendar's own lines, up to its first VEVENT."""
    cal = new_calendar(mode, name)
    if live:
        cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "PT1H")
    head: bytes = cal.to_ical()
    assert head.endswith(_END)
    return head[: -len(_END)]


_END = b"END:VCALENDAR\r\n"


def _given(data: EventData) -> EventData:
    return data


_FIELDS = [f.name for f in fields(EventData)]


def _content(data: EventData) -> tuple[Any, ...]:
    return tuple(tuple(v) if isinstance(v, list) else v for v in (getattr(data, n) for n in _FIELDS))


def to_vevent_stamp(now: datetime) -> bytes:
    return f"DTSTAMP:{now.astimezone(UTC):%Y%m%dT%H%M%SZ}".encode()

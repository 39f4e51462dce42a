"""Exporting follow-ups and engagements to .ics (followup/calendar/export.py).

Every file written here goes through ical.js (Mozilla's parser) and our RFC
5546 METHOD checks; instants read back are compared with the stored UTC times.
Clock: Monday 2026-11-23 09:30Z; the user lives in Europe/Lisbon.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from rfc5546 import method_problems, raw_lines, vevent_blocks

from followup.calendar.events import follow_up_uid
from followup.calendar.export import STAND_IN_EMAIL, ExportRequest, Mode, export, write_atomically
from followup.domain import Channel, Direction, TouchPoint
from followup.engine import plans
from followup.errors import ValidationError
from followup.planning.model import Engagement, FollowUp, Source
from followup.store import Store

Check = Callable[[list[Path]], list[dict[str, Any]]]


def _engagement(store: Store, people: dict[str, int], *, start: datetime | None = None, **fields: Any) -> int:
    start = start or datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
    e = Engagement(
        "Renewal, pricing; next steps",
        [people["alice"], people["bob"]],
        start=start,
        end=start + timedelta(hours=1),
        tz="America/New_York",
        location="Room 4, 5th floor",
        **fields,
    )
    return plans.create(store, e, plans.default_playbook(store, e.contact_ids)).engagement_id


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _checked(check: Check, path: Path) -> dict[str, Any]:
    [found] = check([path])
    assert found["ok"], found["errors"]
    assert method_problems(path.read_bytes()) == []
    return found


def test_every_open_follow_up_exports_as_a_published_event_with_the_stored_instant(
    store: Store, people: dict[str, int], ical_check: Check, tmp_path: Path
) -> None:
    # GIVEN an engagement with its plan, and a touch point with Alice
    store.touch_points.add(
        TouchPoint(
            people["alice"],
            datetime(2026, 11, 20, 15, tzinfo=UTC),
            Channel.PHONE,
            Direction.OUT,
            "Talked about the renewal",
        )
    )
    eid = _engagement(store, people)
    open_fus = [f for f in store.follow_ups.for_engagement(eid) if f.status == "open"]
    # WHEN everything open is exported
    result = export(store, ExportRequest())
    path = _write(tmp_path, "all.ics", result.data)
    # THEN ical.js reads it, with one event per open follow-up, at the stored UTC instant
    found = _checked(ical_check, path)
    assert found["method"] == "PUBLISH"
    events = {e["uid"]: e for e in found["events"]}
    assert len(events) == store.follow_ups.count_open() == len(result.events)
    for fu in open_fus:
        ev = events[follow_up_uid(fu.id, store.settings.get("calendar_database_id"))]  # type: ignore[arg-type]
        if fu.due is not None:
            assert ev["start"] == int(fu.due.timestamp())
            assert ev["end"] - ev["start"] == 15 * 60
            assert ev["start_utc"].endswith("Z")
        assert ev["organizers"] == [{"value": "mailto:me@followup.example", "cn": "Mia Muster"}]
        assert ev["attendees"] == []
        assert [a["action"] for a in ev["alarms"]] == ["DISPLAY"]
    # the title names the contact and the engagement; the description helps at the moment
    some = next(e for e in events.values() if "Alice Archer" in e["summary"])
    assert "Renewal, pricing; next steps" in some["summary"]
    assert "Last touch point: Fri 20 Nov 2026, phone call: Talked about the renewal" in some["description"]
    assert "Phone: +1 212 555 0100" in some["description"]
    assert "Email: alice@client.example" in some["description"]
    assert "Preferred channel: Phone call" in some["description"]


def test_the_alarm_is_the_last_thing_in_each_event_and_lines_are_crlf_folded_at_75_octets(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN an engagement with long notes (long descriptions to fold) WHEN everything is exported
    _engagement(store, people, notes="x" * 400)
    data = export(store, ExportRequest()).data
    # THEN no line is longer than 75 octets, and each event ends with its alarm
    lines, blocks = raw_lines(data), vevent_blocks(data)
    assert len(lines) > 50 and len(blocks) > 1  # (a loop over nothing would prove nothing)
    for line in lines:
        assert len(line) <= 75
    for block in blocks:
        assert block[-1] == b"END:VALARM"
        alarm = block[block.index(b"BEGIN:VALARM") :]
        assert any(line.startswith(b"TRIGGER") for line in alarm)


def test_text_is_escaped_and_survives_non_latin_scripts_and_emoji(
    store: Store, people: dict[str, int], ical_check: Check, tmp_path: Path
) -> None:
    # GIVEN a follow-up whose title and notes hold every character that needs care
    title = "Call back, re: 見積もり; path C:\\deals 🚀"
    notes = "Line one; with semicolon\nLine two, with comma\\backslash\nΕλληνικά и русский — עברית ✅" * 3
    fid = store.follow_ups.add(
        FollowUp(people["bob"], title, Source.MANUAL, datetime(2026, 11, 25, 8, tzinfo=UTC), notes=notes)
    )
    # WHEN exported
    data = export(store, ExportRequest(follow_up_id=fid)).data
    # THEN the raw bytes are escaped, folded without splitting a UTF-8 character...
    assert b"Call back\\, re: \xe8\xa6\x8b\xe7\xa9\x8d\xe3\x82\x82\xe3\x82\x8a\\; path C:\\\\deals" in data
    for line in raw_lines(data):
        line.decode("utf-8")  # a fold in the middle of a character would fail here
        assert len(line) <= 75
    # ...and an independent parser reads back exactly what was stored
    [found] = ical_check([_write(tmp_path, "one.ics", data)])
    assert found["ok"], found["errors"]
    [ev] = found["events"]
    assert ev["summary"].startswith(title)
    assert notes in ev["description"]


def test_all_day_follow_up_is_a_date_with_an_exclusive_end(
    store: Store, people: dict[str, int], ical_check: Check, tmp_path: Path
) -> None:
    # GIVEN an all-day follow-up on 4 December WHEN it is exported
    fid = store.follow_ups.add(
        FollowUp(people["alice"], "Delivery day", Source.MANUAL, None, due_date=date(2026, 12, 4)),
        day_start=datetime(2026, 12, 4, 9, tzinfo=UTC),
    )
    data = export(store, ExportRequest(follow_up_id=fid)).data
    # THEN it is a date, ending (exclusively) the next day, its alarm at 09:00
    assert b"DTSTART;VALUE=DATE:20261204\r\n" in data
    assert b"DTEND;VALUE=DATE:20261205\r\n" in data
    [ev] = _checked(ical_check, _write(tmp_path, "day.ics", data))["events"]
    assert ev["is_date"] and ev["start_text"] == "2026-12-04" and ev["end_text"] == "2026-12-05"
    assert ev["alarms"][0]["trigger"] == "PT9H"


def test_follow_up_uids_are_stable_across_exports_and_differ_between_databases(
    store: Store, people: dict[str, int], tmp_path: Path, clock: Any
) -> None:
    # GIVEN a plan WHEN it is exported twice THEN the UIDs are the same and unique
    _engagement(store, people)
    first = [e.uid for e in export(store, ExportRequest()).events]
    again = [e.uid for e in export(store, ExportRequest()).events]
    assert first == again and len(set(first)) == len(first)
    # AND a follow-up of another database never has one of these UIDs
    other = Store.open(tmp_path / "other.db", clock)
    try:
        other.contacts.add(store.contacts.get(people["alice"]).__class__("Zed", emails=[]))
        fid = other.follow_ups.add(FollowUp(1, "Hello", Source.MANUAL, datetime(2026, 12, 1, tzinfo=UTC)))
        [uid] = [e.uid for e in export(other, ExportRequest(follow_up_id=fid)).events]
    finally:
        other.close()
    assert uid not in first


def test_a_contacts_open_follow_ups_only(store: Store, people: dict[str, int]) -> None:
    # GIVEN a plan with Alice and Bob WHEN Bob's follow-ups are exported THEN only his, all of them
    _engagement(store, people)
    result = export(store, ExportRequest(contact_id=people["bob"]))
    assert result.events and all("Bob Brenner" in e.title for e in result.events)
    ids = {e.follow_up_id for e in result.events}
    assert ids == {f.id for f in store.follow_ups.for_contact(people["bob"])}


def test_without_the_users_email_the_organizer_is_a_stand_in_and_the_user_is_told(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN no email of the user's WHEN everything is exported
    store.settings.set("user_email", "")
    _engagement(store, people)
    result = export(store, ExportRequest())
    # THEN the organizer is the stand-in address, and a warning says so
    cal = Calendar.from_ical(result.data)
    assert {str(e["ORGANIZER"]) for e in cal.walk("VEVENT")} == {f"mailto:{STAND_IN_EMAIL}"}
    assert any("stand-in" in w for w in result.warnings)
    assert method_problems(result.data) == []


def test_engagement_with_its_plan_in_dst_and_standard_time(
    store: Store, people: dict[str, int], ical_check: Check, tmp_path: Path
) -> None:
    # GIVEN engagements in Lisbon on both sides of the March 2027 change to summer time
    for start in (datetime(2027, 3, 26, 10, tzinfo=UTC), datetime(2027, 3, 29, 9, tzinfo=UTC)):
        eid = _engagement(store, people, start=start)
        data = export(store, ExportRequest(engagement_id=eid)).data
        found = _checked(ical_check, _write(tmp_path, f"e{eid}.ics", data))
        stored = store.engagements.get(eid)
        by_uid = {e["uid"]: e for e in found["events"]}
        ev = by_uid[stored.uid]
        assert ev["start"] == int(stored.start.timestamp())  # type: ignore[union-attr]
        assert ev["end"] == int(stored.end.timestamp())  # type: ignore[union-attr]
        assert len(by_uid) == 1 + len([f for f in store.follow_ups.for_engagement(eid) if f.status == "open"])


def test_invite_the_contact_is_a_request_with_attendees_and_nothing_private(
    store: Store, people: dict[str, int], ical_check: Check, tmp_path: Path
) -> None:
    # GIVEN an engagement with a private note WHEN it is exported as an invite
    eid = _engagement(store, people, notes="My private note: they are hard on price")
    data = export(store, ExportRequest(engagement_id=eid, mode=Mode.REQUEST)).data
    # THEN it is a REQUEST from the user to both contacts, with no alarm and nothing private
    found = _checked(ical_check, _write(tmp_path, "invite.ics", data))
    assert found["method"] == "REQUEST"
    [ev] = found["events"]
    assert ev["uid"] == store.engagements.get(eid).uid
    assert ev["organizers"] == [{"value": "mailto:me@followup.example", "cn": "Mia Muster"}]
    assert {(a["value"], a["rsvp"], a["role"]) for a in ev["attendees"]} == {
        ("mailto:alice@client.example", "TRUE", "REQ-PARTICIPANT"),
        ("mailto:BOB@Supplier.Example", "TRUE", "REQ-PARTICIPANT"),
    }
    assert ev["alarms"] == []
    assert b"CLASS:PRIVATE" not in data
    assert b"hard on price" not in data and b"Last touch point" not in data


def test_an_invite_needs_the_users_email_and_an_engagement(store: Store, people: dict[str, int]) -> None:
    # GIVEN an engagement: an invite of everything is refused, and so is one without the user's email
    eid = _engagement(store, people)
    with pytest.raises(ValidationError, match="Only an engagement"):
        export(store, ExportRequest(mode=Mode.REQUEST))
    store.settings.set("user_email", "")
    with pytest.raises(ValidationError, match="your email address"):
        export(store, ExportRequest(engagement_id=eid, mode=Mode.REQUEST))


def test_an_update_keeps_the_uid_and_raises_the_sequence_and_a_cancel_says_so(
    store: Store, people: dict[str, int], ical_check: Check, tmp_path: Path
) -> None:
    # GIVEN an invitation sent
    eid = _engagement(store, people)
    first = _checked(
        ical_check, _write(tmp_path, "v0.ics", export(store, ExportRequest(engagement_id=eid, mode=Mode.REQUEST)).data)
    )
    # WHEN the engagement moves, then is cancelled
    plans.reschedule(store, eid, start=datetime(2026, 12, 3, 16, tzinfo=UTC))
    moved = _checked(
        ical_check, _write(tmp_path, "v1.ics", export(store, ExportRequest(engagement_id=eid, mode=Mode.REQUEST)).data)
    )
    with pytest.raises(ValidationError, match="not cancelled"):
        export(store, ExportRequest(engagement_id=eid, mode=Mode.CANCEL))
    plans.cancel(store, eid)
    cancel_data = export(store, ExportRequest(engagement_id=eid, mode=Mode.CANCEL)).data
    cancelled = _checked(ical_check, _write(tmp_path, "v2.ics", cancel_data))
    # THEN the same UID each time, a higher SEQUENCE each time, and CANCEL + CANCELLED at the end
    [a], [b], [c] = first["events"], moved["events"], cancelled["events"]
    assert a["uid"] == b["uid"] == c["uid"]
    assert a["sequence"] < b["sequence"] < c["sequence"]
    assert b["start"] == int(datetime(2026, 12, 3, 16, tzinfo=UTC).timestamp())
    assert cancelled["method"] == "CANCEL" and c["status"] == "CANCELLED"
    assert len(c["attendees"]) == 2
    with pytest.raises(ValidationError, match="is cancelled"):
        export(store, ExportRequest(engagement_id=eid, mode=Mode.REQUEST))


def test_write_atomically_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    # GIVEN a file WHEN it is written again THEN it holds the new bytes and nothing is left beside it
    target = tmp_path / "cal.ics"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["cal.ics"]

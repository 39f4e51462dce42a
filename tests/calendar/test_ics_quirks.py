"""Real-world quirks of .ics files (issue 14), each in a hand-written file of
tests/calendar/data/quirks/: one bad event never refuses the calendar, nothing
crashes, calendars and rooms are not people, Followup's own export is not a
meeting, and every refusal is one clean sentence.

Clock: Monday 2026-11-23 09:30Z; the user is me@followup.example in Lisbon.
Alice (alice@client.example) and Bob (BOB@Supplier.Example) are contacts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from ics_fixtures import DATA, ME

from followup.calendar import import_ics
from followup.calendar.reading import CalendarFileError, read_calendar
from followup.clock import FixedClock
from followup.domain import Contact, LabelledValue
from followup.store import Store

QUIRKS = DATA / "quirks"


def _parse(store: Store, name: str, **kw: object):  # type: ignore[no-untyped-def]
    data = (QUIRKS / name).read_bytes()
    return read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon", **kw)  # type: ignore[arg-type]


def _import(store: Store, name: str, **kw: object) -> import_ics.ImportResult:
    return import_ics.apply(store, import_ics.analyse(store, _parse(store, name, **kw)))


def _engagements(store: Store) -> list[tuple[str, str, str]]:
    return store.conn.execute("SELECT uid, recurrence_id, title FROM engagements ORDER BY uid").fetchall()  # type: ignore[no-any-return]


def test_two_dtstart_lines_take_the_first_and_the_rest_of_the_file_imports(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN an event with two DTSTART lines beside a fine one WHEN imported THEN the first start counts
    result = _import(store, "two_dtstart.ics")
    starts = {c["title"]: store.engagements.get(c["engagement_id"]).start for c in result.created}  # type: ignore[arg-type]
    assert starts == {
        "Two starts": datetime(2026, 12, 2, 10, tzinfo=UTC),
        "A fine meeting": datetime(2026, 12, 3, 10, tzinfo=UTC),
    }


def test_the_same_uid_three_times_is_one_event_with_the_highest_sequence(store: Store, people: dict[str, int]) -> None:
    # GIVEN one UID three times, sequences 0, 1 and 0 WHEN imported THEN one engagement, the highest sequence's
    result = _import(store, "duplicate_uid.ics")
    [created] = result.created
    e = store.engagements.get(created["engagement_id"])  # type: ignore[arg-type]
    assert (e.title, e.sequence, e.start) == ("Review (moved)", 1, datetime(2026, 12, 4, 10, tzinfo=UTC))
    assert _engagements(store) == [("dup@x.example", "", "Review (moved)")]


def test_properties_the_import_does_not_need_are_ignored(store: Store, people: dict[str, int]) -> None:
    # GIVEN Google's CREATED:00001231T000000Z, a trailing space in DTSTAMP, an empty GEO and an odd X- line
    result = _import(store, "google_created_year_zero.ics")
    assert sorted(c["title"] for c in result.created) == ["Newer Google event", "Old Google event"]


def test_an_event_without_uid_gets_a_stable_one_so_a_second_import_matches_it(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN an event without UID, imported once
    first = _import(store, "no_uid.ics")
    [created] = first.created
    # WHEN it is imported again THEN it matches the first by the UID made for it
    again = _import(store, "no_uid.ics")
    assert not again.created and [s["why"] for s in again.skipped] == ["already imported"]
    assert again.skipped[0]["uid"] == created["uid"] and str(created["uid"]).endswith("@followup-import")


def test_a_malformed_address_is_a_name_without_an_address_never_a_contact(store: Store, people: dict[str, int]) -> None:
    # GIVEN attendees whose addresses are not addresses WHEN imported
    result = _import(store, "bad_addresses.ics")
    [created] = result.created
    # THEN only Alice is in it, the others are names in the notes, never contacts
    e = store.engagements.get(created["engagement_id"])  # type: ignore[arg-type]
    assert e.contact_ids == [people["alice"]]
    assert not result.contacts_created and not result.not_matched
    assert "Dora Dee" in e.notes and "Ed Blank" in e.notes
    assert e.organizer == ""


@pytest.mark.parametrize("name", ["itip_without_dtstart.ics", "itip_reply_without_dtstart.ics"])
def test_itip_messages_without_dtstart_are_read_not_refused(store: Store, people: dict[str, int], name: str) -> None:
    # GIVEN an iTIP message with no start WHEN read and planned THEN it is skipped, not refused
    plan = import_ics.analyse(store, _parse(store, name))
    assert [i.action for i in plan.items] == ["skip"]
    assert _engagements(store) == []


def test_a_cancel_without_dtstart_cancels_the_engagement_it_names(store: Store, people: dict[str, int]) -> None:
    # GIVEN an engagement imported, and a CANCEL without DTSTART naming its UID
    _import(store, "duplicate_uid.ics")  # not the same uid: nothing to cancel
    data = (QUIRKS / "itip_without_dtstart.ics").read_bytes().replace(b"itip-cancel@x.example", b"dup@x.example")
    parsed = read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon")
    # WHEN it is imported THEN that engagement is cancelled, its title and time kept
    result = import_ics.apply(store, import_ics.analyse(store, parsed))
    assert [c["title"] for c in result.cancelled] == ["Cancelled: Review"]
    row = store.conn.execute("SELECT status, title, start_utc FROM engagements").fetchone()
    assert row[0:2] == ("cancelled", "Review (moved)") and row[2].startswith("2026-12-04T10:00")


def test_followups_own_export_is_recognised_and_never_planned(store: Store, people: dict[str, int]) -> None:
    # GIVEN a file Followup exported WHEN imported THEN nothing is planned and it says why
    result = _import(store, "followup_export.ics")
    assert not result.created and not result.contacts_created and not result.not_matched
    assert {s["why"] for s in result.skipped} == {"a follow-up exported by Followup, not a meeting"}


def test_calendar_and_room_addresses_are_never_contacts(store: Store, people: dict[str, int]) -> None:
    # GIVEN Google's holiday calendar WHEN imported THEN its calendar address is nobody
    holidays = _import(store, "google_holidays.ics")
    assert not holidays.created and not holidays.contacts_created and not holidays.not_matched
    # AND in a meeting with a room, the room is not offered as a person
    plan = import_ics.analyse(store, _parse(store, "room_resource.ics"))
    assert sorted(plan.people) == ["carol@newco.example", "dan@newco.example"]


def test_every_unknown_attendee_is_offered_and_the_user_never_is(store: Store, people: dict[str, int]) -> None:
    # GIVEN a meeting the user organizes WHEN planned THEN the two guests are offered, the user is not
    plan = import_ics.analyse(store, _parse(store, "room_resource.ics"))
    assert plan.create == {"carol@newco.example", "dan@newco.example"}
    assert ME not in plan.people


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("tasks_only.ics", "Followup imports meetings (events) and found none: this file holds only tasks."),
        (
            "journal_only.ics",
            "Followup imports meetings (events) and found none: this file holds only journal entries.",
        ),
    ],
)
def test_tasks_or_journal_only_says_followup_imports_meetings(store: Store, name: str, says: str) -> None:
    # GIVEN a calendar with no events WHEN read THEN the one sentence says what it holds
    with pytest.raises(CalendarFileError) as caught:
        _parse(store, name)
    assert str(caught.value) == says


def test_a_file_where_no_event_can_be_read_is_refused_in_one_clean_sentence(store: Store) -> None:
    # GIVEN a calendar where no start is a date WHEN read THEN one sentence, with no Python in it
    data = (QUIRKS / "two_dtstart.ics").read_bytes().replace(b"DTSTART:2026", b"DTSTART:XXXX")
    with pytest.raises(CalendarFileError) as caught:
        read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon")
    text = str(caught.value)
    assert text.startswith("No event in this calendar can be read") and "\n" not in text
    for bad in ("None", "vText", "TypeError", "Error:"):
        assert bad not in text


def test_an_unusable_event_is_skipped_with_its_title_time_and_reason(store: Store, people: dict[str, int]) -> None:
    # GIVEN two events, one with a start that is not a date WHEN imported
    data = (QUIRKS / "two_dtstart.ics").read_bytes().replace(b"DTSTART:20261203T100000Z", b"DTSTART:2026120")
    result = import_ics.apply(
        store, import_ics.analyse(store, read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon"))
    )
    # THEN the other is created, and the bad one skipped with its title, time and reason
    assert [c["title"] for c in result.created] == ["Two starts"]
    [skipped] = result.skipped
    assert skipped["title"] == "A fine meeting" and skipped["when"] == "2026120"
    assert skipped["why"] == "its start (DTSTART) is not a date or time"


def test_a_broken_alarm_or_a_broken_time_zone_only_costs_what_it_breaks(store: Store, people: dict[str, int]) -> None:
    # GIVEN a file the library cannot parse as a whole: an alarm with a negative
    # duration inside one event, and a time zone with an offset of 57 hours
    data = (QUIRKS / "two_dtstart.ics").read_bytes()
    alarm = b"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=START:PT-2H\r\nEND:VALARM\r\nEND:VEVENT"
    data = data.replace(b"END:VEVENT", alarm, 1)
    zone = b"BEGIN:VTIMEZONE\r\nTZID:Bad\r\nBEGIN:STANDARD\r\nDTSTART:18500101T000000\r\nTZOFFSETFROM:+5744\r\n"
    zone += b"TZOFFSETTO:+5744\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT"
    data = data.replace(b"BEGIN:VEVENT", zone, 1)
    parsed = read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon")
    # THEN both events are read: what the import does not need is ignored
    assert sorted(e.title for e in parsed.events) == ["A fine meeting", "Two starts"] and not parsed.skipped


def test_without_the_users_address_in_settings_the_owner_of_an_exported_calendar_is_not_offered(
    store: Store,
) -> None:
    # GIVEN no address in Settings, and an export of the user's calendar: they organize every meeting
    events = b"".join(
        b"BEGIN:VEVENT\r\nUID:own-%d@x.example\r\nDTSTAMP:20261101T100000Z\r\nDTSTART:202612%02dT100000Z\r\n"
        b"SUMMARY:Meeting %d\r\nORGANIZER;CN=Me:mailto:mia@home.example\r\n"
        b"ATTENDEE;CN=Guest %d:mailto:guest%d@client.example\r\nEND:VEVENT\r\n" % (n, n + 1, n, n, n)
        for n in range(3)
    )
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n" + events + b"END:VCALENDAR\r\n"
    plan = import_ics.analyse(store, read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon"))
    # THEN the user is never offered as a contact, so no plan reads "Thank Me for..."
    assert "mia@home.example" not in plan.people
    assert plan.create == {f"guest{n}@client.example" for n in range(3)}


def test_a_property_written_twice_gives_its_first_value_never_a_python_list(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN an event with SUMMARY and LOCATION written twice WHEN read THEN each is its first value
    data = (
        (QUIRKS / "two_dtstart.ics")
        .read_bytes()
        .replace(
            b"SUMMARY:Two starts", b"SUMMARY:Two starts\r\nSUMMARY:Second title\r\nLOCATION:Room A\r\nLOCATION:Room B"
        )
    )
    parsed = read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon")
    event = next(e for e in parsed.events if e.uid == "two-dtstart@x.example")
    assert (event.title, event.location) == ("Two starts", "Room A")


def test_followups_export_is_recognised_by_its_text_when_another_calendar_renamed_its_uid(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN the follow-ups, passed through a calendar that gave them its own UIDs and organizer
    data = (QUIRKS / "followup_export.ics").read_bytes()
    data = data.replace(b"followup-12-0a1b2c3d4e5f@followup", b"040000008200E00074C5B7101A82E0080000000012")
    data = data.replace(b"mailto:followup@localhost.invalid", b"mailto:alice@client.example")
    data = data.replace(
        b"TRANSP:TRANSPARENT\r\nEND:VEVENT",
        b"DESCRIPTION:Follow-up with Alice Archer\\n\\nFrom Followup. Mark it done there\\, so the plan moves on.\r\n"
        b"TRANSP:TRANSPARENT\r\nEND:VEVENT",
        1,
    )
    # WHEN it is imported THEN it is still recognised by its text, and nothing is planned
    result = import_ics.apply(
        store, import_ics.analyse(store, read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon"))
    )
    assert not result.created and {s["why"] for s in result.skipped} == {
        "a follow-up exported by Followup, not a meeting"
    }


@pytest.mark.parametrize("user_email", ["", ME])
def test_followups_real_export_imported_into_another_database_plans_nothing(
    store: Store, people: dict[str, int], tmp_path: Path, clock: FixedClock, user_email: str
) -> None:
    # GIVEN a follow-up calendar written by Followup's own exporter (stand-in organizer or the user's)
    from followup.calendar.export import ExportRequest, export
    from followup.planning.model import FollowUp, Source

    store.settings.set("user_email", user_email)
    store.follow_ups.add(FollowUp(people["alice"], "Call Alice", Source.MANUAL, datetime(2026, 12, 1, 9, tzinfo=UTC)))
    data = export(store, ExportRequest()).data
    # WHEN another database, where Alice is a contact too, imports it
    with Store.open(tmp_path / "other.db", clock) as other:
        other.settings.set("user_tz", "Europe/Lisbon")
        other.contacts.add(Contact("Alice", emails=[LabelledValue("alice@client.example")]))
        parsed = read_calendar(data, now=clock.now(), user_tz="Europe/Lisbon")
        result = import_ics.apply(other, import_ics.analyse(other, parsed))
        # THEN nothing is planned and nobody is added
        assert not result.created and not result.contacts_created and not result.logged
        assert other.conn.execute("SELECT count(*) FROM engagements").fetchone()[0] == 0

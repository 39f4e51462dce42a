"""Importing .ics files (followup/calendar/reading.py and import_ics.py), over
files shaped like real Outlook and Google output (tests/calendar/data/).

Clock: Monday 2026-11-23 09:30Z; the user is me@followup.example in Lisbon.
Alice (alice@client.example) and Bob (BOB@Supplier.Example) are contacts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from ics_fixtures import DATA, ME

from followup.calendar import import_ics
from followup.calendar.reading import CalendarFileError, ImportCancelled, read_calendar
from followup.store import Store


def _read(store: Store, name: str | bytes, **kw: object) -> import_ics.ImportPlan:
    data = name if isinstance(name, bytes) else (DATA / name).read_bytes()
    parsed = read_calendar(data, now=store.clock.now(), user_tz="Europe/Lisbon", **kw)  # type: ignore[arg-type]
    return import_ics.analyse(store, parsed)


def _import(store: Store, name: str | bytes, **kw: object) -> import_ics.ImportResult:
    return import_ics.apply(store, _read(store, name, **kw))


def _counts(store: Store) -> tuple[int, ...]:
    q = store.conn.execute
    return (
        q("SELECT count(*) FROM engagements").fetchone()[0],
        q("SELECT count(*) FROM follow_ups").fetchone()[0],
        q("SELECT count(*) FROM follow_ups WHERE status = 'open'").fetchone()[0],
        q("SELECT count(*) FROM contacts").fetchone()[0],
        q("SELECT max(sequence) FROM engagements").fetchone()[0],
    )


def test_outlook_invite_with_windows_zone_becomes_an_engagement_with_a_plan(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN Bob's Outlook invite (a Windows zone name) WHEN it is imported
    result = _import(store, "outlook_invite.ics")
    [created] = result.created
    e = store.engagements.get(created["engagement_id"])  # type: ignore[arg-type]
    # THEN one engagement, at the right instant, with Bob and a supplier plan
    # 10:00 "W. Europe Standard Time" in December is 09:00Z; the zone kept is IANA
    assert e.start == datetime(2026, 12, 2, 9, tzinfo=UTC) and e.end == datetime(2026, 12, 2, 10, tzinfo=UTC)
    assert e.tz == "Europe/Berlin"
    assert e.title == "Liefertermine Q1 – Besprechung über Qualität"
    assert (e.source, e.organizer, e.recurrence_id) == ("ics", "bob@supplier.example", "")
    assert e.uid.startswith("040000008200E00074C5B7101A82E008") and e.uid.endswith("F1E2D3C4B5A69788")
    # the organizer matched Bob whatever the case; the user is not a contact; the room is nobody
    assert e.contact_ids == [people["bob"]]
    assert result.not_matched == [{"email": "carol@newco.example", "name": "Carol Dübois"}]
    assert created["playbook"] == "Supplier order" and created["follow_ups"] > 0
    # folded, escaped, non-ASCII description text arrives whole
    assert "Mengen, Preise; Termine." in e.notes and "https://teams.microsoft.com/l/meetup-join/" in e.notes
    assert e.channel == "video"
    assert store.contacts.find_by_email(ME) is None


def test_importing_the_same_file_twice_changes_nothing(store: Store, people: dict[str, int]) -> None:
    # GIVEN Google's export imported WHEN it is imported again THEN nothing changes, and it says why
    _import(store, "google_export.ics")
    before = _counts(store)
    again = _import(store, "google_export.ics")
    assert _counts(store) == before
    assert not again.created and not again.updated
    assert {s["why"] for s in again.skipped} >= {"already imported"}


def test_an_update_moves_the_engagement_and_its_open_follow_ups_without_duplicates(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN Bob's invite imported, with its plan
    [created] = _import(store, "outlook_invite.ics").created
    eid = created["engagement_id"]
    old = {f.step_key: f for f in store.follow_ups.for_engagement(eid)}  # type: ignore[arg-type]
    # WHEN the organizer moves it a day later (SEQUENCE 1)
    result = _import(store, "outlook_update.ics")
    # THEN the same engagement moved, with the same follow-ups, later
    [updated] = result.updated
    assert updated["engagement_id"] == eid and not result.created
    e = store.engagements.get(eid)  # type: ignore[arg-type]
    assert e.start == datetime(2026, 12, 3, 13, tzinfo=UTC) and e.sequence == 1
    new = {f.step_key: f for f in store.follow_ups.for_engagement(eid)}  # type: ignore[arg-type]
    assert new.keys() == old.keys()
    assert all(new[k].id == old[k].id for k in new)
    assert any(new[k].due != old[k].due for k in new)
    # and the older invitation, imported again, is ignored
    stale = _import(store, "outlook_invite.ics")
    assert stale.skipped[0]["why"] == "older than the version imported"
    assert store.engagements.get(eid).start == datetime(2026, 12, 3, 13, tzinfo=UTC)  # type: ignore[arg-type]


def test_a_cancellation_cancels_the_engagement_and_its_open_follow_ups(store: Store, people: dict[str, int]) -> None:
    # GIVEN Bob's invite imported WHEN his cancellation is imported
    [created] = _import(store, "outlook_invite.ics").created
    eid = created["engagement_id"]
    result = _import(store, "outlook_cancel.ics")
    # THEN the engagement and every open follow-up of it are cancelled, its title kept
    [cancelled] = result.cancelled
    assert cancelled["engagement_id"] == eid and cancelled["follow_ups_cancelled"] == created["follow_ups"]
    e = store.engagements.get(eid)  # type: ignore[arg-type]
    assert e.status == "cancelled" and e.sequence == 2
    assert e.title == "Liefertermine Q1 – Besprechung über Qualität"  # not Outlook's "Abgesagt: ..."
    assert all(f.status == "cancelled" for f in store.follow_ups.for_engagement(eid))  # type: ignore[arg-type]
    assert _import(store, "outlook_cancel.ics").skipped[0]["why"] == "already imported"


def test_a_cancelled_event_never_seen_plans_nothing(store: Store, people: dict[str, int]) -> None:
    # GIVEN nothing imported WHEN a cancellation arrives THEN it is skipped and nothing is written
    before = _counts(store)
    result = _import(store, "outlook_cancel.ics")
    assert result.skipped[0]["why"] == "cancelled: nothing to plan" and _counts(store) == before


def test_google_export_recurring_series_expanded_in_the_window_with_exdate_and_a_moved_occurrence(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN Google's export WHEN it is read (the default window)
    plan = _read(store, "google_export.ics")
    series = [i.event for i in plan.items if i.event.uid == "7kukuqrfedlm2f9t0vr42q2gc7@google.com"]
    starts = sorted(e.start for e in series if e.start)
    # Tuesdays 09:30 New York (14:30Z) from Dec 1 to Feb 16: Dec 22 is an EXDATE, Dec 29 moved to Wed 30 10:00
    assert len(series) == 11
    assert datetime(2026, 12, 22, 14, 30, tzinfo=UTC) not in starts
    assert datetime(2026, 12, 29, 14, 30, tzinfo=UTC) not in starts
    assert datetime(2026, 12, 30, 15, 0, tzinfo=UTC) in starts
    assert max(starts) == datetime(2027, 2, 16, 14, 30, tzinfo=UTC)
    moved = next(e for e in series if e.start == datetime(2026, 12, 30, 15, tzinfo=UTC))
    assert moved.recurrence_id == "20261229T143000Z" and moved.sequence == 1
    assert len({e.recurrence_id for e in series}) == 11
    assert all(e.tz == "America/New_York" for e in series)


def test_the_window_crosses_daylight_saving_time_at_the_right_instant(store: Store, people: dict[str, int]) -> None:
    # GIVEN a 120-day window WHEN the weekly series is read THEN New York's DST change moves it in UTC
    plan = _read(store, "google_export.ics", window_days=120)
    series = {i.event.start for i in plan.items if i.event.uid.startswith("7kukuqrf")}
    assert datetime(2027, 3, 9, 14, 30, tzinfo=UTC) in series  # still EST (-05:00)
    assert datetime(2027, 3, 16, 13, 30, tzinfo=UTC) in series  # EDT (-04:00) from March 14


def test_google_export_all_day_floating_html_utc_cancelled_past_and_personal(
    store: Store, people: dict[str, int]
) -> None:
    # GIVEN Google's export of every kind of event WHEN it is imported
    result = _import(store, "google_export.ics")
    by_title = {c["title"]: store.engagements.get(c["engagement_id"]) for c in result.created}  # type: ignore[arg-type]
    # THEN times, contacts, notes (HTML to text), place and all-day dates are read as meant
    review = by_title["Quarterly review 🚀 — 東京チーム"]
    assert review.start == datetime(2026, 12, 10, 15, tzinfo=UTC)
    assert review.contact_ids == [people["bob"]]  # matched BOB@Supplier.Example; the organizer is the user
    assert review.notes.startswith("Agenda\n1. Prices & terms\n2. 日本語の資料 😀")
    assert "<b>" not in review.notes and "https://meet.google.com/xyz-abcd-efg" in review.notes
    assert review.location == "Café Müller, Rua Augusta 12, Lisboa" and review.channel == "in_person"
    offsite = by_title["Client Co offsite"]
    assert (offsite.all_day, offsite.start_date, offsite.end_date) == (True, date(2026, 12, 15), date(2026, 12, 16))
    # a floating time in a Google calendar is read in its X-WR-TIMEZONE: 14:00 New York = 19:00Z
    assert by_title["Site visit (floating time)"].start == datetime(2026, 12, 11, 19, tzinfo=UTC)
    why = {s["title"]: s["why"] for s in result.skipped}
    assert {t: w for t, w in why.items() if not w.startswith("a later occurrence")} == {
        "Cancelled call": "cancelled: nothing to plan",
        "Dentist": "nobody but you in it: no one to follow up with",
    }
    # a past meeting with a contact is history: logged once as "we met", not planned
    assert [x["title"] for x in result.logged] == ["Kick-off (last month)"]


def test_outlook_web_zone_name_without_vtimezone(store: Store, people: dict[str, int]) -> None:
    # GIVEN Outlook on the web's zone name with no VTIMEZONE WHEN imported THEN it is read as IANA
    [created] = _import(store, "outlook_web_pacific.ics").created
    e = store.engagements.get(created["engagement_id"])  # type: ignore[arg-type]
    assert e.start == datetime(2026, 12, 8, 17, tzinfo=UTC) and e.tz == "America/Los_Angeles"
    assert e.contact_ids == [people["alice"]]


def test_when_nobody_matches_everyone_in_the_meeting_becomes_a_contact_but_the_user(store: Store) -> None:
    # GIVEN no contacts at all, and the user's own address in the settings
    store.settings.set("user_email", "ME@followup.example")
    result = _import(store, "outlook_invite.ics")
    # THEN Bob, the organizer, and Carol, the attendee, are created and the plan is theirs
    assert sorted((c["name"], c["email"]) for c in result.contacts_created) == [
        ("Bob Brenner", "bob@supplier.example"),
        ("Carol Dübois", "carol@newco.example"),
    ]
    e = store.engagements.get(result.created[0]["engagement_id"])  # type: ignore[arg-type]
    assert sorted(e.contact_ids) == sorted(c["id"] for c in result.contacts_created)
    assert result.not_matched == []
    assert store.contacts.find_by_email("me@followup.example") is None


def test_the_user_may_add_the_unknown_people_as_contacts(store: Store, people: dict[str, int]) -> None:
    # GIVEN the invite read: Carol is offered, not ticked
    plan = _read(store, "outlook_invite.ics")
    assert set(plan.people) == {"carol@newco.example"} and plan.create == set()
    # WHEN the user ticks her and imports THEN she is a contact in the engagement
    plan.create.add("carol@newco.example")
    result = import_ics.apply(store, plan)
    carol = store.contacts.find_by_email("Carol@NewCo.example")
    assert carol is not None
    e = store.engagements.get(result.created[0]["engagement_id"])  # type: ignore[arg-type]
    assert e.contact_ids == [people["bob"], carol]


def test_preview_shows_the_plan_before_anything_is_saved(store: Store, people: dict[str, int]) -> None:
    # GIVEN the invite read, Carol ticked WHEN a plan is previewed
    plan = _read(store, "outlook_invite.ics")
    plan.create.add("carol@newco.example")
    before = _counts(store)
    planned = import_ics.preview(store, plan, plan.items[0], store.playbooks.by_name("Client meeting"))
    # THEN follow-ups are shown (Carol's as -1: not a contact yet) and nothing is saved
    assert planned and _counts(store) == before
    assert {p.contact_id for p in planned} <= {people["bob"], -1}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Subject: hello\r\n\r\nThis is an email.", "should start with BEGIN:VCALENDAR"),
        ((DATA / "outlook_invite.ics").read_bytes()[:1500], "truncated"),
        (
            (DATA / "outlook_invite.ics").read_bytes().replace(b":20261202T100000", b":20261341T100000"),
            "its start \\(DTSTART\\) is not a date",
        ),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:No start\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n",
            "has no start",
        ),
    ],
    ids=["empty", "binary", "not-a-calendar", "truncated", "bad-date", "no-start"],
)
def test_broken_files_name_the_problem_and_write_nothing(
    store: Store, people: dict[str, int], data: bytes, message: str
) -> None:
    # GIVEN a broken file WHEN it is imported THEN it is refused with its problem named, nothing written
    before = _counts(store)
    with pytest.raises(CalendarFileError, match=message):
        _import(store, data)
    assert _counts(store) == before


def test_a_cancelled_import_writes_nothing(store: Store, people: dict[str, int]) -> None:
    # GIVEN Google's export, planned: engagements to create, a meeting to log
    plan = _read(store, "google_export.ics")
    assert plan.counts()["create"] >= 2
    before = _counts(store)
    checks = iter(range(len(plan.items)))
    # WHEN the import is cancelled at its last event, after the others were written
    with pytest.raises(ImportCancelled):
        import_ics.apply(store, plan, cancelled=lambda: next(checks) == len(plan.items) - 1)
    # THEN all of it is rolled back
    assert _counts(store) == before


def test_reading_reports_progress_and_can_be_cancelled(store: Store) -> None:
    from bench_data import many_events  # type: ignore[import-not-found]

    # GIVEN 600 events WHEN they are read THEN progress comes in steps up to 600/600
    data = many_events(600)
    seen: list[tuple[int, int]] = []
    parsed = read_calendar(data, now=store.clock.now(), user_tz="UTC", progress=lambda n, t: seen.append((n, t)))
    assert len(parsed.events) == 600 and seen[-1] == (600, 600) and len(seen) > 2
    # AND reading stops when cancelled
    with pytest.raises(ImportCancelled):
        read_calendar(data, now=store.clock.now(), user_tz="UTC", cancelled=lambda: True)


def test_export_then_import_round_trip_into_another_database(
    store: Store, people: dict[str, int], tmp_path: Path, clock: object
) -> None:
    from followup.calendar.export import ExportRequest, Mode, export
    from followup.engine import plans
    from followup.planning.model import Engagement

    # GIVEN an engagement with Alice, exported as an invite
    e = Engagement(
        "Kick-off",
        [people["alice"]],
        start=datetime(2026, 12, 9, 16, tzinfo=UTC),
        end=datetime(2026, 12, 9, 17, tzinfo=UTC),
        tz="America/New_York",
    )
    eid = plans.create(store, e, None).engagement_id
    invite = export(store, ExportRequest(engagement_id=eid, mode=Mode.REQUEST)).data
    # Alice's side: her own Followup, where the user is a stranger
    # WHEN Alice imports it THEN she has the same meeting, and the user as a new contact
    other = Store.open(tmp_path / "alice.db", clock)  # type: ignore[arg-type]
    try:
        other.settings.set("user_email", "alice@client.example")
        parsed = read_calendar(invite, now=clock.now(), user_tz="America/New_York")  # type: ignore[attr-defined]
        result = import_ics.apply(other, import_ics.analyse(other, parsed))
        [created] = result.created
        got = other.engagements.get(created["engagement_id"])  # type: ignore[arg-type]
        assert (got.uid, got.start, got.end, got.title) == (e.uid, e.start, e.end, "Kick-off")
        assert [c["name"] for c in result.contacts_created] == ["Mia Muster"]
    finally:
        other.close()

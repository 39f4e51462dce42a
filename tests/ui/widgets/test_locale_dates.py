"""Dates and times follow the system's locale (issue 15): the 12- or 24-hour
clock, the order of day and month, the first day of the week."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit

from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.planning.model import FollowUp, Source
from followup.store import Store
from tests.ui.locale_pin import use_locale
from ui.widgets import when_text
from ui.widgets.datetime_edit import datetime_edit
from ui.widgets.when_text import date_text, datetime_text, time_text

NBSP = "\u202f"  # Qt's CLDR data puts a narrow no-break space before AM/PM


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        ("en_US", "Mon, Nov 23, 2026, 2:05 PM"),
        ("en_GB", "Mon 23 Nov 2026, 14:05"),
        ("de_DE", "Mo., 23. Nov. 2026, 14:05"),
        ("ar_EG", "الاثنين، ٢٣ نوفمبر ٢٠٢٦, ٢:٠٥ م"),
    ],
)
def test_a_date_and_time_is_written_as_the_locale_writes_it(qapp, locale: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the system's locale WHEN an instant is shown THEN it is in the locale's clock and order
    with use_locale(locale):
        assert _plain(datetime_text(datetime(2026, 11, 23, 14, 5))) == shown


def test_the_year_and_the_weekday_can_be_left_out_in_any_order(qapp) -> None:  # type: ignore[no-untyped-def]
    day = date(2026, 11, 23)
    with use_locale("en_US"):
        assert date_text(day, year=False) == "Mon, Nov 23"
        assert date_text(day, weekday=False, year=False) == "Nov 23"
        assert date_text(day, long=True) == "Monday, November 23, 2026"
    with use_locale("de_DE"):
        assert date_text(day, weekday=False, year=False) == "23. Nov."
    with use_locale("es_ES"):  # the quoted 'de' before the year goes with it
        assert date_text(day, weekday=False, year=False) == "23 de nov"


def test_the_clock_is_12_or_24_hours_as_the_locale_says(qapp) -> None:  # type: ignore[no-untyped-def]
    with use_locale("en_US"):
        assert when_text.uses_12_hour_clock() and _plain(time_text(datetime(2026, 1, 1, 0, 30))) == "12:30 AM"
    with use_locale("de_DE"):
        assert not when_text.uses_12_hour_clock() and time_text(datetime(2026, 1, 1, 0, 30)) == "00:30"


def test_edits_and_their_calendars_count_the_week_as_the_locale_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a US locale (12-hour, Sunday first) WHEN a date-and-time edit is made
    with use_locale("en_US"):
        edit = datetime_edit(datetime(2026, 11, 23, 14, 5, tzinfo=UTC), ZoneInfo("UTC"))
        qtbot.addWidget(edit)
        # THEN it shows the 12-hour clock, no weekday to tab through, and its calendar starts on Sunday
        assert _plain(edit.text()) == "Nov 23, 2026  2:05 PM"
        assert edit.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Sunday
    # GIVEN Germany: 24-hour, Monday first
    with use_locale("de_DE"):
        edit = datetime_edit(datetime(2026, 11, 23, 14, 5, tzinfo=UTC), ZoneInfo("UTC"))
        date_only = QDateEdit()
        date_only.setCalendarPopup(True)
        when_text.follow_locale(date_only, with_time=False)
        qtbot.addWidget(edit)
        qtbot.addWidget(date_only)
        assert edit.text() == "23. Nov. 2026  14:05"
        assert date_only.calendarWidget().firstDayOfWeek() == Qt.DayOfWeek.Monday


def _later_today(store: Store) -> int:
    cid = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon"))
    store.follow_ups.add(
        FollowUp(
            contact_id=cid,
            title="Call Ana",
            source=Source.MANUAL,
            due=datetime(2026, 11, 23, 14, 0, tzinfo=UTC),
            tz="Europe/Lisbon",
            channel="email",
        )
    )
    store.follow_ups.add(
        FollowUp(
            contact_id=cid,
            title="Send the quote",
            source=Source.MANUAL,
            due=datetime(2026, 11, 25, 16, 0, tzinfo=UTC),
            tz="Europe/Lisbon",
            channel="email",
        )
    )
    return cid


def _today_whens(qtbot, window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    window.reload_contacts()
    window.registry.go_today.trigger()
    qtbot.waitUntil(lambda: window.today_model.count() > 0)
    model = window.today_model
    whens = {}
    for section in range(model.rowCount()):
        parent = model.section_index(section)
        for row in range(model.rowCount(parent)):
            whens[model.index(row, 0, parent).data()] = _plain(model.index(row, 4, parent).data())
    return whens


@pytest.mark.parametrize(
    ("locale", "today", "later"),
    [
        ("en_US", "2:00 PM", "Wed, Nov 25, 4:00 PM"),
        ("de_DE", "14:00", "Mi., 25. Nov., 16:00"),
        ("ar_EG", "٢:٠٠ م", "الأربعاء، ٢٥ نوفمبر, ٤:٠٠ م"),
    ],
)
def test_today_shows_times_on_the_locales_clock(
    qtbot, window, store: Store, locale: str, today: str, later: str
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a follow-up at 14:00 today and one on Wednesday at 16:00 (Lisbon, which is UTC in November)
    _later_today(store)
    # WHEN Today is shown on a machine in this locale
    with use_locale(locale):
        whens = _today_whens(qtbot, window)
    # THEN each time is written as the locale writes it
    assert whens == {"Call Ana": today, "Send the quote": later}


def test_the_contact_page_shows_the_12_hour_clock_in_the_us(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Ana with a touch point, a birthday, and an open follow-up
    cid = _later_today(store)
    store.touch_points.add(
        TouchPoint(
            contact_id=cid,
            at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC),
            tz="Europe/Lisbon",
            channel=Channel.PHONE,
            direction=Direction.OUT,
            summary="Talked about the renewal",
        )
    )
    window.reload_contacts()
    # WHEN her page is shown in the US locale
    with use_locale("en_US"):
        window.open_contact(cid)
        page = window.contact_page
        tp = page.timeline_model.item(0)
        timeline = _plain(page.timeline_delegate.when_text(tp))
        page.lower_tabs.setCurrentWidget(page.follow_ups_tree)  # (a tab is filled when shown)
        follow_up = _plain(page.follow_ups_tree.topLevelItem(0).text(1))
        zone = _plain(page.zone_value.text())
    # THEN the timeline, the follow-ups and "there now" are on the 12-hour clock, month first
    assert timeline == "Fri, Nov 20, 2026, 3:30 PM · 3 days ago"
    assert follow_up == "Mon, Nov 23, 2026, 2:00 PM"
    assert zone.endswith("9:30 AM there now")


def test_insights_write_the_period_as_the_locale_does(qtbot, store: Store, db_path, clock) -> None:  # type: ignore[no-untyped-def]
    from ui.insights.view import InsightsView

    # GIVEN a US locale WHEN Insights shows this quarter
    with use_locale("en_US"):
        view = InsightsView(db_path, clock)
        qtbot.addWidget(view)
        view.show()
        with qtbot.waitSignal(view.insights_ready, timeout=10_000):
            view.set_period("This quarter")
        summary = _plain(view.summary.text())
        weeks = view.weekly_chart.categories
        view.wait()
    # THEN the span is month first on the 12-hour clock, and the weeks are "Sep 28"
    assert summary == "This quarter: Thu, Oct 1 to Mon, Nov 23, 2026, 9:30 AM"
    assert weeks[0] == "Sep 28"

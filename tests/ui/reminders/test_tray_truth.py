"""The tray count tells the truth (issue 13): it is what is due, whatever
quiet hours or Dismiss did to the reminders; and "came due while Followup was
closed" is said only of what did."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from followup import demo
from followup.clock import FixedClock
from followup.domain import Contact
from followup.planning.model import FollowUp, Source
from followup.store import Store
from ui.reminders.notifier import Notifier
from ui.reminders.service import ReminderService
from ui.reminders.tray import SystemTray


class RecordingNotifier(Notifier):
    def __init__(self) -> None:
        super().__init__(None, None, use_plyer=False)
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> None:
        self.shown.append((title, message))


def add_due(store: Store, title: str, minutes_ago: int = 5) -> int:
    contact = store.contacts.add(Contact(name=f"{title} Person", tz="Europe/Lisbon"))
    due = store.clock.now() - timedelta(minutes=minutes_ago)
    return store.follow_ups.add(FollowUp(contact_id=contact, title=title, source=Source.MANUAL, due=due, tz="UTC"))


@pytest.fixture
def tray_service(qtbot, store: Store, clock: FixedClock) -> Iterator[tuple[ReminderService, SystemTray]]:  # type: ignore[no-untyped-def]
    tray = SystemTray()
    service = ReminderService(store, clock, RecordingNotifier(), tray=tray)
    qtbot.addWidget(service.window)
    yield service, tray
    service.stop()


def test_during_quiet_hours_the_tray_counts_what_is_due(
    tray_service: tuple[ReminderService, SystemTray], store: Store, clock: FixedClock
) -> None:
    # GIVEN it is Monday 22:00 in Lisbon, inside quiet hours (20:00-08:00), and two things are due
    service, tray = tray_service
    clock.set(datetime(2026, 11, 23, 22, 0, tzinfo=UTC))
    add_due(store, "Send the quote")
    add_due(store, "Call back")
    # WHEN the reminder tick runs
    service.tick()
    # THEN nothing is notified (quiet), but the tray says two are due
    assert service.notifier.shown == []  # type: ignore[attr-defined]
    assert tray.count == 2
    assert tray.toolTip() == "Followup: 2 follow-ups due"


def test_after_dismiss_the_tray_still_counts_what_is_due_and_the_window_says_so(
    tray_service: tuple[ReminderService, SystemTray], store: Store, clock: FixedClock
) -> None:
    # GIVEN two reminders delivered (no quiet hours now: Monday 09:30 in Lisbon)
    service, tray = tray_service
    add_due(store, "Send the quote")
    add_due(store, "Call back")
    service.tick()
    assert tray.count == 2
    # WHEN the user dismisses them all in the reminders window
    service.window.dismiss_all_button.click()
    # THEN the window is empty, but the tray still counts two due, and nobody says "Well done"
    assert service.window.reminders() == []
    assert tray.count == 2 and tray.toolTip() == "Followup: 2 follow-ups due"
    assert "Well done" not in service.window.heading.text()
    assert service.window.heading.text() == "No reminders waiting · 2 follow-ups due in Today"


def test_nothing_due_is_well_done(tray_service: tuple[ReminderService, SystemTray]) -> None:
    # GIVEN nothing due WHEN the tick runs THEN the tray and the window say nothing is due
    service, tray = tray_service
    service.tick()
    assert tray.count == 0 and tray.toolTip() == "Followup: nothing due"
    assert service.window.heading.text() == "Nothing due. Well done."


def test_demo_data_loaded_while_open_is_not_said_to_have_come_due_while_closed(
    tray_service: tuple[ReminderService, SystemTray], store: Store, clock: FixedClock
) -> None:
    # GIVEN Followup has been open a minute
    service, _tray = tray_service
    service.tick()
    clock.advance(timedelta(minutes=1))
    # WHEN demo data is loaded (with many follow-ups due in the past) and the tick runs
    demo.generate(store, contacts=20, seed=1)
    service.tick()
    # THEN the notification says they are due, not that they came due while Followup was closed
    titles = [title for title, _body in service.notifier.shown]  # type: ignore[attr-defined]
    assert titles, "something was notified"
    assert not any("while Followup was closed" in t for t in titles)


def test_a_meeting_is_announced_before_it_starts_and_listed_as_upcoming(
    tray_service: tuple[ReminderService, SystemTray], store: Store, clock: FixedClock
) -> None:
    from followup.engine import plans
    from followup.planning.model import Engagement

    # GIVEN a meeting with Ana at 11:00 today (it is 09:30 in Lisbon)
    service, _tray = tray_service
    ana = store.contacts.add(Contact(name="Ana Lima", tz="Europe/Lisbon"))
    start = datetime(2026, 11, 23, 11, tzinfo=UTC)
    e = Engagement("Quarterly review", [ana], start=start, end=start + timedelta(hours=1), tz="Europe/Lisbon")
    eid = plans.create(store, e, None).engagement_id
    # WHEN the tick runs now THEN it is listed as upcoming today, not yet announced
    service.tick()
    assert service.window.upcoming.topLevelItem(0).text(0) == "Quarterly review with Ana Lima at 11:00"
    assert service.notifier.shown == []  # type: ignore[attr-defined]
    # AND at 10:45 it is announced, once
    clock.set(datetime(2026, 11, 23, 10, 45, tzinfo=UTC))
    service.tick()
    service.tick()
    assert service.notifier.shown == [("Quarterly review with Ana Lima at 11:00", "in 15 min")]  # type: ignore[attr-defined]
    # AND "Remind me 5 min before" announces it again at 10:55
    service.window.meeting_snooze.click()
    clock.set(datetime(2026, 11, 23, 10, 55, tzinfo=UTC))
    service.tick()
    assert len(service.notifier.shown) == 2  # type: ignore[attr-defined]
    assert eid

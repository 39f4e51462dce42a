"""Live calendars in the window (pytest-qt, real widgets): Today's "New
meetings" (plan, plan with another playbook, not this one), and Settings >
Calendars against a real Radicale with the password in a real keyring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from caldav_servers import Server, at, vevent
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QVBoxLayout, QWidget

from followup.caldav import accounts as acc
from followup.caldav import proposals as props
from followup.caldav.incoming import Counts, process
from followup.calendar.reading import CalendarEvent, Person
from followup.changes import Changes
from followup.clock import FixedClock
from followup.domain import Contact, Kind, LabelledValue
from followup.preferences import Preferences
from followup.store import Store
from ui.calendar.accounts_page import AddAccountDialog, CalendarAccountsPage
from ui.calendar.live_sync import LiveSync
from ui.ops.changes import ChangesHub
from ui.today.new_meetings import NewMeetingsPanel

MARIA = "maria@client.test"


@pytest.fixture
def maria(store: Store) -> int:
    return store.contacts.add(Contact(name="Maria Costa", kind=Kind.CLIENT, emails=[LabelledValue(MARIA)]))


def propose(store: Store, uid: str, title: str, start: datetime) -> None:
    """A meeting as a sync reads it from a calendar."""
    event = CalendarEvent(
        uid=uid, title=title, start=start, end=start + timedelta(hours=1), organizer=Person("me@example.test"),
        attendees=[Person(MARIA, "Maria Costa")],
    )  # fmt: skip
    account = next(iter(acc.accounts(store)), None)
    account_id = account.id if account else acc.add_account(
        store, acc.SUBSCRIPTION, "https://calendar.example.test/feed.ics", "", publish=False, now=store.clock.now()
    )  # fmt: skip
    prefs = Preferences.load(store)
    process(store, event, calendar_id=None, account_id=account_id, me={"me@example.test"}, prefs=prefs, counts=Counts())


def test_new_meetings_are_offered_and_planned_with_one_key(qtbot, store: Store, maria: int, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two proposed meetings
    propose(store, "m-1", "Kick-off", at(clock, 2))
    propose(store, "m-2", "Review", at(clock, 3))
    hub = ChangesHub(store.conn)
    panel = NewMeetingsPanel(store, hub)
    qtbot.addWidget(panel)
    panel.show()
    # THEN Today shows them, with the plan of the first before anything is saved
    assert not panel.isHidden()
    assert panel.title.text() == "New meetings from your calendar (2)"
    assert panel.list.topLevelItem(0).text(1) == "Kick-off" and panel.list.topLevelItem(0).text(2) == "Maria Costa"
    assert panel.preview.text().startswith("Its plan (")
    # WHEN the user presses P on the first
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel)
    panel.list.setFocus()
    with qtbot.waitSignal(panel.planned) as planned:
        qtbot.keyClick(panel.list, Qt.Key.Key_P)
    # THEN it is planned, and the list holds only the other
    engagement = store.engagements.get(planned.args[0])
    assert engagement.title == "Kick-off" and store.follow_ups.for_engagement(engagement.id)
    assert panel.list.topLevelItemCount() == 1
    # WHEN the user says "Not this one" to the other, THEN the panel goes away
    panel.dismiss_button.click()
    assert panel.isHidden()
    assert props.open_proposals(store) == []


def test_plan_with_another_playbook(qtbot, store: Store, maria: int, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    propose(store, "m-3", "Delivery day", at(clock, 4))
    panel = NewMeetingsPanel(store, ChangesHub(store.conn))
    qtbot.addWidget(panel)
    names = [a.text() for a in panel.other_menu.actions()]
    chosen = next(n for n in names if "Delivery" in n or "delivery" in n)
    with qtbot.waitSignal(panel.planned) as planned:
        next(a for a in panel.other_menu.actions() if a.text() == chosen).trigger()
    engagement = store.engagements.get(planned.args[0])
    assert store.playbooks.get(engagement.playbook_id).name == chosen  # type: ignore[arg-type]


def test_with_nothing_to_decide_the_panel_is_hidden(qtbot, store: Store, maria: int, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the panel in a page, with nothing proposed
    page = QWidget()
    QVBoxLayout(page)
    hub = ChangesHub(store.conn)
    panel = NewMeetingsPanel(store, hub)
    page.layout().addWidget(panel)
    qtbot.addWidget(page)
    page.show()
    assert not panel.isVisible()
    # WHEN a sync proposes a meeting and says so, THEN it appears
    propose(store, "m-9", "Lunch", at(clock, 1))
    hub.publish(Changes(engagements=True))
    assert panel.isVisible() and panel.list.topLevelItemCount() == 1


@pytest.mark.usefixtures("real_keyring")
def test_settings_calendars_connects_reads_and_syncs(
    qtbot, store: Store, maria: int, clock: FixedClock, radicale: Server
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a calendar on the server with last week's meeting with Maria
    cal = radicale.client().principal().make_calendar(name="Work")
    cal.add_event(vevent("w-1", "Workshop", at(clock, -4), people=[MARIA], organizer="me@example.test"))
    radicale.client().principal().make_calendar(name="Holidays")
    hub = ChangesHub(store.conn)
    sync = LiveSync(store.path, clock, store, hub)
    page = CalendarAccountsPage(store, hub, sync)
    qtbot.addWidget(page)
    page.show()
    assert page.empty.isVisible() and not page.tree.isVisible()

    # WHEN the user adds the account through the dialog
    def fill(dialog: AddAccountDialog) -> None:
        dialog.url.setText(radicale.url)
        dialog.user.setText(radicale.user)
        dialog.password.setText(radicale.password)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)

    filled: list[bool] = []

    tries = [1000]  # (20 s: never looking on into the next test)

    def when_open() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AddAccountDialog):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(20, when_open)
            return
        fill(dialog)
        filled.append(True)

    QTimer.singleShot(0, when_open)
    with qtbot.waitSignal(sync.synced, timeout=60_000) as synced:
        page.add_account()
    assert filled == [True]
    # THEN both calendars are listed and read, and the sync logged the workshop
    top = page.tree.topLevelItem(0)
    assert sorted(top.child(i).text(0) for i in range(top.childCount())) == ["Holidays", "Work"]
    assert synced.args[0].met_logged == 1
    assert [tp.summary for tp in store.touch_points.for_contact(maria)] == ["Met: Workshop"]
    assert page.tree.topLevelItem(0).text(1) == "ok"
    # WHEN the user stops reading "Holidays"
    holidays = next(top.child(i) for i in range(top.childCount()) if top.child(i).text(0) == "Holidays")
    holidays.setCheckState(0, Qt.CheckState.Unchecked)
    # THEN it is no longer read
    (account,) = acc.accounts(store)
    assert {c.name: c.read for c in acc.calendars(store, account.id)} == {"Holidays": False, "Work": True}


@pytest.mark.usefixtures("real_keyring")
def test_a_wrong_password_is_said_in_the_dialog_and_nothing_is_saved(qtbot, store: Store, radicale: Server) -> None:  # type: ignore[no-untyped-def]
    dialog = AddAccountDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.url.setText(radicale.url)
    dialog.user.setText(radicale.user)
    dialog.password.setText("wrong")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "refused the user name or password" in dialog.error.text(), timeout=20_000)
    assert dialog.isVisible() and dialog.account is None
    assert acc.accounts(store) == []
    _ = UTC


def test_the_kinds_to_plan_without_asking_are_chosen_in_calendars(qtbot, store: Store, clock: FixedClock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Settings > Calendars
    page = CalendarAccountsPage(store, ChangesHub(store.conn), None)
    qtbot.addWidget(page)
    # WHEN clients are ticked
    page.autoplan["client"].setChecked(True)
    # THEN a new meeting with a client is planned without asking
    store.contacts.add(Contact(name="Maria Costa", kind=Kind.CLIENT, emails=[LabelledValue(MARIA)]))
    propose(store, "auto-ui", "Kick-off", at(clock, 2))
    assert props.open_proposals(store) == []
    assert store.engagements.by_uid("auto-ui") is not None

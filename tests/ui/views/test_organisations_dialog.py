"""Organisations as something to see: click the organisation on a contact's
page (or View > Organisations) to see everyone there, the last touch point
with each, and a warning when all recent contact went through one person."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.store import Store
from tests.ui.conftest import _make_window
from ui.contacts.organisation_dialog import OrganisationDialog
from ui.shell.window import MainWindow

SHOTS = Path(os.environ.get("FOLLOWUP_TEST_SHOTS", "/tmp/followup-shots"))
DAY = timedelta(days=1)


@pytest.fixture
def acme(store: Store, clock: FixedClock) -> dict[str, int]:
    ids = {
        "emma": store.contacts.add(
            Contact(name="Emma Taylor", organisation="Acme Corporation", title="Head of Buying")
        ),
        "raj": store.contacts.add(Contact(name="Raj Patel", organisation="ACME corporation", title="CFO")),
        "lea": store.contacts.add(Contact(name="Léa Martin-Dubois de la Fontaine", organisation="Acme Corporation")),
        "ana": store.contacts.add(Contact(name="Ana Lima", organisation="Globex")),
    }
    for who, days, summary in (("emma", 2, "Renewal terms"), ("emma", 30, "Quarterly review"), ("raj", 150, "Budget")):
        store.touch_points.add(
            TouchPoint(ids[who], clock.now() - days * DAY, Channel.PHONE, Direction.OUT, summary, tz="Europe/Lisbon")
        )
    return ids


@pytest.fixture
def acme_window(qtbot, store: Store, clock: FixedClock, tmp_path: Path, acme: dict[str, int]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = _make_window(qtbot, store, clock, tmp_path)
    w.resize(1280, 800)
    yield w
    w.tasks.wait(10_000)


def _dialog(window: MainWindow) -> OrganisationDialog:
    [dialog] = [d for d in window.findChildren(OrganisationDialog) if d.isVisible()]
    return dialog


def test_clicking_the_organisation_shows_everyone_there(qtbot, acme_window: MainWindow, acme: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Emma's page, whose header names her organisation as a link
    window = acme_window
    window.open_contact(acme["emma"])
    label = window.contact_page.role_label
    assert "<a href=" in label.text() and "Acme Corporation" in label.text()
    # WHEN the user clicks it
    label.linkActivated.emit("organisation")
    dialog = _dialog(window)
    qtbot.waitExposed(dialog)
    # THEN everyone at Acme (whatever the spelling) is listed, the most recently touched first, with the last touch point
    assert dialog.title.text() == "Acme Corporation"
    rows = [dialog.people.topLevelItem(i) for i in range(dialog.people.topLevelItemCount())]
    assert [r.text(0) for r in rows] == [
        "Emma Taylor · Head of Buying",
        "Raj Patel · CFO",
        "Léa Martin-Dubois de la Fontaine",
    ]
    assert rows[0].text(1) == "Renewal terms · Phone call"
    assert rows[0].text(2) == "2 days ago"
    assert rows[2].text(1) == "No touch point yet"
    # AND a warning: all contact in the last 90 days went through Emma
    assert dialog.warning.isVisible()
    assert "went through Emma Taylor" in dialog.warning.text()
    assert "other 2 people" in dialog.warning.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "organisation.png"))
    # WHEN they choose Raj and press Enter THEN Raj's page is shown
    dialog.people.setFocus()
    qtbot.keyClick(dialog.people, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.people, Qt.Key.Key_Return)
    contact = window.contact_page.contact
    assert contact is not None and contact.id == acme["raj"]


def test_view_organisations_lists_them_all_and_finds_one(qtbot, acme_window: MainWindow, acme: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window WHEN the user opens View > Organisations
    window = acme_window
    window.registry.organisations.trigger()
    dialog = _dialog(window)
    qtbot.waitExposed(dialog)
    # THEN every organisation is listed with its number of people, the first shown
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Acme Corporation  (3)", "Globex  (1)"]
    assert dialog.title.text() == "Acme Corporation"
    # WHEN they type part of a name THEN only the matches stay
    qtbot.keyClicks(dialog.filter, "glo")
    assert [dialog.list.item(i).isHidden() for i in range(dialog.list.count())] == [True, False]
    # WHEN they choose Globex THEN nobody else was ever touched there: no warning
    dialog.list.setCurrentRow(1)
    assert dialog.title.text() == "Globex"
    assert not dialog.warning.isVisible()
    assert dialog.people.topLevelItem(0).text(1) == "No touch point yet"
    # WHEN they ask to log a touch point with Ana (the window's log dialog left out: it is modal)
    asked: list[int] = []
    dialog.log_requested.disconnect()
    dialog.log_requested.connect(asked.append)
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    # THEN it is asked for Ana
    assert asked == [acme["ana"]]

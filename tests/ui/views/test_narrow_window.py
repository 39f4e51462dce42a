"""The window fits the screen, and can be made narrow enough to tile beside
another on a 1366-pixel laptop (~680 px): lists drop their less important
columns, the contacts list and the contact page stack."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication

from followup.clock import FixedClock
from followup.store import Store
from ui.contacts.model import KIND, LAST_TOUCHED, NAME, ORGANISATION
from ui.shell.window import MainWindow
from ui.today.model import CHANNEL, PHASE, WHAT, WHEN
from ui.widgets.responsive import fit_on_screen

SHOTS = Path(os.environ.get("FOLLOWUP_TEST_SHOTS", "/tmp/followup-shots"))
WANTED = QSize(1280, 800)


@pytest.mark.parametrize(
    ("available", "expected"),
    [
        # a 1366 x 768 laptop with a 28-pixel panel at 100%
        (QRect(0, 28, 1366, 740), QRect(43, 52, 1280, 692)),
        # a 1920 x 1080 screen at 200%: 960 x 540 logical pixels, less a panel
        (QRect(0, 0, 960, 512), QRect(8, 24, 944, 464)),
        # a second 4K screen at 100%, to the right of the first: the wanted size, centred on it
        (QRect(1920, 0, 3840, 2160), QRect(1920 + 1280, 680, 1280, 800)),
    ],
)
def test_the_first_size_is_clamped_to_the_available_area(available: QRect, expected: QRect) -> None:
    # GIVEN a screen's available area WHEN the window's first geometry is chosen
    rect = fit_on_screen(WANTED, available)
    # THEN it lies inside that area, as large as wanted or as fits, centred
    assert rect == expected
    assert available.contains(rect)


def test_the_window_opens_inside_its_screen(qtbot, store: Store, clock: FixedClock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the offscreen screen (800 x 800 logical pixels) WHEN the window is built
    window = MainWindow(store, clock, tmp_path)
    qtbot.addWidget(window)
    # THEN its first size fits the available area, not the 1280 x 800 it would like
    available = window.screen().availableGeometry()
    assert available.contains(window.geometry())
    assert window.width() < WANTED.width()


def test_a_narrow_window_stacks_and_drops_columns(qtbot, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window over the demo data, wide, with a contact shown
    window = demo_window
    window.resize(1280, 800)
    window.contacts_panel.select_first()
    qtbot.waitUntil(lambda: window.contact_page.contact is not None)
    qtbot.waitUntil(lambda: window.splitter.orientation() == Qt.Orientation.Horizontal)
    table = window.contacts_panel.table
    assert not any(table.isColumnHidden(c) for c in (ORGANISATION, KIND, LAST_TOUCHED))
    # WHEN the user makes it 680 pixels wide (half a 1366-pixel laptop screen)
    window.resize(680, 720)
    QApplication.processEvents()
    # THEN it gets that narrow
    assert window.width() == 680
    # AND the list and the page stack, one above the other
    qtbot.waitUntil(lambda: window.splitter.orientation() == Qt.Orientation.Vertical)
    # AND the list, now the whole width, keeps every column
    assert not any(table.isColumnHidden(c) for c in (ORGANISATION, KIND, LAST_TOUCHED))
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "narrow-contacts.png"))
    # WHEN they look at Today
    window.registry.go_today.trigger()
    QApplication.processEvents()
    tree = window.today_view.tree
    # THEN the phase and channel columns are gone (then "Who", which "What" mostly names), "What" and "When" stay
    qtbot.waitUntil(lambda: tree.isColumnHidden(PHASE))
    assert tree.isColumnHidden(CHANNEL)
    assert not tree.isColumnHidden(WHEN) and tree.columnWidth(WHAT) >= 220
    window.grab().save(str(SHOTS / "narrow-today.png"))
    # WHEN the window is made wide again THEN everything comes back side by side
    window.resize(1280, 800)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not tree.isColumnHidden(PHASE))
    assert not tree.isColumnHidden(CHANNEL)
    window.registry.go_contacts.trigger()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: window.splitter.orientation() == Qt.Orientation.Horizontal)
    assert not window.narrow.page.stacked
    assert not table.isColumnHidden(KIND)


def test_a_narrow_contacts_list_drops_the_kind_then_the_organisation(qtbot, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window wide, the list and the page side by side (the page built, as it is once the user pauses)
    window = demo_window
    _ = window.contact_page
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.splitter.orientation() == Qt.Orientation.Horizontal)
    table = window.contacts_panel.table
    # WHEN the user drags the splitter to make the list as narrow as it goes
    window.splitter.setSizes([300, 980])
    QApplication.processEvents()
    # THEN the kind and then the organisation columns collapse; the name stays readable, last touched stays
    qtbot.waitUntil(lambda: table.isColumnHidden(KIND))
    assert table.isColumnHidden(ORGANISATION)
    assert not table.isColumnHidden(LAST_TOUCHED)
    assert table.columnWidth(NAME) >= 160
    assert not window.narrow.page.stacked
    # WHEN they widen it, leaving the page under 600 pixels
    window.contacts_panel.select_first()
    window.splitter.setSizes([720, 560])
    QApplication.processEvents()
    # THEN the columns come back, and the page's details and "their space" stack
    qtbot.waitUntil(lambda: not table.isColumnHidden(KIND))
    assert not table.isColumnHidden(ORGANISATION)
    qtbot.waitUntil(lambda: window.narrow.page.stacked)
    window.grab().save(str(SHOTS / "narrow-page.png"))


def test_a_narrow_today_drops_a_column_more_when_a_wider_when_arrives(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from followup.changes import Changes
    from followup.domain import Contact, Kind
    from followup.planning.model import FollowUp, Source
    from ui.today.model import WHO

    # GIVEN Today in a narrow window, one follow-up overdue: only "Phase" dropped
    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon"))
    due = store.clock.now() - timedelta(hours=3)
    store.follow_ups.add(FollowUp(ana, "Send the quote", Source.MANUAL, due=due, tz="Europe/Lisbon"))  # type: ignore[arg-type]
    window.reload_contacts()
    window.resize(680, 720)
    window.registry.go_today.trigger()
    tree = window.today_view.tree
    qtbot.waitUntil(lambda: window.today_model.count() == 1 and tree.isColumnHidden(PHASE))
    assert not any(tree.isColumnHidden(c) for c in (CHANNEL, WHO, WHEN))
    # WHEN a call with Bo in New York this week arrives: the When column widens for his clock
    bo = store.contacts.add(Contact(name="Bo Chen", kind=Kind.CLIENT, tz="America/New_York"))
    at = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
    store.follow_ups.add(FollowUp(bo, "Call Bo", Source.MANUAL, due=at, tz="America/New_York", channel="phone"))  # type: ignore[arg-type]
    window.hub.publish(Changes.for_contact(bo, follow_ups=True))
    qtbot.waitUntil(lambda: window.today_model.count() == 2)
    # THEN "Channel" goes too, so that "What" keeps its room, and "When" shows both clocks whole
    qtbot.waitUntil(lambda: tree.isColumnHidden(CHANNEL))
    assert not tree.isColumnHidden(WHO) and not tree.isColumnHidden(WHEN) and tree.columnWidth(WHEN) > 130
    assert tree.columnWidth(WHAT) >= 220

"""Full-text search over the notes, from the window."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from window_pages import shown_id

from followup.clock import FixedClock
from followup.domain import Channel, Direction, Kind, TouchPoint
from followup.store import Store
from ui.contacts.notes_search import NotesSearchDialog
from ui.shell.window import MainWindow


def test_notes_search_finds_a_note_and_opens_its_contact(
    qtbot, demo_window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    # GIVEN a supplier with a note about quokkas, and the list showing only clients
    cid = next(r.id for r in demo_store.contacts.rows() if r.kind == Kind.SUPPLIER)
    demo_store.touch_points.add(
        TouchPoint(
            contact_id=cid,
            at=clock.now() - timedelta(hours=1),
            channel=Channel.PHONE,
            direction=Direction.IN,
            summary="Shipping question",
            notes="Asked about the quokka shipment.",
            tz="Europe/Lisbon",
        )
    )
    combo = demo_window.contacts_panel.kind_filter
    combo.setCurrentIndex(combo.findText("Clients"))
    assert demo_window.contacts_model.row_of(cid) == -1
    # WHEN the user opens Search notes and types the word
    demo_window.registry.search_notes.trigger()
    [dialog] = demo_window.findChildren(NotesSearchDialog)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.query, "Quokka")
    # THEN that touch point is found (as the search runs shortly after typing)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.hit(0).contact_id == cid
    assert dialog.status.text() == "1 touch point. Enter opens the selected one."
    assert dialog.results.currentIndex().row() == 0
    # WHEN they press Enter in the search box
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    # THEN the window lifts the filter hiding that contact, selects them and shows their page
    assert combo.currentIndex() == 0
    assert demo_window.contacts_panel.current_contact_id() == cid
    assert shown_id(demo_window) == cid
    timeline = demo_window.contact_page.timeline_model
    assert timeline.item(0).summary == "Shipping question"


def test_notes_search_says_when_nothing_matches(qtbot, demo_window: MainWindow) -> None:
    # GIVEN the notes search dialog
    demo_window.registry.search_notes.trigger()
    [dialog] = demo_window.findChildren(NotesSearchDialog)
    # WHEN the user types a word no note contains, and presses Enter
    qtbot.keyClicks(dialog.query, "xyzzyplugh")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    # THEN there are no results and the status says so
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "No touch point mentions that."

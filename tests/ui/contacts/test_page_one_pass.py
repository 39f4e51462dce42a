"""Opening a contact lays their page out before it is painted, once (issue 16).

The page's layouts used to be settled over several turns of the event loop,
each ending in a paint of the whole page: the page's own layout first (asking
its details for their height before the details' own layout had taken in the
new text), then the details, then the page again when the details' scroll bar
came or went; the timeline laid its cards out while painting and asked for a
second paint. At 100,000 contacts that was two or three paints per contact
opened. Now the page is laid out to the end when it is filled, and the
timeline measures only the cards it shows before the first paint."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, LabelledValue, TouchPoint
from followup.store import Store
from ui.shell.window import MainWindow


def _geometries(page: QWidget) -> dict[str, QRect]:
    """Where every widget of the page is, by its path among the page's children."""
    found: dict[str, QRect] = {}

    def walk(widget: QWidget, path: str) -> None:
        for i, child in enumerate(widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)):
            name = f"{path}/{i}:{type(child).__name__}"
            found[name] = child.geometry()
            walk(child, name)

    walk(page, "")
    return found


def _two_contacts(store: Store, clock: FixedClock) -> tuple[int, int]:
    """One with little to show, one with three emails, three phones and many tags."""
    small = store.contacts.add(Contact(name="Bo Li", tz="UTC"))
    big = store.contacts.add(
        Contact(
            name="Ana Lima, Head of Procurement and Strategic Sourcing",
            organisation="Acme Heavy Industries",
            title="Head of Procurement",
            tz="Europe/Lisbon",
            emails=[LabelledValue(f"ana.lima.{i}@acme-heavy-industries.example", "work") for i in range(3)],
            phones=[LabelledValue(f"+351 21 000 00{i}", "mobile") for i in range(3)],
            tags=[f"tag number {i}" for i in range(12)],
            notes="Busy with the quarter-end close. " * 12,
        )
    )
    for i in range(5):
        store.touch_points.add(
            TouchPoint(
                big, clock.now() - timedelta(days=i + 1), Channel.EMAIL, Direction.OUT, f"Note {i}", notes="x " * 90
            )
        )
    return small, big


def test_opening_a_contact_lays_the_page_out_before_it_paints(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
):
    # GIVEN the page showing a contact with little to show
    small, big = _two_contacts(store, clock)
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 2)
    window.open_contact(small)
    qtbot.wait(50)
    page = window.contact_page
    assert page.contact is not None and page.contact.id == small

    # WHEN one with much more to show is opened (nothing else runs in between)
    window.open_contact(big)
    at_once = _geometries(page)
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)  # what the event loop would do next
    qtbot.wait(50)

    # THEN the page was already where it stays: nothing moved after the contact was shown
    after = _geometries(page)
    moved = {name: (at_once[name], after[name]) for name in after if at_once.get(name) != after[name]}
    assert not moved


class _Measured(QObject):
    """Counts how many cards the timeline's delegate has measured."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        delegate = window.contact_page.timeline_delegate
        self.rows: set[int] = set()
        original = delegate.sizeHint

        def size_hint(option, index):  # type: ignore[no-untyped-def]
            self.rows.add(index.row())
            return original(option, index)

        delegate.sizeHint = size_hint  # type: ignore[method-assign]


def test_the_timeline_measures_the_cards_it_shows_first_and_the_rest_after(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
):
    # GIVEN a contact with 120 touch points, each with a note
    cid = store.contacts.add(Contact(name="Ana Lima", tz="UTC"))
    for i in range(120):
        store.touch_points.add(
            TouchPoint(
                cid, clock.now() - timedelta(hours=i + 1), Channel.PHONE, Direction.OUT, f"Call {i}", notes="y " * 60
            )
        )
    other = store.contacts.add(Contact(name="Bo Li", tz="UTC"))
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 2)
    window.open_contact(other)
    qtbot.wait(50)
    timeline = window.contact_page.timeline
    fits = timeline.viewport().height() // 40 + 4  # (a card is never under 40 px)
    measured = _Measured(window)

    # WHEN they are opened, and their page is painted
    window.open_contact(cid)
    window.contact_page.grab()
    measured_first = set(measured.rows)

    # THEN the first paint measured about the cards in view, not 40 of them
    assert 0 in measured_first
    assert len(measured_first) <= fits < 40
    # ... and the rest are measured soon after, the last card reachable by scrolling
    qtbot.waitUntil(lambda: len(measured.rows) == 120)
    timeline.scrollToBottom()
    last = timeline.model().index(119, 0)
    qtbot.waitUntil(lambda: timeline.viewport().rect().intersects(timeline.visualRect(last)))


def _showing_the_small_one(qtbot, window: MainWindow, store: Store, clock: FixedClock) -> int:  # type: ignore[no-untyped-def]
    """The two contacts made, the page showing the one with little to show; the other's id."""
    small, big = _two_contacts(store, clock)
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    qtbot.waitUntil(lambda: window.contacts_model.rowCount() == 2)
    window.open_contact(small)
    return big


def test_the_details_height_follows_their_text_at_once(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock
):
    # GIVEN the page showing a contact, the details' height at their width asked once (and kept)
    _big = _showing_the_small_one(qtbot, window, store, clock)
    page = window.contact_page
    area = page.details_area
    width = area.width()
    before = area.heightForWidth(width)
    # WHEN a value among them grows to several lines
    page.tags_value.setText(", ".join(f"a rather long tag {i}" for i in range(40)))
    # THEN the height asked again at the same width is the new one, at once
    assert area.heightForWidth(width) > before


def test_opening_a_contact_measures_the_details_only_at_the_widths_they_are_shown_at(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, clock: FixedClock, monkeypatch
):
    # GIVEN the page showing a contact with little to show
    big = _showing_the_small_one(qtbot, window, store, clock)
    page = window.contact_page
    area = page.details_area
    box = area.widget().layout()
    asked: list[int] = []
    measured = box.heightForWidth

    def heights(width: int) -> int:
        asked.append(width)
        return measured(width)

    monkeypatch.setattr(box, "heightForWidth", heights)
    # WHEN the one with emails, phones, tags and a long "their space" is opened, and painted
    window.open_contact(big)
    page.grab()
    # THEN their details were measured at the widths they can be shown at (with and without
    # their scroll bar), never at the widths of size hints they are not shown at (issue 16:
    # 400 px, the page's hint and the details' own, each laid every wrapped label out anew)
    shown = {area.width(), area.width() - area.verticalScrollBar().sizeHint().width()}
    assert asked
    assert set(asked) <= shown, (set(asked), shown)

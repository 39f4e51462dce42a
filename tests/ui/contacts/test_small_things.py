"""Small things seen in use (issue 15): counts written right, a new contact is
not an alarm, a legend for the colours, quotes shown as quotes, a long note
opened in place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.store import Store
from ui.contacts.model import LAST_TOUCHED
from ui.shell.window import MainWindow
from ui.style import theme


def _add(store: Store, name: str = "Maria Silva", **kw: object) -> int:
    return store.contacts.add(Contact(name=name, kind=Kind.CLIENT, tz="Europe/Lisbon", **kw))  # type: ignore[arg-type]


def _label_shows(label: QLabel) -> str:
    return _shown(label.text(), rich=label.textFormat() == Qt.TextFormat.RichText)


def _shown(text: str, rich: bool = False) -> str:
    """What a label or tooltip shows: rich text rendered, plain text as is."""
    if rich or text.lstrip().startswith("<"):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def test_one_contact_is_one_contact(window: MainWindow, store: Store) -> None:
    # GIVEN one contact WHEN the list is shown THEN its count is singular
    _add(store)
    window.reload_contacts()
    assert window.contacts_panel.count_label.text() == "1 contact"
    # AND filtered, "1 of 2 contacts"
    _add(store, "Bo Chen")
    window.reload_contacts()
    window.contacts_panel.search.setText("maria")
    assert window.contacts_panel.count_label.text() == "1 of 2 contacts"


def test_deleting_a_contact_with_no_touch_points_does_not_count_zero(modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Maria, never touched, on her page
    cid = _add(store)
    window.reload_contacts()
    window.open_contact(cid)
    asked: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())

    # WHEN Delete is chosen THEN the question names no "0 touch points"
    run = modal(read, QMessageBox)
    window.registry.delete_contact.trigger()
    run.check()
    assert asked == ["Delete Maria Silva?"]


def test_a_contact_added_now_is_new_not_an_alarm(window: MainWindow, store: Store) -> None:
    # GIVEN Maria added a moment ago, and Bo added 200 days ago, neither ever touched
    maria = _add(store)
    bo = _add(store, "Bo Chen")
    old = (store.clock.now() - timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")
    store.conn.execute("UPDATE contacts SET created_at = ? WHERE id = ?", (old, bo))
    window.reload_contacts()
    model = window.contacts_model
    # WHEN the list and the pages are shown
    cells = {
        model.index(r, 0).data(): (
            model.index(r, LAST_TOUCHED).data(),
            model.index(r, LAST_TOUCHED).data(Qt.ItemDataRole.ForegroundRole),
        )
        for r in range(model.rowCount())
    }
    # THEN Maria is "new" in the neutral colour, Bo "never" in red
    assert cells["Maria Silva"] == ("new", theme.muted())
    assert cells["Bo Chen"] == ("never", theme.freshness_colour(None))
    window.open_contact(maria)
    label = window.contact_page.last_touched_label
    assert label.text() == "New" and theme.muted().name() in label.styleSheet()
    window.open_contact(bo)
    assert label.text() == "Never touched" and theme.freshness_colour(None).name() in label.styleSheet()


def test_the_list_has_a_legend_for_its_colours(window: MainWindow) -> None:
    # GIVEN the contacts list WHEN it is shown THEN a legend says what each colour means
    legend = window.contacts_panel.findChild(QLabel, "freshnessLegend")
    assert legend is not None
    assert " ".join(_label_shows(legend).split()) == "● in rhythm ● drifting ● overdue ● new"
    for colour in (theme.freshness_colour(0), theme.freshness_colour(45), theme.freshness_colour(None), theme.muted()):
        assert colour.name() in legend.text()
    assert "The colours of Last touched" in legend.toolTip() and "past the limit" in legend.toolTip()


def test_quotes_in_a_right_to_left_organisation_are_shown_as_quotes(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact at an Arabic organisation whose name holds quotes, with a quoted title
    org = 'شركة "النور"'
    cid = _add(store, 'Omar "Al" Nour', organisation=org, title='"Head" of sales')
    window.reload_contacts()
    window.open_contact(cid)
    page = window.contact_page
    # THEN the page shows the quotes as quotes
    assert _label_shows(page.role_label) == f'"Head" of sales · {org}'
    assert "&quot;" not in _shown(page.role_label.toolTip())
    # AND the organisation's people list does too, in its tooltips
    window.show_organisations(org)
    dialog = next(
        w for w in QApplication.topLevelWidgets() if type(w).__name__ == "OrganisationDialog" and w.isVisible()
    )
    item = dialog.people.topLevelItem(0)
    assert _shown(item.toolTip(0)) == 'Omar "Al" Nour · Client'
    assert _label_shows(dialog.title) == org
    assert dialog.subtitle.text() == "1 person; 0 touch points in the last 90 days"
    dialog.close()


LONG_NOTE = "\n".join(f"Paragraph {i}: " + "the renewal and the budget and the migration plan " * 4 for i in range(8))


def test_a_long_note_opens_in_place_with_a_click_or_enter(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a touch point with a long note on Maria's page
    cid = _add(store)
    store.touch_points.add(
        TouchPoint(
            contact_id=cid,
            at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC),
            tz="Europe/Lisbon",
            channel=Channel.PHONE,
            direction=Direction.OUT,
            summary="Long call",
            notes=LONG_NOTE,
        )
    )
    window.reload_contacts()
    window.resize(1200, 800)
    window.open_contact(cid)
    qtbot.waitExposed(window)
    view = window.contact_page.timeline
    index = view.model().index(0, 0)
    qtbot.waitUntil(lambda: view.visualRect(index).height() > 0)
    collapsed = view.visualRect(index).height()
    # WHEN the card is clicked THEN it grows to the whole note
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: view.visualRect(index).height() > collapsed * 2)
    # AND Enter closes it again, without opening the editor
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.visualRect(index).height() == collapsed)
    assert QApplication.activeModalWidget() is None
    # AND Enter opens it once more
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.visualRect(index).height() > collapsed * 2)


def test_a_short_note_does_not_expand(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    cid = _add(store)
    store.touch_points.add(
        TouchPoint(
            contact_id=cid,
            at=datetime(2026, 11, 20, 15, 30, tzinfo=UTC),
            tz="Europe/Lisbon",
            channel=Channel.PHONE,
            direction=Direction.OUT,
            summary="Short call",
            notes="Fine.",
        )
    )
    window.reload_contacts()
    window.open_contact(cid)
    expander = window.contact_page.timeline_expander
    assert not expander.can_expand(window.contact_page.timeline.model().index(0, 0))
    assert isinstance(QModelIndex(), QModelIndex)


def _clipped(label: QLabel) -> bool:
    """Does ``label`` cut part of its rich text off (too narrow or too short for it)?"""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(label.font())
    doc.setHtml(label.text())
    room = label.contentsRect()
    if label.wordWrap():
        doc.setTextWidth(room.width())
    return doc.idealWidth() > room.width() + 1 or doc.size().height() > room.height() + 1


def test_the_legend_is_never_cut_however_long_the_count_or_narrow_the_list(qtbot, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the list, its legend beside a count as long as at 100,000 contacts
    window = demo_window
    panel = window.contacts_panel
    legend = panel.findChild(QLabel, "freshnessLegend")
    assert legend is not None
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    panel.count_label.setText("33,955 of 100,000 contacts")
    for list_width in (560, 480, 400, panel.minimumSizeHint().width()):
        # WHEN the list is that wide (the splitter dragged)
        window.splitter.setSizes([list_width, 1280 - list_width])
        QApplication.processEvents()
        QApplication.processEvents()
        # THEN every word of the legend is shown, on as many lines as it needs
        assert legend.isVisible()
        assert not _clipped(legend), (panel.width(), legend.size())

"""Every dialog answers Ctrl+Enter, Esc and Tab alike (issue 15), through the
one filter of ui/widgets/dialog_keys.py."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QLabel, QMessageBox, QWidget
from window_pages import CTRL

from followup.domain import Contact, Kind
from followup.store import Store
from ui.contacts.dialog import ContactDialog
from ui.contacts.touch_point_dialog import TouchPointDialog
from ui.shell.window import MainWindow


def _maria(store: Store) -> int:
    return store.contacts.add(Contact(name="Maria Silva", kind=Kind.CLIENT, tz="Europe/Lisbon"))


def _answer_discard_box(choice: QMessageBox.StandardButton, seen: list[str]) -> None:
    """When the "Discard changes?" box comes up, note its text and press ``choice``."""
    deadline = time.monotonic() + 5

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "discardChanges":
            seen.append(box.text())
            box.button(choice).click()
        elif time.monotonic() < deadline:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def _open(window: MainWindow, modal, kind: type[QWidget], handler: Callable[[QWidget], None], trigger) -> object:  # type: ignore[no-untyped-def]
    run = modal(handler, kind)
    trigger()
    return run.check(), run


def test_ctrl_enter_in_the_notes_logs_the_touch_point(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the Log dialog for Maria, a summary typed and the cursor in the notes
    cid = _maria(store)
    window.reload_contacts()
    window.open_contact(cid)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TouchPointDialog)
        qtbot.keyClicks(dialog.summary, "Call about the renewal")
        dialog.notes.setFocus()
        qtbot.keyClicks(dialog.notes, "She will sign")
        # WHEN Ctrl+Enter is pressed in the multi-line notes
        qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, CTRL)

    _dialog, run = _open(window, modal, TouchPointDialog, fill, window.registry.log_touch_point.trigger)
    # THEN the dialog saved and closed (no new line in the notes)
    assert not run.left_open
    (tp,) = store.touch_points.for_contact(cid)
    assert (tp.summary, tp.notes) == ("Call about the renewal", "She will sign")


def test_esc_on_a_changed_dialog_asks_before_discarding(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    outcome: dict[str, bool] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        qtbot.keyClicks(dialog.name, "Zoe Quokka")
        # WHEN Esc is pressed and the user keeps editing
        _answer_discard_box(QMessageBox.StandardButton.Cancel, seen)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
        outcome["open after keep editing"] = dialog.isVisible()
        # AND Esc again, and this time discards
        _answer_discard_box(QMessageBox.StandardButton.Discard, seen)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
        outcome["open after discard"] = dialog.isVisible()

    # GIVEN the New contact dialog with a name typed
    _open(window, modal, ContactDialog, fill, window.registry.new_contact.trigger)
    # THEN it asked twice, stayed open the first time, closed the second, and nothing was saved
    assert seen == ["You changed this and have not saved it. Discard your changes?"] * 2
    assert outcome == {"open after keep editing": True, "open after discard": False}
    assert store.contacts.rows(include_archived=True) == []


def test_the_close_button_on_a_changed_dialog_asks_before_discarding(
    qtbot, modal, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    outcome: dict[str, bool] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        qtbot.keyClicks(dialog.name, "Zoe Quokka")
        handle = dialog.windowHandle()
        assert handle is not None
        # WHEN the window's close button is pressed (the window system asks it to close) and the user keeps editing
        _answer_discard_box(QMessageBox.StandardButton.Cancel, seen)
        handle.close()
        outcome["open after keep editing"] = dialog.isVisible()
        # AND it is pressed again, and this time the user discards
        _answer_discard_box(QMessageBox.StandardButton.Discard, seen)
        handle.close()
        outcome["open after discard"] = dialog.isVisible()

    # GIVEN the New contact dialog with a name typed
    _open(window, modal, ContactDialog, fill, window.registry.new_contact.trigger)
    # THEN it asked twice, stayed open the first time, closed the second, and nothing was saved
    assert seen == ["You changed this and have not saved it. Discard your changes?"] * 2
    assert outcome == {"open after keep editing": True, "open after discard": False}
    assert store.contacts.rows(include_archived=True) == []


def test_the_close_button_on_an_unchanged_dialog_closes_at_once(qtbot, modal, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    outcome: dict[str, bool] = {}

    def close(dialog: QWidget) -> None:
        _answer_discard_box(QMessageBox.StandardButton.Discard, seen)
        handle = dialog.windowHandle()
        assert handle is not None
        handle.close()
        outcome["open"] = dialog.isVisible()

    # GIVEN the New contact dialog, untouched WHEN its close button is pressed
    _open(window, modal, ContactDialog, close, window.registry.new_contact.trigger)
    # THEN it closed without asking
    assert outcome == {"open": False} and seen == []


def test_esc_on_an_unchanged_dialog_closes_at_once(qtbot, modal, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    outcome: dict[str, bool] = {}

    def press_esc(dialog: QWidget) -> None:
        _answer_discard_box(QMessageBox.StandardButton.Discard, seen)
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
        outcome["open"] = dialog.isVisible()

    # GIVEN the New contact dialog, untouched WHEN Esc is pressed
    _open(window, modal, ContactDialog, press_esc, window.registry.new_contact.trigger)
    # THEN it closed without asking
    assert outcome == {"open": False} and seen == []


def test_tab_takes_the_time_zone_completion_and_moves_on(qtbot, modal, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    outcome: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ContactDialog)
        dialog.tz.setFocus()
        dialog.tz.lineEdit().selectAll()
        qtbot.keyClicks(dialog.tz.lineEdit(), "berl")
        popup = dialog.tz.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        # WHEN Tab is pressed while the list of zones is open
        qtbot.keyClick(popup, Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda: not dialog.tz.hasFocus() and not dialog.tz.lineEdit().hasFocus())
        outcome["zone"] = dialog.tz.currentText()
        outcome["popup"] = popup.isVisible()

    # GIVEN the New contact dialog and "berl" typed as the time zone
    _open(window, modal, ContactDialog, fill, window.registry.new_contact.trigger)
    # THEN the only match was taken, the list closed and the focus left the field in one Tab
    assert outcome == {"zone": "Europe/Berlin", "popup": False}


def test_date_edits_have_no_weekday_section_for_tab_to_stop_on(qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from ui.widgets.datetime_edit import datetime_edit

    edit = datetime_edit(datetime(2026, 11, 23, 9, 30, tzinfo=UTC), ZoneInfo("Europe/Lisbon"))
    qtbot.addWidget(edit)
    sections = [edit.sectionAt(i) for i in range(edit.sectionCount())]
    # (Qt calls the weekday a DaySection too: one day section, and no 'ddd' in the format)
    assert sections.count(QDateTimeEdit.Section.DaySection) == 1 and "ddd" not in edit.displayFormat()


def test_the_star_rating_has_a_label_and_an_accessible_name(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    cid = _maria(store)
    window.reload_contacts()
    window.open_contact(cid)
    found: dict[str, str] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, TouchPointDialog)
        labels = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.satisfaction]
        found["label"] = labels[0].text() if labels else ""
        found["name"] = dialog.satisfaction.accessibleName()
        found["mood"] = dialog.mood.accessibleName()

    # GIVEN / WHEN the Log dialog is open THEN the rating is labelled for eyes and screen readers
    _open(window, modal, TouchPointDialog, look, window.registry.log_touch_point.trigger)
    assert found == {"label": "Sa&tisfaction", "name": "Satisfaction", "mood": "Mood"}


def test_esc_closes_a_search_at_once_however_much_was_typed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui.contacts.notes_search import NotesSearchDialog

    # GIVEN Search notes open with words typed (a search saves nothing, so loses nothing)
    dialog = NotesSearchDialog(lambda _q, _order: [], window.tz, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.query, "budget")
    # WHEN Esc is pressed THEN it closes without asking
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert QApplication.activeModalWidget() is None
    dialog.deleteLater()


def test_a_dialog_open_before_the_keys_were_installed_still_asks(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout

    from ui.widgets.dialog_keys import DialogKeys
    from ui.widgets.window_watch import WindowWatch

    # GIVEN a dialog that saves, shown before a watch (and its keys) existed
    dialog = QDialog()
    field = QLineEdit("Maria", dialog)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(field)
    layout.addWidget(buttons)
    dialog.show()
    qtbot.waitExposed(dialog)
    keys = DialogKeys(qapp)
    watch = WindowWatch(qapp, keys)
    try:
        # WHEN the watch looks, then the field is changed
        watch.sync()
        assert watch.keys_on  # a dialog is shown: the keys are on the application
        qtbot.keyClicks(field, " Silva")
        # THEN the keys took in what it showed, and see the change
        assert keys.changed(dialog)
        # AND Esc asks; "Keep editing" keeps the dialog and the change
        seen: list[str] = []
        _answer_discard_box(QMessageBox.StandardButton.Cancel, seen)
        qtbot.keyClick(field, Qt.Key.Key_Escape)
        assert seen == ["You changed this and have not saved it. Discard your changes?"]
        assert dialog.isVisible()
        assert field.text() == "Maria Silva"
    finally:
        dialog.close()
        dialog.deleteLater()
        qtbot.waitUntil(lambda: not watch.keys_on)  # the last dialog gone: off
        qapp.focusWindowChanged.disconnect(watch._on_focus_window_changed)
        watch.deleteLater()

"""The playbook editor, driven through its widgets over a real database file."""

from __future__ import annotations

import time as clock
from collections.abc import Iterator
from datetime import time

import pytest
from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QTimeEdit,
    QWidget,
)

from followup.domain import Channel
from followup.errors import NotFoundError
from followup.planning import defaults
from followup.planning.model import NO_CHANNEL, PREFERRED, Anchor, Phase
from followup.store import Store
from ui.engagements.playbook_editor import NOTE, PlaybookEditorDialog

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def dialog(qtbot, store: Store) -> Iterator[PlaybookEditorDialog]:  # type: ignore[no-untyped-def]
    dlg = PlaybookEditorDialog(store)
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg
    # Not qtbot.addWidget: closing asks about unsaved changes, so let them go here.
    if dlg.isVisible():
        if dlg.save_button.isEnabled():
            Answer(QMessageBox.StandardButton.Discard)
        dlg.reject()
    assert not dlg.isVisible()
    dlg.deleteLater()


class Answer:
    """Answer the next message box with ``button``, from inside its own event loop."""

    def __init__(self, button: QMessageBox.StandardButton, timeout_s: float = 5.0) -> None:
        self.button = button
        self.text: str | None = None
        self._deadline = clock.monotonic() + timeout_s
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            if clock.monotonic() < self._deadline:
                QTimer.singleShot(10, self._poll)
            return
        self.text = box.text()
        box.button(self.button).click()


def select_book(qtbot, dlg: PlaybookEditorDialog, name: str) -> None:  # type: ignore[no-untyped-def]
    for row in range(dlg.books.count()):
        item = dlg.books.item(row)
        if item.text().split("  ")[0] == name:
            rect = dlg.books.visualItemRect(item)
            qtbot.mouseClick(dlg.books.viewport(), LEFT, pos=rect.center())
            return
    raise AssertionError(f"no playbook {name!r} in the list")


def pick(combo: QComboBox, data: object) -> None:
    at = combo.findData(data)
    assert at >= 0, f"{data!r} not offered"
    combo.setCurrentIndex(at)


def type_into(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def test_create_a_playbook_with_two_steps(qtbot, dialog: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.new_button, LEFT)
    assert dialog.name.text() == ""
    assert dialog.steps.count() == 1
    qtbot.keyClicks(dialog.name, "Workshop")
    qtbot.keyClicks(dialog.description, "A day-long workshop")
    form = dialog.step_form
    pick(form.phase, Phase.BEFORE)
    form.days.setValue(-2)
    form.working_days.setChecked(True)
    form.at_set_time.setChecked(True)
    form.at.setTime(QTime(9, 30))
    qtbot.keyClicks(form.title_edit, "Prepare the {engagement}")
    pick(form.channel, NO_CHANNEL)

    qtbot.mouseClick(dialog.add_step, LEFT)
    assert dialog.steps.currentRow() == 1
    pick(form.phase, Phase.AFTER)
    pick(form.anchor, Anchor.END)
    form.days.setValue(3)
    form.working_days.setChecked(False)
    form.at.setTime(QTime(10, 0))
    qtbot.keyClicks(form.title_edit, "Thank {first} for the {engagement}")
    qtbot.keyClicks(form.notes, "Recap who does what.")
    pick(form.channel, Channel.EMAIL.value)
    form.per_contact.setChecked(True)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, LEFT)

    assert not dialog.error.isVisible()
    book = store.playbooks.by_name("Workshop")
    assert book.description == "A day-long workshop"
    first, second = book.steps
    assert (first.phase, first.anchor, first.days, first.working_days) == (Phase.BEFORE, Anchor.START, -2, True)
    assert (first.at, first.channel, first.title) == (time(9, 30), NO_CHANNEL, "Prepare the {engagement}")
    assert (second.phase, second.anchor, second.days, second.at) == (Phase.AFTER, Anchor.END, 3, time(10, 0))
    assert (second.channel, second.per_contact, second.notes) == (Channel.EMAIL.value, True, "Recap who does what.")
    assert dialog.books.currentItem().text() == "Workshop"
    assert not dialog.save_button.isEnabled()  # nothing left unsaved
    assert dialog.saved_any


def test_copy_a_builtin_playbook_and_edit_a_step(qtbot, dialog: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    select_book(qtbot, dialog, defaults.CLIENT_MEETING)
    assert "(built-in)" in dialog.books.currentItem().text()
    qtbot.mouseClick(dialog.copy_button, LEFT)
    assert dialog.name.text() == "Client meeting (copy)"
    assert dialog.steps.count() == 6

    dialog.steps.setCurrentRow(4)  # check satisfaction, 7 days after the end
    assert dialog.step_form.days.value() == 7
    dialog.step_form.days.setValue(10)
    type_into(qtbot, dialog.name, "Client meeting, slower")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    copy = store.playbooks.by_name("Client meeting, slower")
    assert not copy.builtin
    assert [s.days for s in copy.steps] == [-1, -1, 0, 0, 10, 30]
    assert store.playbooks.by_name(defaults.CLIENT_MEETING).steps[4].days == 7  # the original is untouched
    with pytest.raises(NotFoundError):
        store.playbooks.by_name("Client meeting (copy)")


def test_delete_a_playbook_after_confirming(qtbot, dialog: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    before = len(store.playbooks.all())
    select_book(qtbot, dialog, defaults.SUPPLIER_ORDER)

    answer = Answer(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(dialog.delete_button, LEFT)
    assert answer.text is not None and defaults.SUPPLIER_ORDER in answer.text
    assert len(store.playbooks.all()) == before

    answer = Answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.delete_button, LEFT)
    assert answer.text is not None
    assert f"“{defaults.SUPPLIER_ORDER}”" in answer.text
    assert "keep their follow-ups" in answer.text
    with pytest.raises(NotFoundError):
        store.playbooks.by_name(defaults.SUPPLIER_ORDER)
    assert len(store.playbooks.all()) == before - 1
    names = [dialog.books.item(r).text() for r in range(dialog.books.count())]
    assert not any(defaults.SUPPLIER_ORDER in n for n in names)
    assert dialog.books.currentItem() is not None and dialog.name.text()


def test_an_empty_title_is_shown_and_nothing_is_written(qtbot, dialog: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    before = len(store.playbooks.all())
    qtbot.mouseClick(dialog.new_button, LEFT)
    qtbot.keyClicks(dialog.name, "Half done")
    dialog.step_form.days.setValue(-4)
    qtbot.mouseClick(dialog.save_button, LEFT)

    assert dialog.error.isVisible()
    assert dialog.error.text() == "Step 1's title cannot be empty."
    assert len(store.playbooks.all()) == before
    assert dialog.name.text() == "Half done"  # everything typed is kept
    assert dialog.step_form.days.value() == -4

    qtbot.keyClicks(dialog.step_form.title_edit, "Get ready")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.error.isVisible()
    assert store.playbooks.by_name("Half done").steps[0].days == -4


def test_an_unknown_placeholder_is_explained(qtbot, dialog: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    select_book(qtbot, dialog, defaults.DELIVERY)
    dialog.steps.setCurrentRow(2)
    type_into(qtbot, dialog.step_form.title_edit, "Call {firstname}")
    dialog.steps.setCurrentRow(0)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert "Step 3's title has an unknown placeholder" in dialog.error.text()
    assert dialog.steps.currentRow() == 2  # the step at fault is selected
    assert store.playbooks.by_name(defaults.DELIVERY).steps[2].title == "Be reachable for {first} on delivery day"


def test_the_step_line_follows_the_form_as_it_is_edited(qtbot, dialog: PlaybookEditorDialog) -> None:  # type: ignore[no-untyped-def]
    select_book(qtbot, dialog, defaults.CLIENT_MEETING)
    dialog.steps.setCurrentRow(0)
    line = dialog.steps.item(0)
    assert (
        line.text() == "Before · 1 working day before the start at 09:00 · Prepare for the {engagement} with {contact}"
    )

    dialog.step_form.days.setValue(-3)
    assert type(dialog.step_form.step().phase) is Phase  # an enum, not the combo's plain str
    assert line.text().startswith("Before · 3 working days before the start at 09:00 · ")
    dialog.step_form.working_days.setChecked(False)
    dialog.step_form.at_set_time.setChecked(False)
    assert line.text().startswith("Before · 3 days before the start · ")
    dialog.step_form.title_edit.setText("Read up on {organisation}")
    assert line.text() == "Before · 3 days before the start · Read up on {organisation}"
    assert dialog.books.currentItem().text().endswith("*")  # unsaved
    assert dialog.save_button.isEnabled()


def test_steps_can_be_added_moved_and_removed(qtbot, dialog: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    select_book(qtbot, dialog, defaults.DIFFICULT)
    dialog.steps.setCurrentRow(0)
    qtbot.mouseClick(dialog.move_down, LEFT)
    assert dialog.steps.currentRow() == 1
    assert dialog.steps.item(0).text().startswith("During")
    qtbot.mouseClick(dialog.remove_step, LEFT)
    assert dialog.steps.count() == 2
    qtbot.mouseClick(dialog.add_step, LEFT)
    qtbot.keyClicks(dialog.step_form.title_edit, "Write down what was agreed")
    qtbot.mouseClick(dialog.move_up, LEFT)
    qtbot.mouseClick(dialog.save_button, LEFT)
    titles = [s.title for s in store.playbooks.by_name(defaults.DIFFICULT).steps]
    assert titles == [
        "Call {first}: {engagement}",
        "Write down what was agreed",
        "Call {first} to see how they feel after the conversation",
    ]


def test_switching_with_unsaved_changes_asks(qtbot, dialog: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    select_book(qtbot, dialog, defaults.CLIENT_MEETING)
    type_into(qtbot, dialog.description, "Changed")

    answer = Answer(QMessageBox.StandardButton.Cancel)
    select_book(qtbot, dialog, defaults.DELIVERY)
    assert answer.text is not None and defaults.CLIENT_MEETING in answer.text
    assert dialog.name.text() == defaults.CLIENT_MEETING and dialog.description.text() == "Changed"
    assert dialog.books.currentItem().text().startswith(defaults.CLIENT_MEETING)

    answer = Answer(QMessageBox.StandardButton.Discard)
    select_book(qtbot, dialog, defaults.DELIVERY)
    assert dialog.name.text() == defaults.DELIVERY
    assert store.playbooks.by_name(defaults.CLIENT_MEETING).description != "Changed"

    type_into(qtbot, dialog.description, "Saved on the way out")
    answer = Answer(QMessageBox.StandardButton.Save)
    select_book(qtbot, dialog, defaults.INTERNAL_REQUEST)
    assert dialog.name.text() == defaults.INTERNAL_REQUEST
    assert store.playbooks.by_name(defaults.DELIVERY).description == "Saved on the way out"


def test_a_new_playbook_left_unsaved_is_discarded(qtbot, dialog: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    count = dialog.books.count()
    qtbot.mouseClick(dialog.new_button, LEFT)
    assert dialog.books.count() == count + 1
    assert dialog.books.currentItem().text() == "New playbook  (not saved)"
    Answer(QMessageBox.StandardButton.Discard)
    select_book(qtbot, dialog, defaults.DELIVERY)
    assert dialog.books.count() == count
    assert len(store.playbooks.all()) == count


def test_every_control_explains_itself(dialog: PlaybookEditorDialog) -> None:
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QTimeEdit, QPlainTextEdit, QListWidget, QCheckBox)
    controls = [w for w in dialog.findChildren(QWidget) if isinstance(w, kinds) and w.parent() is not None]
    controls = [w for w in controls if not isinstance(w.parent(), QAbstractSpinBox | QComboBox)]
    assert len(controls) > 20
    missing = [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}" for w in controls if not w.toolTip()]
    assert not missing
    assert dialog.note.text() == NOTE
    assert dialog.width() >= 890 and dialog.height() <= 640


def test_mnemonics_are_unique(dialog: PlaybookEditorDialog) -> None:
    from PySide6.QtWidgets import QLabel

    keys = []
    for w in dialog.findChildren(QWidget):
        text = w.text() if isinstance(w, QLabel | QAbstractButton) else ""
        if "&" in text and isinstance(w, QLabel | QAbstractButton):
            keys.append(text[text.index("&") + 1].lower())
    assert len(keys) == len(set(keys)), sorted(keys)
    assert len(keys) >= 20


def test_a_new_playbook_is_ready_to_type_into(qtbot, dialog: PlaybookEditorDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.mouseClick(dialog.new_button, LEFT)
    assert dialog.focusWidget() is dialog.name
    assert dialog.step_form.channel.currentData() == PREFERRED
    assert not dialog.copy_button.isEnabled()  # nothing to copy until it is saved
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # Add step (an animated click)
    qtbot.waitUntil(lambda: dialog.steps.count() == 2)
    assert dialog.focusWidget() is dialog.step_form.title_edit
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Days
    assert dialog.focusWidget() is dialog.step_form.days


def test_after_an_edit_it_offers_to_replan_the_engagements_using_it(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from followup.domain import Contact, Kind
    from followup.engine import plans
    from followup.planning.model import Engagement

    # GIVEN a copy of the Client meeting playbook, and an engagement planned with it
    original = store.playbooks.by_name(defaults.CLIENT_MEETING)
    assert original.id is not None
    copy_id = store.playbooks.copy(original.id, "Slow meeting")
    cid = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon"))
    start = store.clock.now() + timedelta(days=14)
    e = Engagement("Review", [cid], start=start, end=start + timedelta(hours=1), tz="Europe/Lisbon")
    eid = plans.create(store, e, store.playbooks.get(copy_id)).engagement_id
    check_before = [f.due for f in store.follow_ups.for_engagement(eid)][4]
    dlg = PlaybookEditorDialog(store)
    dlg.show()
    qtbot.waitExposed(dlg)
    try:
        # WHEN its "check" step moves from 7 to 10 days after, and it is saved
        select_book(qtbot, dlg, "Slow meeting")
        dlg.steps.setCurrentRow(4)
        dlg.step_form.days.setValue(10)
        answer = Answer(QMessageBox.StandardButton.Yes)
        qtbot.mouseClick(dlg.save_button, LEFT)
        # THEN it asked to re-plan the engagement, and its open step moved three days
        assert answer.text is not None and "1 planned engagement uses “Slow meeting”" in answer.text
        check_after = [f.due for f in store.follow_ups.for_engagement(eid)][4]
        assert check_after is not None and check_before is not None
        assert check_after - check_before == timedelta(days=3)
    finally:
        if dlg.save_button.isEnabled():
            Answer(QMessageBox.StandardButton.Discard)
        dlg.reject()
        dlg.deleteLater()

"""A playbook step's mail template, edited in the playbook editor (pytest-qt,
a real database file): shown on its tab, typed, saved with the playbook; a
misspelt placeholder is pointed out and the playbook is not saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from followup.planning import defaults
from followup.store import Store
from ui.engagements.playbook_editor import PlaybookEditorDialog

THANKS = "Thank {first} for the {engagement}"


@pytest.fixture
def editor(qtbot, store: Store) -> Iterator[PlaybookEditorDialog]:  # type: ignore[no-untyped-def]
    dlg = PlaybookEditorDialog(store)
    dlg.show()
    qtbot.waitExposed(dlg)
    yield dlg
    if dlg.save_button.isEnabled():
        dlg._draft = None  # let unsaved changes go without the question
    dlg.reject()
    dlg.deleteLater()


def _open_step(qtbot, dlg: PlaybookEditorDialog, book: str, title: str) -> None:  # type: ignore[no-untyped-def]
    dlg.books.setCurrentRow(next(r for r in range(dlg.books.count()) if dlg.books.item(r).text().startswith(book)))
    steps = dlg.steps
    steps.setCurrentRow(next(r for r in range(steps.count()) if f" · {title}" in steps.item(r).text()))
    qtbot.mouseClick(dlg.step_tabs.tabBar(), Qt.MouseButton.LeftButton, pos=dlg.step_tabs.tabBar().tabRect(1).center())
    assert dlg.step_tabs.currentWidget() is dlg.template_form


def test_a_built_in_template_is_shown_edited_and_saved(qtbot, editor: PlaybookEditorDialog, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the client meeting's thank-you step, on its Mail template tab
    _open_step(qtbot, editor, defaults.CLIENT_MEETING, THANKS)
    form = editor.template_form
    # THEN its shipped template is there, and the tab says the step has one
    assert form.subject.text() == "Thank you for today"
    assert form.body.toPlainText().startswith("Hi {first},")
    assert editor.step_tabs.tabText(1) == "Mail template ✓"
    # WHEN the subject is retyped and the playbook saved
    form.subject.selectAll()
    qtbot.keyClicks(form.subject, "Thank you for the {engagement}")
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    # THEN the store has it
    book = store.playbooks.by_name(defaults.CLIENT_MEETING)
    assert next(s for s in book.steps if s.title == THANKS).mail_subject == "Thank you for the {engagement}"


def test_a_step_without_a_template_can_start_from_a_usual_text(
    qtbot, editor: PlaybookEditorDialog, store: Store
) -> None:  # type: ignore[no-untyped-def]
    _open_step(qtbot, editor, defaults.CLIENT_MEETING, "Ask {first} for feedback or a referral")
    form = editor.template_form
    assert (form.subject.text(), form.body.toPlainText()) == ("", "")
    assert editor.step_tabs.tabText(1) == "Mail template"
    assert form.start_button.isVisibleTo(form)
    # WHEN the usual text is asked for
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    # THEN a greeting, a line and a closing are ready to edit, and the button goes away
    assert form.body.toPlainText().startswith("Hi {first},") and "{me}" in form.body.toPlainText()
    assert form.subject.text() == "Following up on the {engagement}"
    assert not form.start_button.isVisibleTo(form)


def test_a_misspelt_placeholder_is_pointed_out_and_nothing_is_saved(
    qtbot, editor: PlaybookEditorDialog, store: Store
) -> None:  # type: ignore[no-untyped-def]
    _open_step(qtbot, editor, defaults.CLIENT_MEETING, THANKS)
    form = editor.template_form
    # WHEN a placeholder is misspelt
    form.body.selectAll()
    qtbot.keyClicks(form.body, "Hi {frist}, thank you.")
    # THEN the form says so at once
    assert form.problem.isVisibleTo(form) and "{frist}" in form.problem.text()
    # AND saving is refused with the reason, everything typed kept
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "{frist}" in editor.error.text() and editor.error.isVisibleTo(editor)
    assert form.body.toPlainText() == "Hi {frist}, thank you."
    saved = next(s for s in store.playbooks.by_name(defaults.CLIENT_MEETING).steps if s.title == THANKS)
    assert "{frist}" not in saved.mail_body

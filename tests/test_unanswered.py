"""A modal dialog or menu nobody answers is closed, not waited for for ever
(tests/unanswered.py: the net under every test that runs Qt, tests/hang_guard.py)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QMenu, QWidget
from unanswered import Unanswered


def _owner(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    """A window for the dialogs and menus to belong to, deleted after the test."""
    owner = QWidget()
    qtbot.addWidget(owner)
    return owner


def test_a_dialog_nobody_answers_is_closed_and_named(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the net, closing what still waits 0.3 s from now, and a modal dialog nobody will answer
    owner = _owner(qtbot)
    dialog = QDialog(owner)
    dialog.setWindowTitle("Discard changes?")
    unanswered = Unanswered(0.3)
    try:
        # WHEN it runs THEN its exec() returns, rejected, and the net says what it closed
        assert dialog.exec() == QDialog.DialogCode.Rejected
    finally:
        unanswered.stop()
    assert unanswered.closed == ["QDialog 'Discard changes?'"]


def test_a_menu_nobody_chooses_from_is_closed_and_so_is_a_dialog_after_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the net, and a menu nobody chooses from, then a dialog nobody answers
    owner = _owner(qtbot)
    menu = QMenu(owner)
    menu.addAction("Snooze")
    unanswered = Unanswered(0.3)
    try:
        # WHEN each runs THEN each returns: the net looked again after the first
        assert menu.exec(QPoint(10, 10)) is None
        assert QDialog(owner).exec() == QDialog.DialogCode.Rejected
    finally:
        unanswered.stop()
    assert unanswered.closed == ["QMenu ''", "QDialog ''"]


def test_nothing_is_closed_when_nothing_waits(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the net, and no dialog WHEN its time comes THEN it closed nothing
    unanswered = Unanswered(0.05)
    qtbot.wait(200)
    unanswered.stop()
    assert unanswered.closed == []

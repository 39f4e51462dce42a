"""The ``modal`` fixture (tests/ui/conftest.py) itself: a dialog of another
kind than the one a test waits for fails the test instead of hanging the run
(a test still waiting for a QInputDialog hung a whole run once)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget


def test_another_kind_of_dialog_is_closed_and_said(qtbot, modal) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a test waiting for a QInputDialog
    host = QWidget()
    qtbot.addWidget(host)
    run = modal(lambda dialog: dialog.accept(), QInputDialog, timeout_s=0.2)
    # WHEN a message box opens instead, and nobody answers it
    box = QMessageBox(QMessageBox.Icon.Information, "Other", "Not what the test waits for", parent=host)
    answer = box.exec()
    # THEN it is closed (after twice the timeout), and the run says what came instead
    assert answer != QMessageBox.StandardButton.Ok
    assert run.seen_types == ["QMessageBox"]
    with pytest.raises(AssertionError, match="a QMessageBox opened, not a QInputDialog"):
        run.check()


def test_the_awaited_kind_is_still_handed_to_the_handler(qtbot, modal) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    run = modal(lambda dialog: dialog.accept(), QInputDialog, timeout_s=2.0)
    dialog = QInputDialog(host)
    assert dialog.exec() == QDialog.DialogCode.Accepted
    assert run.check() is dialog

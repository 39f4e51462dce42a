"""File > Restore: a path named by the backup is used only when the user says yes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from followup.calendar import live_file
from followup.clock import FixedClock
from followup.contacts_io.backup import back_up
from followup.domain import Contact
from followup.store import Store
from ui.contacts_io.export_dialog import restore


def _backup_naming(path: Path, tmp_path: Path, clock: FixedClock) -> Path:
    with Store.open(tmp_path / "src" / "followup.db", clock) as src:
        src.contacts.add(Contact("From Backup"))
        back_up(src, tmp_path / "b.followup")
    with sqlite3.connect(tmp_path / "b.followup") as conn:
        conn.execute("INSERT INTO settings(key, value) VALUES ('calendar_live_file', ?)", (json.dumps(str(path)),))
    return tmp_path / "b.followup"


@pytest.mark.parametrize(
    ("button", "applied"), [(QMessageBox.StandardButton.No, False), (QMessageBox.StandardButton.Yes, True)]
)
def test_restore_asks_before_using_the_backups_live_file(  # type: ignore[no-untyped-def]
    qtbot, modal, store: Store, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, button, applied
) -> None:
    # GIVEN a backup whose live calendar file is a path with markup in it
    target = tmp_path / "<b>cal</b>.ics"
    backup = _backup_naming(target, tmp_path, clock)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(backup), ""))
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[tuple[str, Qt.TextFormat]] = []

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.textFormat()))
        box.button(button).click()

    def restored(box: QWidget) -> None:
        assert isinstance(box, QMessageBox) and box.windowTitle() == "Restored"
        box.button(QMessageBox.StandardButton.Ok).click()
        modal(answer, QMessageBox)  # the question about the path comes next

    # WHEN it is restored and the user answers the question about the path
    first = modal(restored, QMessageBox)
    assert restore(parent, store, tmp_path)
    qtbot.waitUntil(lambda: first.done and bool(seen))
    first.check()
    # THEN the path is shown as plain text, and used only after a yes
    assert str(target) in seen[0][0] and seen[0][1] == Qt.TextFormat.PlainText
    assert [n for _, n in store.contacts.names()] == ["From Backup"]
    assert (live_file.live_path(store) == target) is applied

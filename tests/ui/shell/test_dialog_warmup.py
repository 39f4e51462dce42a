"""The everyday dialogs are made ready while the user is idle after the first
frame, a step a turn: their modules imported, Today's two dialogs made once
unseen, the time zones listed and a contact's dialog made once unseen
(ui/shell/dialog_warmup.py), so that the first Ctrl+D, R, new contact or
Edit contact of a session does not pay for it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ui.contacts import dialog as contact_dialog
from ui.contacts.dialog import ContactDialog
from ui.shell import dialog_warmup
from ui.shell.dialog_warmup import DialogWarmUp
from ui.shell.window import MainWindow
from ui.today.follow_up_dialogs import DoneDialog


@pytest.fixture
def probes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Two modules of a test's own, never imported yet."""
    names = ["idle_probe_one", "idle_probe_two"]
    for name in names:
        (tmp_path / f"{name}.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield names
    for name in names:
        sys.modules.pop(name, None)


def test_the_modules_are_imported_a_turn_each_and_only_while_the_user_is_idle(qtbot, idle, probes) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    warm = DialogWarmUp(window, probes, dialogs=False)
    warm.start()
    assert warm.timer.isActive()
    # WHILE the user types THEN nothing is imported, and it tries again a little later
    for _ in range(3):
        warm.step()
        assert warm.timer.isActive() and warm.timer.interval() == DialogWarmUp.RETRY_MS
    assert not any(name in sys.modules for name in probes)
    # WHEN the user pauses THEN each turn imports one module, in order
    idle[0] = DialogWarmUp.IDLE_S
    warm.step()
    assert probes[0] in sys.modules and probes[1] not in sys.modules
    assert warm.timer.isActive() and warm.timer.interval() == 0  # the next one, a turn later
    warm.timer.stop()
    warm.step()
    assert warm.done_steps == [f"import {name}" for name in probes] and warm.done()
    assert not warm.timer.isActive()  # nothing left: no next turn


def test_a_module_imported_meanwhile_is_not_imported_again(qtbot, idle, probes, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the first module imported by its dialog opening before the user paused
    window = QWidget()
    qtbot.addWidget(window)
    warm = DialogWarmUp(window, probes, dialogs=False)
    __import__(probes[0])
    imported: list[str] = []
    real = dialog_warmup.importlib.import_module
    monkeypatch.setattr(dialog_warmup.importlib, "import_module", lambda name: imported.append(name) or real(name))
    idle[0] = DialogWarmUp.IDLE_S
    # WHEN the user pauses THEN only the other one is imported
    while not warm.done():
        warm.step()
    assert imported == [probes[1]]


MADE = [
    "make Ctrl+D's dialog once, unseen",
    "make the dialog that picks a time once, unseen",
    "list the time zones a contact can have",
    "make the contact dialog once, unseen",
]


def test_the_everyday_dialogs_are_made_once_unseen_and_let_go(qtbot, idle, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a window, a user who has paused, and a process that never listed the time zones
    monkeypatch.setattr(contact_dialog, "_ZONES", None)
    window = QWidget()
    qtbot.addWidget(window)
    warm = DialogWarmUp(window, modules=())
    idle[0] = DialogWarmUp.IDLE_S
    # WHEN its steps run THEN each of Today's two dialogs is made over the window, never shown
    warm.step()
    made = window.findChildren(QDialog)
    assert [type(d) for d in made] == [DoneDialog]
    assert not made[0].isVisible()
    warm.step()
    # AND the time zones a contact's dialog offers are listed once, ahead of its first opening
    assert contact_dialog._ZONES is None
    warm.step()
    assert contact_dialog._ZONES is not None and "Europe/Berlin" in contact_dialog._ZONES
    # AND a contact's dialog is made over the window, never shown, and asks nobody for people
    warm.step()
    contacts = [d for d in window.findChildren(QDialog) if isinstance(d, ContactDialog)]
    assert len(contacts) == 1 and not contacts[0].isVisible()
    assert contacts[0].windowTitle() == "New contact"
    assert warm.done() and warm.done_steps == MADE
    # AND each is let go: nothing is left on the window, and no dialog was ever shown
    qtbot.waitUntil(lambda: not window.findChildren(QDialog))
    assert QApplication.activeModalWidget() is None


def test_the_window_makes_the_everyday_dialogs_ready_once_painted_and_idle(qtbot, idle, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window, painted WHEN the user pauses THEN every module of the list is imported
    # and Today's dialogs were made once
    idle[0] = DialogWarmUp.IDLE_S
    qtbot.waitUntil(lambda: window.findChild(DialogWarmUp, "dialogWarmUp") is not None, timeout=5_000)
    warm = window.findChild(DialogWarmUp, "dialogWarmUp")
    assert isinstance(warm, DialogWarmUp)
    qtbot.waitUntil(warm.done, timeout=5_000)
    assert all(name in sys.modules for name in dialog_warmup.MODULES)
    assert warm.done_steps[-len(MADE) :] == MADE

"""Log touch point with no contact shown asks whom it was with through the
contact picker (ui/widgets/pick_contact_dialog.py), not a list of everyone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from followup.domain import Contact, Kind
from followup.store import Store
from ui.contacts.touch_point_dialog import TouchPointDialog
from ui.shell.window import MainWindow
from ui.widgets.pick_contact_dialog import PickContactDialog


def test_logging_with_nobody_shown_asks_whom_by_typing(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two contacts and none of them shown
    store.contacts.add(Contact(name="Ann Lee", kind=Kind.CLIENT))
    zoe = store.contacts.add(Contact(name="Zoe Quinn", kind=Kind.CLIENT, organisation="Acme"))
    window.reload_contacts()
    assert window.shown_contact_id() is None
    seen: dict[str, object] = {}

    def log(dialog: QWidget) -> None:
        seen["log"] = dialog.windowTitle()
        dialog.reject()

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, PickContactDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["ok at first"] = ok.isEnabled()
        # WHEN part of her organisation is typed and the list's first is chosen with Enter
        qtbot.keyClicks(dialog.picker, "acm")
        qtbot.waitUntil(lambda: not dialog.picker.looking() and dialog.picker.popup_shown())
        seen["offered"] = dialog.picker.offered()
        qtbot.keyClick(dialog.picker.popup(), Qt.Key.Key_Return)
        seen["ok after"] = ok.isEnabled()
        seen["then"] = modal(log, TouchPointDialog)
        ok.click()

    run = modal(pick, PickContactDialog)
    window.registry.log_touch_point.trigger()
    run.check()
    then = seen["then"]
    qtbot.waitUntil(lambda: then.done)  # type: ignore[attr-defined]
    then.check()  # type: ignore[attr-defined]
    # THEN OK waited for a choice, Zoe alone was offered, and the touch point dialog is about her
    assert seen["ok at first"] is False
    assert seen["offered"] == [(zoe, "Zoe Quinn")]
    assert seen["ok after"] is True
    assert seen["log"] == "Log a touch point with Zoe Quinn"


def test_cancelling_the_question_logs_nothing(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    store.contacts.add(Contact(name="Ann Lee", kind=Kind.CLIENT))
    window.reload_contacts()
    run = modal(lambda dialog: dialog.reject(), PickContactDialog)
    window.registry.log_touch_point.trigger()
    run.check()
    assert store.touch_points.count_for(store.contacts.names()[0][0]) == 0

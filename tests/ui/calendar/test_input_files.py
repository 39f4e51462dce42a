"""Files picked in the window: a FIFO or a device is refused in one sentence,
never read (it would hang the window or fill the memory)."""

from __future__ import annotations

from followup.store import Store


def test_the_calendar_import_dialog_refuses_a_fifo_without_hanging(qtbot, store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os

    from ui.calendar.import_dialog import ImportDialog

    fifo = tmp_path / "meetings.ics"
    os.mkfifo(fifo)
    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.read(fifo)
    assert "not a regular file" in dialog.summary.text()

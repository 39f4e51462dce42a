"""The shown contact's page filled again after a change: selected again in
a list read anew, or filled a frame after a bulk write's report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


def select_again(w: MainWindow, contact_id: int) -> bool:
    """Select this contact in a new list (False if not listed): their page is
    filled again, unless it was filled after the change that read the list
    again (``w.page_fresh``; 100 ms at 100,000 contacts, the worker busy)."""
    fresh, w.page_fresh = w.page_fresh, None
    if contact_id == fresh == w.shown_contact_id():
        return w.contacts_panel.reselect(contact_id)
    return w.contacts_panel.select_contact(contact_id)


PAGE_AFTER_MS = 20  # a frame: a zero timer ran in the same pass of the event loop as the report, before any paint


class _PageAgain(QTimer):
    """The window's one timer that fills the page of the contact shown again, a frame later."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.setSingleShot(True)
        self.contact_id: int | None = None
        self.timeout.connect(self._fire)
        self._w = w

    def _fire(self) -> None:
        w, contact_id = self._w, self.contact_id
        if contact_id is not None and w.shown_contact_id() == contact_id:  # not if another one is shown by now
            w.show_contact(contact_id)


def show_later(w: MainWindow, contact_id: int) -> None:
    """Fill the page of the contact shown again a frame from now: after a bulk write, filled in the
    write's report (its dialog closed, every view told), it made one frame of 25-37 ms at 100,000
    contacts. The list read again on the worker comes much later."""
    timer = w.findChild(_PageAgain) or _PageAgain(w)
    timer.contact_id = contact_id
    timer.start(PAGE_AFTER_MS)


def stop_later(w: MainWindow) -> None:
    """The window closes (its store with it): no page is filled later."""
    if (timer := w.findChild(_PageAgain)) is not None:
        timer.stop()

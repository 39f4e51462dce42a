"""Page objects for the UI tests: what a user sees and does on each part of
the window, so a test names the feature, not the window's attributes.

Only this module knows how the window is put together; when the shell
changes, the pages change and the tests stay as they are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QWidget

from ui.contacts.model import NAME
from ui.shell.window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


class ContactsList:
    """The Contacts tab's left side: the search box, the kind filter, the list."""

    def __init__(self, qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.window = qtbot, window
        self.panel, self.model = window.contacts_panel, window.contacts_model
        self.search, self.table = self.panel.search, self.panel.table

    def names(self) -> list[str]:
        return [self.model.index(r, NAME).data() for r in range(self.model.rowCount())]

    def click(self, contact_id: int) -> None:
        """Select a contact by clicking its row, as a user would."""
        row = self.model.row_of(contact_id)
        assert row >= 0, "contact not in the list"
        self.table.scrollTo(self.model.index(row, NAME))
        rect = self.table.visualRect(self.model.index(row, NAME))
        self.qtbot.mouseClick(self.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert ContactPage(self.window).shown_id() == contact_id


class ContactPage:
    """The right side of the Contacts tab: one contact's page, or the placeholder."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.page = window.contact_page

    def shown_id(self) -> int | None:
        """The contact whose page is on the right, or None for the placeholder."""
        if self.window.right.currentWidget() is not self.page or self.page.contact is None:
            return None
        return self.page.contact.id


def visible_names(w: MainWindow) -> list[str]:
    return ContactsList(None, w).names()


def shown_id(w: MainWindow) -> int | None:
    return ContactPage(w).shown_id()


def select(qtbot, w: MainWindow, contact_id: int) -> None:  # type: ignore[no-untyped-def]
    ContactsList(qtbot, w).click(contact_id)


def focus(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Give ``widget`` the keyboard focus, as a click into it would (the window
    may have lost activation to a dialog that just closed)."""
    window = widget.window()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def save_button(box: QDialogButtonBox) -> QPushButton:
    button = box.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None
    return button

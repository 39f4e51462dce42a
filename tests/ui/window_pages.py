"""Page objects for the UI tests: what a user sees and does on each part of
the window, so a test names the feature, not the window's attributes.

Only this module knows how the window is put together; when the shell
changes, the pages change and the tests stay as they are.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QWidget

from followup.changes import Changes
from followup.planning.model import FollowUp
from ui.contacts.model import NAME
from ui.shell.window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def written(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the writes queued on the worker (acting on Today) have run
    and reported: the store has them, the status bar says so, Undo is offered."""
    from ui.ops.worker_write import writing

    qtbot.waitUntil(lambda: not writing())


class Window:
    """The window as a whole: the welcome page or the tabs, the menus' actions
    (by their name in the registry), the status bar and Undo."""

    def __init__(self, qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.window = qtbot, window

    def action(self, name: str) -> QAction:
        action: QAction = getattr(self.window.registry, name)
        return action

    def trigger(self, name: str) -> None:
        """Choose a menu item (or press its shortcut)."""
        self.action(name).trigger()

    def on_welcome(self) -> bool:
        return self.window.pages.currentWidget() is self.window.welcome and self.window.welcome.isVisible()

    def on_tabs(self) -> bool:
        return self.window.pages.currentWidget() is self.window.tabs

    def status(self) -> str:
        return self.window.statusBar().currentMessage()

    def undo(self) -> None:
        self.trigger("undo")

    def can_undo(self) -> bool:
        return self.action("undo").isEnabled()

    def told_of_writes(self, changes: Changes | None = None) -> None:
        """The window hears of writes a test made to the store behind its back
        (as the changes hub tells it of another process's)."""
        self.window.hub.publish(changes or Changes.everything())

    def background_work_done(self) -> None:
        """Wait for the window's store worker (demo data, a restore)."""
        self.window.tasks.wait(30_000)

    def settled(self) -> None:
        """The live calendar file is rewritten on the worker after a change: let it
        happen while the store is open, not in a later test."""
        self.qtbot.waitUntil(lambda: not self.window.io.live_file_pending, timeout=5_000)


class Welcome:
    """The page an empty database opens on."""

    def __init__(self, qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.page = qtbot, window.welcome
        self.demo_button = self.page.demo_button

    def click_demo(self) -> None:
        self.qtbot.mouseClick(self.demo_button, Qt.MouseButton.LeftButton)


class Today:
    """The Today tab: what is overdue, due today and this week."""

    def __init__(self, window: MainWindow) -> None:
        self.window, self.view, self.model = window, window.today_view, window.today_model

    def titles(self) -> list[str]:
        return [fu.title for fu in self.model.listed()]

    def count_in(self, section: int) -> int:
        """How many follow-ups one section lists (0 overdue, 1 today, 2 this week)."""
        return self.model.rowCount(self.model.section_index(section))

    def current(self) -> FollowUp | None:
        return self.view.current()


class Insights:
    """The Insights tab (built when first shown); ``ready`` fires when its figures are computed."""

    def __init__(self, window: MainWindow) -> None:
        self.view = window.insights_view
        self.ready = self.view.insights_ready

    def figures(self) -> object:
        return self.view.insights


class ContactsList:
    """The Contacts tab's left side: the search box, the kind filter, the list."""

    def __init__(self, qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.window = qtbot, window
        self.panel, self.model = window.contacts_panel, window.contacts_model
        self.search, self.table = self.panel.search, self.panel.table

    def names(self) -> list[str]:
        return [self.model.index(r, NAME).data() for r in range(self.model.rowCount())]

    def ids(self) -> list[int]:
        return [self.model.contact_at(r).id for r in range(self.model.rowCount())]

    def lists(self, contact_id: int) -> bool:
        return self.model.row_of(contact_id) >= 0

    def count_text(self) -> str:
        return self.panel.count_label.text()

    def selected_id(self) -> int | None:
        return self.panel.current_contact_id()

    def reset_threads(self) -> list[QThread]:
        """From now on, the thread each reset of the list runs on."""
        threads: list[QThread] = []
        self.model.modelReset.connect(
            lambda: threads.append(QThread.currentThread()), Qt.ConnectionType.DirectConnection
        )
        return threads

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

    def open(self, contact_id: int) -> None:
        """Open a contact's page (as a link, a reminder or Today's "open" does)."""
        self.window.open_contact(contact_id)

    def follow_up_texts(self, column: int) -> list[str]:
        """The follow-ups tab's rows (the tab shown, as a click on it: filled when shown)."""
        tree = self.page.follow_ups_tree
        self.page.lower_tabs.setCurrentWidget(tree)
        return [tree.topLevelItem(i).text(column) for i in range(tree.topLevelItemCount())]  # type: ignore[union-attr]

    def reopen(self, follow_up_id: int) -> None:
        """Reopen on a done follow-up's menu."""
        self.page.follow_up_reopen_requested.emit(follow_up_id)

    def delete_touch_point(self, touch_point_id: int) -> None:
        """Delete on a touch point's menu in the timeline."""
        self.page.touch_point_delete_requested.emit(touch_point_id)


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

"""The reminders window, after Outlook's: what came due, each with Done,
Snooze (a menu of durations), Open contact, and Dismiss / Dismiss all.

Every action is on the keyboard: Enter opens the contact, Delete dismisses,
Alt+D / Alt+S / Alt+O / Alt+M / Alt+A are the buttons, Escape hides the window
(the reminders stay).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.meeting_reminders import Meeting
from followup.reminders import Reminder
from ui.style import theme
from ui.widgets.plain_text import tip
from ui.widgets.when_text import time_text

ID_ROLE = Qt.ItemDataRole.UserRole
# The snooze menu: label -> minutes; the service adds tomorrow and next week.
SNOOZE_MINUTES = {"5 minutes": 5, "15 minutes": 15, "1 hour": 60, "4 hours": 240}


# The keys of the Reminders window, for Help > Keyboard shortcuts.
KEYS: tuple[tuple[str, str], ...] = (
    ("open the selected reminder's contact", "Enter"),
    ("dismiss it", "Del"),
    ("hide the window (the reminders stay)", "Esc"),
)


class _Tree(QTreeWidget):
    activated_by_key = Signal()
    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated_by_key.emit()
            return
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


def heading_text(waiting: int, due: int) -> str:
    """What the window's heading says: the reminders waiting, and never
    "Well done" while something is still due (dismissed reminders included)."""
    if waiting:
        return f"{waiting} follow-up{'s' if waiting != 1 else ''} due"
    if due:
        return f"No reminders waiting · {due} follow-up{'s' if due != 1 else ''} due in Today"
    return "Nothing due. Well done."


class RemindersWindow(QWidget):
    done_requested = Signal(int)
    snooze_requested = Signal(list, str)  # follow-up ids, a snooze choice label
    open_contact_requested = Signal(int)  # a contact id
    dismiss_requested = Signal(list)  # follow-up ids
    dismiss_all_requested = Signal()
    meeting_snooze_requested = Signal(int)  # an engagement id: remind again 5 minutes before

    def __init__(self, snooze_labels: Callable[[], list[str]], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("remindersWindow")
        self.setWindowTitle("Reminders · Followup")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # never keeps the app alive alone
        self.resize(640, 340)
        self._snooze_labels = snooze_labels
        self._reminders: dict[int, Reminder] = {}
        self._placed = False
        self.heading = QLabel()
        theme.make_heading(self.heading, 1.2)
        self.hint = QLabel("Enter opens the contact · Delete dismisses · Esc hides this window")
        self.hint.setStyleSheet(f"color: {theme.muted().name()};")
        self.tree = _Tree()
        self.tree.setObjectName("remindersList")
        self.tree.setAccessibleName("Due follow-ups")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Follow-up", "Contact", "Due"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.done_button = QPushButton("&Done")
        self.snooze_button = QPushButton("&Snooze")
        self.snooze_menu = QMenu(self.snooze_button)
        self.snooze_menu.aboutToShow.connect(self._fill_snooze_menu)
        self.snooze_button.setMenu(self.snooze_menu)
        self.open_button = QPushButton("&Open contact")
        self.dismiss_button = QPushButton("Dis&miss")
        self.dismiss_all_button = QPushButton("Dismiss &all")
        self.done_button.setToolTip("Mark the selected follow-up done (and log it)")
        self.dismiss_button.setToolTip("Remove from this window; it stays open in Today (Delete)")
        self.dismiss_all_button.setToolTip("Clear this window; the follow-ups stay open in Today")
        buttons = QHBoxLayout()
        for b in (self.done_button, self.snooze_button, self.open_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.dismiss_all_button)
        self.upcoming_label = QLabel("<b>Upcoming today</b>")
        self.upcoming = QTreeWidget()
        self.upcoming.setObjectName("upcomingMeetings")
        self.upcoming.setAccessibleName("Meetings still to come today")
        self.upcoming.setHeaderLabels(["Meeting", "Starts"])
        self.upcoming.setRootIsDecorated(False)
        self.upcoming.setMaximumHeight(110)
        self.upcoming.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.meeting_snooze = QPushButton("Remind me &5 min before")
        self.meeting_snooze.setToolTip("Remind me about the selected meeting again 5 minutes before it starts")
        self.meeting_snooze.clicked.connect(self._on_meeting_snooze_clicked)
        upcoming_row = QHBoxLayout()
        upcoming_row.addWidget(self.upcoming_label)
        upcoming_row.addStretch(1)
        upcoming_row.addWidget(self.meeting_snooze)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addLayout(upcoming_row)
        layout.addWidget(self.upcoming)
        layout.addWidget(self.hint)
        self.set_upcoming([], datetime.now().astimezone())
        self.done_button.clicked.connect(self._on_done_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        self.dismiss_all_button.clicked.connect(self.dismiss_all_requested.emit)
        self.tree.itemDoubleClicked.connect(lambda *_: self._on_open_clicked())
        self.tree.activated_by_key.connect(self._on_open_clicked)
        self.tree.delete_pressed.connect(self._on_dismiss_clicked)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.hide)
        self.set_reminders([], datetime.now().astimezone())

    # -- showing -----------------------------------------------------------------

    def set_reminders(self, reminders: list[Reminder], now: datetime, due_count: int | None = None) -> None:
        """Show ``reminders`` (oldest first), keeping the selection where it can."""
        selected = set(self.selected_ids())
        current = self.current_id()
        self._reminders = {r.id: r for r in reminders}
        self.tree.clear()
        items = []
        for r in reminders:
            item = QTreeWidgetItem([r.title, r.contact_name, r.details(now).rsplit(" · ", 1)[-1]])
            item.setData(0, ID_ROLE, r.id)
            item.setToolTip(0, tip(f"{r.headline()}\n{r.details(now)}"))
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.heading.setText(heading_text(len(reminders), len(reminders) if due_count is None else due_count))
        for item in items:
            if item.data(0, ID_ROLE) in selected:
                item.setSelected(True)
        again = next((i for i in items if i.data(0, ID_ROLE) == current), None)
        if again is None and items:
            again = items[0]
        if again is not None:
            self.tree.setCurrentItem(again, 0, self.tree.selectionCommand(self.tree.indexFromItem(again)))
            if not self.tree.selectedItems():
                again.setSelected(True)
        self._update_buttons()

    def reminders(self) -> list[Reminder]:
        return list(self._reminders.values())

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, ID_ROLE)) if item is not None else None

    def selected_ids(self) -> list[int]:
        ids = [int(i.data(0, ID_ROLE)) for i in self.tree.selectedItems()]
        if not ids and (current := self.current_id()) is not None:
            ids = [current]
        return ids

    def bring_to_front(self) -> None:
        if not self._placed:  # the first time, centred on the screen (Qt alone puts it at 0,0)
            self._placed = True
            screen = self.screen().availableGeometry()
            frame = self.frameGeometry()
            frame.moveCenter(screen.center())
            self.move(frame.topLeft())
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()
        self.tree.setFocus()

    def _update_buttons(self) -> None:
        has = bool(self._reminders)
        chosen = bool(self.selected_ids())
        for b in (self.done_button, self.snooze_button, self.open_button, self.dismiss_button):
            b.setEnabled(has and chosen)
        self.dismiss_all_button.setEnabled(has)

    # -- acting -------------------------------------------------------------------

    def _fill_snooze_menu(self) -> None:
        self.snooze_menu.clear()
        for i, label in enumerate(self._snooze_labels()):
            text = f"&{i + 1}  {label}" if i < 9 else label
            action = self.snooze_menu.addAction(text)
            action.triggered.connect(lambda _=False, choice=label: self._on_snooze_chosen(choice))

    def _on_snooze_chosen(self, choice: str) -> None:
        ids = self.selected_ids()
        if ids:
            self.snooze_requested.emit(ids, choice)

    def _on_done_clicked(self) -> None:
        if (current := self.current_id()) is not None:
            self.done_requested.emit(current)

    def _on_open_clicked(self) -> None:
        current = self.current_id()
        if current is not None and current in self._reminders:
            self.open_contact_requested.emit(self._reminders[current].contact_id)

    def set_upcoming(self, meetings: list[Meeting], now: datetime) -> None:
        """The meetings still to come today, each with when it starts."""
        self.upcoming.clear()
        for m in meetings:
            item = QTreeWidgetItem([m.headline(time_text), m.details(now)])
            item.setData(0, ID_ROLE, m.engagement_id)
            self.upcoming.addTopLevelItem(item)
        if (first := self.upcoming.topLevelItem(0)) is not None:
            self.upcoming.setCurrentItem(first)
        for widget in (self.upcoming, self.meeting_snooze):
            widget.setVisible(bool(meetings))
        self.upcoming_label.setText("<b>Upcoming today</b>" if meetings else "No more meetings today")

    def _on_meeting_snooze_clicked(self) -> None:
        item = self.upcoming.currentItem()
        if item is not None:
            self.meeting_snooze_requested.emit(int(item.data(0, ID_ROLE)))

    def _on_dismiss_clicked(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.dismiss_requested.emit(ids)

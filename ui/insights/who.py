"""Who is behind a figure card: the replies waiting, the late follow-ups, the
contacts drifting away, in a list to act from (open the contact, log a touch
point, plan one where the view offers it)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Kind
from followup.insights.formatting import plural
from followup.insights.who import Person
from ui.insights.widgets import colour
from ui.style import theme
from ui.widgets.when_text import date_text, datetime_text

_STATUS = {
    "waiting": ("Waiting", None),
    "past promise": ("Past the promise", theme.OVERDUE),
    "late": ("Done late", theme.DRIFTING),
    "open": ("Still open", theme.OVERDUE),
    "drifting": ("Drifting", theme.DRIFTING),
    "overdue": ("Overdue", theme.OVERDUE),
}

# card -> (dialog title, what the list holds, the "when" column's header, what a row is)
WHO = {
    "waiting": (
        "Waiting for your reply",
        "Messages that needed an answer and have none yet, the oldest first.",
        "Came in",
        "message",
    ),
    "on_time": (
        "Late follow-ups",
        "Follow-ups due in the period that were done late or are still open, the earliest due first.",
        "Due",
        "follow-up",
    ),
    "health": (
        "Drifting away",
        "Contacts past their ideal interval (drifting) or their limit (overdue), the longest silence first.",
        "Silent since",
        "contact",
    ),
}


class WhoDialog(QDialog):
    """A list of people behind a figure. Enter or a double click opens the
    contact; Log and Plan ask for a touch point with the selected one."""

    open_requested = Signal(int)
    log_requested = Signal(int)
    plan_requested = Signal(int)

    def __init__(
        self,
        title: str,
        explanation: str,
        when_header: str,
        people: list[Person],
        tz: ZoneInfo,
        *,
        can_plan: bool = False,
        noun: str = "row",
        date_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whoDialog")
        self.setWindowTitle(title)
        self.resize(620, 440)
        self.people = people
        self.explanation = QLabel(f"{explanation} {plural(len(people), noun)}." if people else explanation)
        self.explanation.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Contact", "About", when_header, "Status"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for person in people:
            status, tint = _STATUS.get(person.status, (person.status, None))
            kind = Kind(person.kind).label if person.kind in {k.value for k in Kind} else person.kind
            item = QTreeWidgetItem(
                [
                    person.name,
                    person.what,
                    date_text(person.at.astimezone(tz)) if date_only else datetime_text(person.at, tz),
                    status,
                ]
            )
            item.setToolTip(0, f"{person.name} · {kind}")
            item.setToolTip(1, person.what)
            item.setData(0, Qt.ItemDataRole.UserRole, person.contact_id)
            if tint:
                item.setForeground(3, colour(tint))
            self.tree.addTopLevelItem(item)
        if not people:
            none = QTreeWidgetItem(["Nobody.", "", "", ""])
            none.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(none)
        elif (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        self.tree.itemActivated.connect(lambda _item, _col: self._emit(self.open_requested, close=True))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_button = QPushButton("&Open contact")
        self.open_button.setToolTip("Show the selected contact's page (Enter)")
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested, close=True))
        self.log_button = QPushButton("&Log touch point…")
        self.log_button.setToolTip("Log a touch point with the selected contact")
        self.log_button.clicked.connect(lambda: self._emit(self.log_requested))
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.plan_button: QPushButton | None = None
        if can_plan:
            self.plan_button = QPushButton("&Plan…")
            self.plan_button.setToolTip("Plan a touch point with the selected contact")
            self.plan_button.clicked.connect(lambda: self._emit(self.plan_requested))
            buttons.addButton(self.plan_button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.open_button, self.log_button, self.plan_button):
            if button is not None:
                button.setEnabled(bool(people))
                button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.tree.setFocus()

    def selected_contact(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def _emit(self, signal: SignalInstance, *, close: bool = False) -> None:
        contact_id = self.selected_contact()
        if contact_id is None:
            return
        signal.emit(contact_id)
        if close:
            self.accept()

"""Organisations: everyone at one, the last touch point with each, and a
warning when all recent contact went through one person. Opened from the
organisation on a contact's page, or from View > Organisations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Channel, Kind
from followup.organisations import Organisation, key
from followup.timeutil import days_ago, humanize_days_ago
from ui.style import theme
from ui.widgets.counts import plural
from ui.widgets.plain_text import tip
from ui.widgets.when_text import datetime_text


def _people(n: int) -> str:
    return f"{n:,} person" if n == 1 else f"{n:,} people"


def warning_text(org: Organisation) -> str:
    """The one-person warning for ``org``, or "" when there is none to give."""
    one = org.through_one
    if one is None:
        return ""
    points = f"{org.recent:,} touch point{'s' if org.recent != 1 else ''}"
    others = len(org.members) - 1
    if others == 0:
        return (
            f"All contact in the last {plural(org.recent_days, 'day')} ({points}) went through {one.name}, the only person "
            f"you know at {org.name}. If they leave or are away, so does the relationship: get to know someone else."
        )
    return (
        f"All contact in the last {plural(org.recent_days, 'day')} ({points}) went through {one.name}; "
        f"nobody spoke with the other {_people(others)} there. If {one.name} leaves or is away, "
        "so does the relationship."
    )


class OrganisationDialog(QDialog):
    """``names``: every organisation and its number of people; ``load(name)``
    gives one. Enter or a double click on a person opens them; Log asks to
    log a touch point with the selected one."""

    open_requested = Signal(int)
    log_requested = Signal(int)

    def __init__(
        self,
        names: list[tuple[str, int]],
        load: Callable[[str], Organisation],
        now: Callable[[], datetime],
        tz: ZoneInfo,
        initial: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("organisationDialog")
        self.setWindowTitle("Organisations")
        self.resize(860, 520)
        self._load = load
        self._now = now
        self._tz = tz
        self.organisation: Organisation | None = None

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Find an organisation")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_changed)
        self.list = QListWidget()
        self.list.setAccessibleName("Organisations")
        for name, count in names:
            item = QListWidgetItem(f"{name}  ({count:,})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(f"{_people(count)} at {name}")
            self.list.addItem(item)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.show_organisation(item.data(Qt.ItemDataRole.UserRole)) if item else None
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.list, 1)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet(f"color: {theme.muted().name()};")
        self.warning = QLabel()
        self.warning.setObjectName("singleThreadWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            f"color: {theme.DRIFTING if not theme.is_dark() else '#f0b35a'}; font-weight: 600; padding: 4px 0;"
        )
        self.people = QTreeWidget()
        self.people.setAccessibleName("People at this organisation")
        self.people.setHeaderLabels(["Name", "Last touch point", "When", "In the last 90 days"])
        self.people.setRootIsDecorated(False)
        self.people.setUniformRowHeights(True)
        self.people.setAlternatingRowColors(True)
        header = self.people.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.people.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.people.itemActivated.connect(lambda _item, _col: self._emit(self.open_requested))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.subtitle)
        right_layout.addWidget(self.warning)
        right_layout.addWidget(self.people, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 620])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.open_button = QPushButton("&Open contact")
        self.open_button.setToolTip("Show the selected person's page (Enter)")
        self.open_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.log_button = QPushButton("&Log touch point…")
        self.log_button.setToolTip("Log a touch point with the selected person")
        self.log_button.clicked.connect(lambda: self._emit(self.log_requested))
        for button in (self.open_button, self.log_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        wanted = key(initial) if initial else None
        for row in range(self.list.count()):
            item = self.list.item(row)
            if wanted is None or key(item.data(Qt.ItemDataRole.UserRole)) == wanted:
                self.list.setCurrentItem(item)
                break
        else:
            if initial:  # an organisation whose people are all archived: show it anyway
                self.show_organisation(initial)
        if not names and not initial:
            self.title.setText("No organisations yet")
            self.subtitle.setText("Give your contacts an organisation to see everyone at each one here.")
        self.people.setFocus()
        self._update_buttons()

    def show_organisation(self, name: str) -> None:
        org = self.organisation = self._load(name)
        self.title.setText(org.name)
        self.subtitle.setText(
            f"{_people(len(org.members))}; {plural(org.recent, 'touch point')} in the last {plural(org.recent_days, 'day')}"
        )
        warning = warning_text(org)
        self.warning.setText(f"⚠ {warning}" if warning else "")
        self.warning.setVisible(bool(warning))
        self.warning.setToolTip(
            "A relationship held by one person is fragile: it goes when they do. Meet others there too."
        )
        self.people.clear()
        now = self._now()
        for m in org.members:
            name = m.name + (f" · {m.title}" if m.title else "") + (" (archived)" if m.archived else "")
            if m.last_at is None:
                last, when = "No touch point yet", "never"
            else:
                channel = Channel(m.last_channel).label if m.last_channel in {c.value for c in Channel} else ""
                last = f"{m.last_summary}" + (f" · {channel}" if channel else "")
                when = humanize_days_ago(days_ago(m.last_at, now, self._tz))
            item = QTreeWidgetItem([name, last, when, f"{m.recent:,}" if m.recent else "—"])
            item.setData(0, Qt.ItemDataRole.UserRole, m.contact_id)
            kind = Kind(m.kind) if m.kind in {k.value for k in Kind} else Kind.OTHER
            item.setToolTip(0, tip(f"{m.name} · {kind.label}"))  # as typed: quotes never shown as &quot;
            if m.last_at is not None:
                item.setToolTip(2, datetime_text(m.last_at, self._tz, long=True))
            if org.through_one is not None and m.contact_id == org.through_one.contact_id:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            self.people.addTopLevelItem(item)
        if (first := self.people.topLevelItem(0)) is not None:
            self.people.setCurrentItem(first)
        self._update_buttons()

    def selected_contact(self) -> int | None:
        item = self.people.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def _update_buttons(self) -> None:
        enabled = self.selected_contact() is not None
        self.open_button.setEnabled(enabled)
        self.log_button.setEnabled(enabled)

    def _on_filter_changed(self, text: str) -> None:
        wanted = key(text)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(wanted) and wanted not in key(item.data(Qt.ItemDataRole.UserRole)))

    def _emit(self, signal: SignalInstance) -> None:
        contact_id = self.selected_contact()
        if contact_id is not None:
            signal.emit(contact_id)

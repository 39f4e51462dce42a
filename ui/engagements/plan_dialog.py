"""Plan an engagement: who, what, when, which playbook, and a preview of
every follow-up with its exact date before anything is saved."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.errors import FollowupError
from followup.planning.model import Engagement, EngagementKind, PlannedFollowUp, Playbook
from followup.timeutil import zone_info
from ui.style import theme
from ui.widgets.contact_picker import ContactPicker
from ui.widgets.counts import plural
from ui.widgets.datetime_edit import datetime_edit, from_qdatetime, to_qdatetime
from ui.widgets.labels import channel_label
from ui.widgets.plain_text import tip
from ui.widgets.save_errors import error_label
from ui.widgets.when_text import date_text, datetime_text, follow_locale, time_text

Preview = Callable[[Engagement, Playbook], list[PlannedFollowUp]]
Save = Callable[[Engagement, Playbook], None]
DefaultPlaybook = Callable[[list[int]], Playbook]


class PlanDialog(QDialog):
    def __init__(
        self,
        db_path: Path,
        playbooks: list[Playbook],
        *,
        labels: Mapping[int, str],
        preview: Preview,
        save: Save,
        default_playbook: DefaultPlaybook,
        tz: ZoneInfo,
        start: datetime,
        contact_id: int | None = None,
        parent: QWidget | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan an engagement")
        self.resize(860, 640)
        self._labels = dict(labels)  # id -> picker label, for whoever the dialog shows at first
        self._playbooks = playbooks
        self._preview = preview
        self._save = save
        self._default_playbook = default_playbook
        self._tz = tz
        self._playbook_chosen = False
        self._editing = False

        # Who: typed and found among any number of people (ui/widgets/contact_picker.py); a combo of
        # every contact's label took 1.3 s of the GUI thread to open at 100,000 (issue 16).
        first = (contact_id, self._labels[contact_id]) if contact_id in self._labels else None
        self.contact = ContactPicker(db_path, first)
        self.contact.setMinimumWidth(self.contact.fontMetrics().averageCharWidth() * 32)
        self.contact.setToolTip("Who the engagement is with: type part of a name, organisation or email")
        self.contact.setAccessibleName("With")
        self.others = QListWidget()
        self.others.setMaximumHeight(64)
        self.others.setToolTip("More people in the engagement (Delete removes one)")
        self.add_other = QPushButton("Add person…")
        self.add_other.setToolTip("Add the contact chosen above as another participant")
        self.add_other.clicked.connect(self._on_add_other_clicked)
        self.others.hide()  # shown once a second person is added

        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Quarterly review (required)")
        self.title.setAccessibleName("Title")
        self.kind = QComboBox()
        for kind in EngagementKind:
            self.kind.addItem(kind.label, kind)
        self.all_day = QCheckBox("All day")
        self.all_day.setToolTip("A delivery day or a deadline, rather than a meeting at a time")
        self.start = datetime_edit(start, tz)
        from ui.widgets.when_field import WhenField

        self.start_field = WhenField(self.start, tz, now or (lambda: datetime.now(UTC)))
        self.duration = QSpinBox()
        self.duration.setRange(5, 24 * 60)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(" min")
        self.duration.setToolTip("How long it lasts")
        self.start_date = QDateEdit(QDate(start.year, start.month, start.day))
        self.start_date.setCalendarPopup(True)
        follow_locale(self.start_date, with_time=False)
        self.days = QSpinBox()
        self.days.setRange(1, 60)
        self.days.setSuffix(" day(s)")
        self.location = QLineEdit()
        self.remind_before = QSpinBox()
        self.remind_before.setRange(-1, 1440)
        self.remind_before.setValue(-1)
        self.remind_before.setSpecialValueText("As in Settings")
        self.remind_before.setSuffix(" min before")
        self.remind_before.setToolTip("A reminder this long before it starts (0: none); as in Settings unless set")
        self.location.setPlaceholderText("A place, or a link for a call")
        self.playbook = QComboBox()
        for book in playbooks:
            self.playbook.addItem(book.name, book)
        self.playbook.setToolTip("The plan of steps before, during and after")
        self.playbook_help = QLabel()
        self.playbook_help.setWordWrap(True)
        self.playbook_help.setStyleSheet(f"color: {theme.muted().name()};")

        when = QHBoxLayout()
        when.addWidget(self.start_field, 2)
        when.addWidget(self.start_date, 2)
        when.addWidget(self.duration, 1)
        when.addWidget(self.days, 1)
        when.addWidget(self.all_day)
        people = QHBoxLayout()
        people.addWidget(self.contact, 1)
        people.addWidget(self.add_other)
        form = QFormLayout()
        form.addRow(_buddy("&With", self.contact), people)
        form.addRow("", self.others)
        form.addRow("&Title", self.title)
        form.addRow("&Kind", self.kind)
        form.addRow(_buddy("Wh&en", self.start), when)
        form.addRow("&Location", self.location)
        form.addRow("Re&mind me", self.remind_before)
        form.addRow("&Playbook", self.playbook)
        form.addRow("", self.playbook_help)

        self.preview_table = QTableWidget(0, 4)
        self.preview_table.setObjectName("planPreview")
        self.preview_table.setHorizontalHeaderLabels(["When", "Phase", "Follow-up", "Channel"])
        self.preview_table.verticalHeader().setVisible(False)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_table.setAlternatingRowColors(True)
        self.preview_table.setWordWrap(False)
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.preview_label = QLabel("Preview: nothing is saved until you plan it.")
        bold = self.preview_label.font()
        bold.setBold(True)
        self.preview_label.setFont(bold)
        self.error = error_label()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Plan it")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self.refresh_preview)
        for signal in (
            self.title.textChanged,
            self.start.dateTimeChanged,
            self.start_date.dateChanged,
            self.duration.valueChanged,
            self.days.valueChanged,
            self.all_day.toggled,
            self.kind.currentIndexChanged,
        ):
            signal.connect(lambda *_: self._timer.start())
        self.contact.chosen.connect(lambda _cid: self._on_contact_changed())
        self.playbook.activated.connect(self._on_playbook_activated)
        self.playbook.currentIndexChanged.connect(lambda *_: self._timer.start())
        self.all_day.toggled.connect(self._on_all_day_toggled)
        self._on_all_day_toggled(False)
        self._on_contact_changed()
        self.title.setFocus()

    def reminder_lead(self) -> int | None:
        """The engagement's own reminder lead time, or None: as in Settings."""
        value = self.remind_before.value()
        return None if value < 0 else value

    def load(self, e: Engagement, lead: int | None = None) -> None:
        """Edit an existing engagement: its fields filled in (``lead``: its own
        reminder lead time, if it has one), saving re-plans it."""
        self.setWindowTitle(f"Edit engagement: {e.title}")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save")
        self._playbook_chosen = True  # keep its playbook unless the user picks another
        self._editing = True
        if e.contact_ids and e.contact_ids[0] in self._labels:
            self.contact.set_contact((e.contact_ids[0], self._labels[e.contact_ids[0]]))
        for cid in e.contact_ids[1:]:
            if cid in self._labels:
                item = QListWidgetItem(self._labels[cid])
                item.setData(Qt.ItemDataRole.UserRole, cid)
                self.others.addItem(item)
                self.others.show()
        self.title.setText(e.title)
        self.kind.setCurrentIndex(max(0, self.kind.findData(e.kind)))
        self.location.setText(e.location)
        if lead is not None:
            self.remind_before.setValue(lead)
        self.all_day.setChecked(e.all_day)
        if e.all_day and e.start_date:
            self.start_date.setDate(QDate(e.start_date.year, e.start_date.month, e.start_date.day))
            self.days.setValue(((e.end_date or e.start_date) - e.start_date).days + 1)
        elif e.start is not None:
            self.start.setDateTime(to_qdatetime(e.start, self._tz))
            if e.end is not None:
                self.duration.setValue(max(5, int((e.end - e.start).total_seconds() // 60)))
        for i in range(self.playbook.count()):
            if self.playbook.itemData(i).id == e.playbook_id:
                self.playbook.setCurrentIndex(i)
        self.refresh_preview()

    # -- reading the form ----------------------------------------------------------------

    def contact_ids(self) -> list[int]:
        ids = []
        first = self.contact.contact_id()
        if first is not None:
            ids.append(first)
        for i in range(self.others.count()):
            cid = self.others.item(i).data(Qt.ItemDataRole.UserRole)
            if cid not in ids:
                ids.append(cid)
        return ids

    def engagement(self) -> Engagement:
        e = Engagement(
            self.title.text().strip() or "(untitled)",
            self.contact_ids(),
            tz=self._tz.key,
            kind=EngagementKind(self.kind.currentData()),
            location=self.location.text(),
        )
        if self.all_day.isChecked():
            d = self.start_date.date()
            e.all_day = True
            e.start_date = datetime(d.year(), d.month(), d.day()).date()
            e.end_date = e.start_date + timedelta(days=self.days.value() - 1)
        else:
            e.start = from_qdatetime(self.start.dateTime(), self._tz)
            e.end = e.start + timedelta(minutes=self.duration.value())
        return e

    def chosen_playbook(self) -> Playbook:
        book: Playbook = self.playbook.currentData()
        return book

    # -- reacting ---------------------------------------------------------------------------

    def _on_all_day_toggled(self, on: bool) -> None:
        self.start_field.setVisible(not on)
        self.duration.setVisible(not on)
        self.start_date.setVisible(on)
        self.days.setVisible(on)
        self._timer.start()

    def _on_contact_changed(self) -> None:
        ids = self.contact_ids()
        if ids and not self._playbook_chosen:
            book = self._default_playbook(ids)
            at = self.playbook.findText(book.name)
            if at >= 0:
                self.playbook.setCurrentIndex(at)
        self._timer.start()

    def _on_playbook_activated(self, _index: int) -> None:
        self._playbook_chosen = True

    def _on_add_other_clicked(self) -> None:
        cid = self.contact.contact_id()
        if cid is None or cid in self.contact_ids()[1:]:
            return
        self.others.show()
        item = QListWidgetItem(self.contact.text())
        item.setData(Qt.ItemDataRole.UserRole, cid)
        self.others.addItem(item)
        self._timer.start()

    def keyPressEvent(self, event: object) -> None:
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete and self.others.hasFocus():
            for item in self.others.selectedItems():
                self.others.takeItem(self.others.row(item))
            self._timer.start()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]

    def refresh_preview(self) -> None:
        book = self.chosen_playbook()
        self.playbook_help.setText(book.description if book else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not self.contact_ids():
            self.preview_table.setRowCount(0)
            self.preview_label.setText("Choose who the engagement is with to see the plan.")
            ok.setEnabled(False)
            return
        try:
            planned = self._preview(self.engagement(), book)
        except FollowupError as error:
            self.preview_table.setRowCount(0)
            self.preview_label.setText(str(error))
            ok.setEnabled(False)
            return
        ok.setEnabled(bool(self.title.text().strip()))
        saving = (
            "Open steps move or are re-planned; closed ones stay"
            if self._editing
            else "Nothing is saved until you plan it"
        )
        self.preview_label.setText(f"Preview: {plural(len(planned), 'follow-up')}. {saving}.")
        self.preview_table.setRowCount(len(planned))
        for row, p in enumerate(planned):
            if p.due is None:
                when = f"{date_text(p.due_date)}, all day"
            else:
                when = datetime_text(p.due, self._tz)
                if p.tz != self._tz.key:
                    when += f"  ({time_text(p.due.astimezone(zone_info(p.tz)))} for them)"
            items = [when, p.phase.label, p.title, channel_label(p.channel)]
            for column, text in enumerate(items):
                item = QTableWidgetItem(text)
                item.setToolTip(tip(f"{p.step_description}\n\n{p.notes}".strip()))
                self.preview_table.setItem(row, column, item)

    def done(self, result: int) -> None:
        self._timer.stop()  # no preview after the dialog closed (the store may be gone)
        super().done(result)

    def accept(self) -> None:
        if not self.all_day.isChecked() and not self.start_field.valid():
            return
        if not self.title.text().strip():
            self.error.setText("Give the engagement a title.")
            self.error.show()
            return
        try:
            self._save(self.engagement(), self.chosen_playbook())
        except FollowupError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()


def _buddy(text: str, widget: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``widget`` (a row holding a layout
    has no buddy of its own, and would show the & literally)."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label

"""Import meetings from an .ics file, with a preview of everything before it
is saved: what happens to each event, who is not yet a contact, and the plan
each meeting would get.

Reading a big file and writing its plans run on a worker thread, each with a
cancellable progress dialog; the worker that writes opens its own connection,
and a cancelled import writes nothing (one transaction).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.calendar import import_ics
from followup.calendar.reading import DEFAULT_WINDOW_DAYS, read_calendar
from followup.errors import FollowupError
from followup.preferences import Preferences
from followup.progress import CancelCheck, Progress
from followup.store import Store
from ui.calendar.files import ICS_FILTER, remember_folder, remembered_folder
from ui.ops.jobs import run_with_progress
from ui.style import theme
from ui.widgets.counts import plural
from ui.widgets.labels import channel_label
from ui.widgets.plain_text import plain, tip
from ui.widgets.tables import read_only_table, select_only_row
from ui.widgets.when_text import date_text, datetime_text

IMPORT_FOLDER_KEY = "calendar_import_folder"


class ImportDialog(QDialog):
    """Choose an .ics file, see what it holds and what would be planned, then import."""

    imported = Signal(object)  # the ImportResult

    def __init__(self, store: Store, *, path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import meetings from a calendar file")
        self.resize(980, 700)
        self._store = store
        self._prefs = Preferences.load(store)
        self._tz = ZoneInfo(self._prefs.user_tz)
        self.plan: import_ics.ImportPlan | None = None
        self.outcome: import_ics.ImportResult | None = None  # not "result": QDialog.result() is the exit code
        self.error: str = ""
        self._playbooks = store.playbooks.all()

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("An .ics file exported from Outlook or Google, or an invitation")
        self.path_edit.setToolTip("The calendar file to import; press Enter to read it")
        self.path_edit.returnPressed.connect(self._on_read_clicked)
        choose = QPushButton("&Choose file…")
        choose.setToolTip("Pick an .ics file (the folder is remembered)")
        choose.setAutoDefault(False)
        choose.clicked.connect(self._on_choose_clicked)
        self.window_spin = QSpinBox()
        self.window_spin.setRange(1, 3650)
        self.window_spin.setValue(DEFAULT_WINDOW_DAYS)
        self.window_spin.setSuffix(" days")
        self.window_spin.setToolTip("Repeating meetings: import their occurrences in this many days from today")
        read = QPushButton("&Read")
        read.setToolTip("Read the file again (for example with another window)")
        read.setAutoDefault(False)
        read.clicked.connect(self._on_read_clicked)
        top = QHBoxLayout()
        top.addWidget(self.path_edit, 1)
        top.addWidget(choose)
        top.addWidget(QLabel("Repeating: next"))
        top.addWidget(self.window_spin)
        top.addWidget(read)

        self.events_table = read_only_table(["When", "Event", "With", "What happens"], [150, 180, 120])
        self.events_table.setObjectName("importEvents")
        self.events_table.itemSelectionChanged.connect(self._refresh_preview)
        self.events_table.itemChanged.connect(self._on_event_ticked)
        self.people_list = QListWidget()
        self.people_list.setWordWrap(True)
        self.people_list.setToolTip("People in the file who are not contacts yet: tick those to add as contacts")
        self.people_list.itemChanged.connect(self._on_person_changed)
        self.playbook_combo = QComboBox()
        self.playbook_combo.addItem("By each contact's kind (suggested)", None)
        for book in self._playbooks:
            self.playbook_combo.addItem(book.name, book.id)
        self.playbook_combo.setToolTip("The playbook that plans the before, during and after of each meeting")
        self.playbook_combo.currentIndexChanged.connect(self._refresh_preview)
        self.preview_table = read_only_table(["When", "Phase", "Follow-up", "Channel"], [130, 70, 560])
        self.preview_table.setObjectName("importPreview")
        self.preview_label = plain(QLabel("Plan preview: nothing is saved until you import."))

        people_box = QGroupBox("Not yet contacts (tick to add)")
        QVBoxLayout(people_box).addWidget(self.people_list)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(people_box)
        playbook_form = QFormLayout()
        playbook_form.addRow("&Playbook:", self.playbook_combo)
        side_layout.addLayout(playbook_form)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.events_table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([760, 200])

        self.summary = plain(QLabel("Choose a file to see the meetings in it."))
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.setToolTip("Create and update the engagements and their follow-ups, all at once")
        self.buttons.accepted.connect(self._on_import_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(split, 3)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_table, 2)
        layout.addWidget(self.buttons)
        self.import_button.setDefault(True)
        if path is not None:
            self.path_edit.setText(str(path))

    # -- reading ---------------------------------------------------------------

    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a calendar file", remembered_folder(self._store, IMPORT_FOLDER_KEY), ICS_FILTER
        )
        if path:
            self.path_edit.setText(path)
            self.read(Path(path))

    def _on_read_clicked(self) -> None:
        if self.path_edit.text().strip():
            self.read(Path(self.path_edit.text().strip()).expanduser())

    def read(self, path: Path) -> None:
        """Parse ``path`` on a worker thread; the preview fills in when done."""
        self.plan = None
        self.import_button.setEnabled(False)
        from followup import infile

        try:
            data = infile.read(path)  # a regular file only (a FIFO would hang the window), size capped
        except infile.InputError as error:
            self._fail(str(error))
            return
        remember_folder(self._store, IMPORT_FOLDER_KEY, path.parent, self, "Import meetings")
        now, tz, days = self._store.clock.now(), self._prefs.user_tz, self.window_spin.value()
        self.summary.setStyleSheet("")
        self.summary.setText(f"Reading {path.name}…")

        def work(progress: Progress, cancelled: CancelCheck) -> Any:
            return read_calendar(data, now=now, user_tz=tz, window_days=days, progress=progress, cancelled=cancelled)

        run_with_progress(self, f"Reading {path.name}…", work, self._on_read_done, self._fail, what="calendar job")

    def _on_read_done(self, parsed: Any) -> None:
        self.plan = import_ics.analyse(self._store, parsed, self._prefs)
        self._fill()

    def _fail(self, message: str) -> None:
        self.error = message
        self.summary.setStyleSheet(theme.error_style())
        self.summary.setText(message)

    def _fill(self) -> None:
        assert self.plan is not None
        plan = self.plan
        self.events_table.blockSignals(True)
        self.events_table.setRowCount(len(plan.items))
        for row, item in enumerate(plan.items):
            ev = item.event
            if ev.start is not None:
                when = datetime_text(ev.start, self._tz)
            elif ev.start_date is not None:
                when = f"{date_text(ev.start_date)} (all day)"
            else:
                when = "—"
            cells = [when, ev.title, ", ".join(plan.contacts_for(item)) or "—", _what(item)]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(tip(text + (f"\n{ev.note}" if ev.note else "")))
                if item.action == "skip" and not item.optional:
                    cell.setForeground(self.palette().placeholderText())
                if col == 3 and item.optional:
                    cell.setFlags(cell.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    cell.setCheckState(Qt.CheckState.Checked if item.action == "create" else Qt.CheckState.Unchecked)
                    cell.setToolTip("Tick to plan this occurrence too")
                self.events_table.setItem(row, col, cell)
        self.events_table.blockSignals(False)
        self.people_list.blockSignals(True)
        self.people_list.clear()
        for email, person in sorted(plan.people.items()):
            entry = QListWidgetItem(f"{person.name} <{person.email}>" if person.name else person.email)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if email in plan.create else Qt.CheckState.Unchecked)
            entry.setData(Qt.ItemDataRole.UserRole, email)
            entry.setToolTip("Add as a contact, so the plan includes them")
            self.people_list.addItem(entry)
        if not plan.people:
            entry = QListWidgetItem("Everyone here is already a contact.")
            entry.setFlags(Qt.ItemFlag.NoItemFlags)
            self.people_list.addItem(entry)
        self.people_list.blockSignals(False)
        first = next((r for r, i in enumerate(plan.items) if i.action != "skip"), 0)
        if plan.items:
            select_only_row(self.events_table, first)
        self._summarise()

    def _summarise(self) -> None:
        assert self.plan is not None
        counts = self.plan.counts()
        parts = [
            f"{counts['create']} to create",
            f"{counts['update']} to update",
            f"{counts['cancel']} to cancel",
            f"{counts['skip']} skipped",
        ]
        if counts["log"]:
            parts.insert(3, f"{counts['log']} past to log as met")
        unknown = len(self.plan.people)
        if unknown:
            parts.append(f"{unknown} {'person is' if unknown == 1 else 'people are'} not yet contacts")
        text = ", ".join(parts) + "."
        unreadable = self.plan.calendar_skipped
        if unreadable:
            named = "; ".join(
                f"“{s['title']}”" + (f" ({s['when']})" if s["when"] else "") + f": {s['why']}" for s in unreadable[:3]
            )
            more = f"; and {len(unreadable) - 3} more" if len(unreadable) > 3 else ""
            count = f"{len(unreadable)} event{' cannot' if len(unreadable) == 1 else 's cannot'} be read"
            text += f" {count}: {named}{more}."
        self.summary.setStyleSheet("")
        self.summary.setText(text)
        self.import_button.setEnabled(counts["create"] + counts["update"] + counts["cancel"] + counts["log"] > 0)

    def _on_event_ticked(self, cell: QTableWidgetItem) -> None:
        """A later occurrence of a series ticked (or unticked) to be planned."""
        if self.plan is None or cell.column() != 3:
            return
        item = self.plan.items[cell.row()]
        if not item.optional:
            return
        self.plan.choose(item, cell.checkState() == Qt.CheckState.Checked)
        self.events_table.blockSignals(True)
        cell.setText(_what(item))
        names = self.events_table.item(cell.row(), 2)
        if names is not None:
            names.setText(", ".join(self.plan.contacts_for(item)) or "—")
        self.events_table.blockSignals(False)
        self._summarise()
        self._refresh_preview()

    def _on_person_changed(self, entry: QListWidgetItem) -> None:
        if self.plan is None:
            return
        email = entry.data(Qt.ItemDataRole.UserRole)
        if entry.checkState() == Qt.CheckState.Checked:
            self.plan.create.add(email)
        else:
            self.plan.create.discard(email)
        for row, item in enumerate(self.plan.items):
            cell = self.events_table.item(row, 2)
            if cell is not None:
                cell.setText(", ".join(self.plan.contacts_for(item)) or "—")
        self._refresh_preview()

    def playbook(self) -> Any:
        book_id = self.playbook_combo.currentData()
        return next((b for b in self._playbooks if b.id == book_id), None)

    def _refresh_preview(self, *_: object) -> None:
        self.preview_table.setRowCount(0)
        if self.plan is None:
            return
        rows = self.events_table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.plan.items[rows[0].row()]
        if item.action == "log":
            self.preview_label.setText(
                f"“{item.event.title}”: already happened, so it is logged as met; nothing is planned."
            )
            return
        if item.action not in ("create", "update"):
            self.preview_label.setText(f"“{item.event.title}”: {item.reason}, so nothing is planned.")
            return
        try:
            planned = import_ics.preview(self._store, self.plan, item, self.playbook(), self._prefs)
        except FollowupError as error:
            self.preview_label.setText(str(error))
            return
        if not planned:
            self.preview_label.setText(f"“{item.event.title}”: no contact yet. Tick someone on the right to plan it.")
            return
        self.preview_label.setText(
            f"Plan preview for “{item.event.title}” ({plural(len(planned), 'follow-up')}); nothing is saved until you import."
        )
        self.preview_table.setRowCount(len(planned))
        for row, p in enumerate(planned):
            when = date_text(p.due_date, year=False) if p.due is None else datetime_text(p.due, self._tz, year=False)
            for col, text in enumerate([when, p.phase.label, p.title, channel_label(p.channel)]):
                self.preview_table.setItem(row, col, QTableWidgetItem(text))

    # -- writing ---------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        if self.plan is None:
            return
        plan, book, path, clock = self.plan, self.playbook(), self._store.path, self._store.clock
        self.import_button.setEnabled(False)

        def work(progress: Progress, cancelled: CancelCheck) -> Any:
            # Its own connection: SQLite connections stay on the thread that made them.
            with Store.open(path, clock) as store:
                return import_ics.apply(store, plan, book, progress=progress, cancelled=cancelled)

        run_with_progress(
            self,
            "Importing meetings and planning their follow-ups…",
            work,
            self._on_imported,
            self._on_import_failed,
            what="calendar job",
        )

    def _on_imported(self, result: Any) -> None:
        self.outcome = result
        self.imported.emit(result)
        self.accept()

    def _on_import_failed(self, message: str) -> None:
        self._fail(message)
        self.import_button.setEnabled(True)


def _what(item: import_ics.Item) -> str:
    if item.optional and item.action == "skip":
        return f"Later ({item.event.repeats}): tick to plan"
    if item.action == "log":
        return "Log as met (past)"
    what = {"create": "New", "update": "Update", "cancel": "Cancel", "skip": "Skip", "log": "Log"}[item.action]
    return (
        f"{what}: {item.reason}" if item.action != "create" else f"New: plan it{' (chosen)' if item.optional else ''}"
    )


def summary_text(result: import_ics.ImportResult) -> str:
    """One line for the status bar after an import."""
    return (
        f"Imported: {len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.cancelled)} cancelled, {plural(len(result.logged), 'past meeting')} logged, "
        f"{len(result.skipped)} skipped; "
        f"{plural(len(result.contacts_created), 'new contact')}."
    )

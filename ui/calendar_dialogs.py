"""Calendar dialogs: export to an .ics file (or a web calendar), and import
meetings from one with a preview of everything before it is saved.

Reading a big file and writing its plans run on a worker thread, each with a
cancellable progress dialog; the worker that writes opens its own connection,
and a cancelled import writes nothing (one transaction).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.calendar import import_ics
from followup.calendar.events import EventData, engagement_event, open_follow_up_events
from followup.calendar.export import ExportRequest, Mode, export, write_atomically
from followup.calendar.links import google_url, outlook_url
from followup.calendar.reading import DEFAULT_WINDOW_DAYS, ImportCancelled, read_calendar
from followup.errors import FollowupError
from followup.preferences import Preferences
from followup.store import Store
from ui.today_model import channel_label

log = logging.getLogger(__name__)
EXPORT_FOLDER_KEY = "calendar_export_folder"
IMPORT_FOLDER_KEY = "calendar_import_folder"
ICS_FILTER = "Calendar files (*.ics);;All files (*)"
ERROR_STYLE = "color: #c62828;"


# -- work off the GUI thread ----------------------------------------------------


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    """Runs ``work(progress, cancelled)``; reports by signal, never dies silently."""

    def __init__(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self.signals = _Signals()
        self.stop = threading.Event()
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.signals.progress.emit, self.stop.is_set)
        except ImportCancelled as error:
            self.signals.failed.emit(str(error))
        except FollowupError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:
            log.exception("calendar job failed")
            self.signals.failed.emit(f"Something went wrong: {error}")
        else:
            self.signals.finished.emit(result)


def _run_with_progress(
    parent: QWidget,
    label: str,
    work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
) -> _Job:
    progress = QProgressDialog(label, "Cancel", 0, 0, parent)
    progress.setWindowTitle("Followup")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    job = _Job(work)
    job.setAutoDelete(False)

    def step(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, total))

    def finish(result: Any) -> None:
        progress.close()
        on_done(result)

    def fail(message: str) -> None:
        progress.close()
        on_error(message)

    job.signals.progress.connect(step)
    job.signals.finished.connect(finish)
    job.signals.failed.connect(fail)
    progress.canceled.connect(job.stop.set)
    parent._calendar_job = job  # type: ignore[attr-defined]  # keep it alive until it reports
    QThreadPool.globalInstance().start(job)
    return job


def _folder(store: Store, key: str) -> str:
    value = store.settings.get(key)
    return value if isinstance(value, str) and Path(value).is_dir() else str(Path.home())


# -- export ---------------------------------------------------------------------


class ExportDialog(QDialog):
    """Export one follow-up, an engagement with its plan, a contact's open
    follow-ups or everything open, to add to a calendar or to invite."""

    def __init__(
        self,
        store: Store,
        *,
        follow_up_id: int | None = None,
        engagement_id: int | None = None,
        contact_id: int | None = None,
        open_url: Callable[[str], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export to a calendar")
        self.setMinimumWidth(560)
        self._store = store
        self._ids = {"follow_up": follow_up_id, "engagement": engagement_id, "contact": contact_id}
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.written: Path | None = None
        engagement = store.engagements.get(engagement_id) if engagement_id is not None else None
        self._engagement_cancelled = engagement is not None and engagement.status == "cancelled"

        what_box = QGroupBox("What to export")
        what_layout = QVBoxLayout(what_box)
        self._what = QButtonGroup(self)
        self.what_buttons: dict[str, QRadioButton] = {}
        choices = []
        if follow_up_id is not None:
            fu = store.follow_ups.get(follow_up_id)
            choices.append(("follow_up", f"This follow-up: {_elide(fu.title)}", f"Just this one: {fu.title}"))
        if engagement is not None:
            choices.append(
                (
                    "engagement",
                    f"The engagement “{_elide(engagement.title)}” and its plan",
                    "The engagement and each of its open follow-ups",
                )
            )
        if contact_id is not None:
            name = store.contacts.get(contact_id).name
            choices.append(("contact", f"{name}'s open follow-ups", f"Every open follow-up with {name}"))
        count = store.follow_ups.count_open()
        choices.append(
            (
                "all",
                f"Everything open ({count:,} follow-up{'s' if count != 1 else ''})",
                "Every open follow-up, with every contact",
            )
        )
        for key, text, tip in choices:
            button = QRadioButton(text)
            button.setToolTip(tip)
            self._what.addButton(button)
            self.what_buttons[key] = button
            what_layout.addWidget(button)
        next(iter(self.what_buttons.values())).setChecked(True)

        how_box = QGroupBox("How")
        how_layout = QVBoxLayout(how_box)
        self.add_button = QRadioButton("&Add to my calendar")
        self.add_button.setToolTip(
            "Events only in your calendar, each with a reminder. Nobody is invited.\n"
            "Re-exporting later updates the same events instead of adding copies."
        )
        self.invite_button = QRadioButton("&Invite the contact")
        self.invite_button.setToolTip(
            "A meeting invitation from you to the engagement's contacts: attach the file to an email.\n"
            "It carries the title, time and place; your notes stay private."
        )
        self.cancel_button = QRadioButton("Send the &cancellation")
        self.cancel_button.setToolTip("Tells the contacts' calendars that this engagement is cancelled.")
        self.add_button.setChecked(True)
        for b in (self.add_button, self.invite_button, self.cancel_button):
            how_layout.addWidget(b)
        self.cancel_button.setVisible(self._engagement_cancelled)
        self.invite_button.setVisible(not self._engagement_cancelled)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Where to save the .ics file")
        self.path_edit.setToolTip("The calendar file to write; calendar apps open it with File > Import")
        self.path_edit.setText(str(Path(_folder(store, EXPORT_FOLDER_KEY)) / "followup.ics"))
        browse = QPushButton("&Browse…")
        browse.setToolTip("Choose the file to save (the folder is remembered)")
        browse.setAutoDefault(False)  # Enter in the path field exports, it does not browse
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        save_label = QLabel("&Save as:")
        save_label.setBuddy(self.path_edit)
        form = QFormLayout()
        form.addRow(save_label, path_row)
        self.google_button = QPushButton("Open in &Google Calendar")
        self.google_button.setToolTip("Opens Google Calendar in your browser with this item filled in")
        self.outlook_button = QPushButton("Open in &Outlook")
        self.outlook_button.setToolTip("Opens Outlook on the web in your browser with this item filled in")
        for b in (self.google_button, self.outlook_button):
            b.setAutoDefault(False)
        self.google_button.clicked.connect(lambda: self._on_link(google_url))
        self.outlook_button.clicked.connect(lambda: self._on_link(outlook_url))
        links = QHBoxLayout()
        links.addWidget(QLabel("One item, no file:"))
        links.addWidget(self.google_button)
        links.addWidget(self.outlook_button)
        links.addStretch(1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(what_box)
        layout.addWidget(how_box)
        layout.addLayout(form)
        layout.addLayout(links)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        # Only once the button is inside the dialog does it become the dialog's default (Enter).
        self.export_button.setDefault(True)
        self._what.buttonToggled.connect(self._update)
        self.add_button.toggled.connect(self._update)
        self._update()

    # which item the radio buttons point at
    def _selected(self) -> str:
        for key, button in self.what_buttons.items():
            if button.isChecked():
                return key
        return "all"

    def mode(self) -> Mode:
        if self.invite_button.isChecked():
            return Mode.REQUEST
        if self.cancel_button.isChecked():
            return Mode.CANCEL
        return Mode.PUBLISH

    def request(self) -> ExportRequest:
        key = self._selected()
        return ExportRequest(
            follow_up_id=self._ids["follow_up"] if key == "follow_up" else None,
            engagement_id=self._ids["engagement"] if key == "engagement" else None,
            contact_id=self._ids["contact"] if key == "contact" else None,
            mode=self.mode(),
        )

    def _update(self, *_: object) -> None:
        engagement = self._selected() == "engagement"
        for b in (self.invite_button, self.cancel_button):
            b.setEnabled(engagement)
        if not engagement and not self.add_button.isChecked():
            self.add_button.setChecked(True)
        one = self._selected() in ("follow_up", "engagement") and self.mode() == Mode.PUBLISH
        self.google_button.setEnabled(one)
        self.outlook_button.setEnabled(one)
        self.message.setStyleSheet("")
        if self.mode() == Mode.REQUEST and not Preferences.load(self._store).user_email:
            self._error("Set your email address in Settings first: an invitation comes from you.")
        else:
            self.message.setText(self._hint())

    def _hint(self) -> str:
        if self.mode() == Mode.REQUEST:
            return "Attach the saved file to an email to the contacts; their calendars offer Accept and Decline."
        if self.mode() == Mode.CANCEL:
            return "Attach the saved file to an email to the contacts; it removes the meeting from their calendars."
        return "Open the saved file with Outlook or import it into Google Calendar (Settings > Import)."

    def _error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def _one_event(self) -> EventData | None:
        key = self._selected()
        if key == "follow_up" and self._ids["follow_up"] is not None:
            found = open_follow_up_events(self._store, follow_up_id=self._ids["follow_up"])
            return found[0] if found else None
        if key == "engagement" and self._ids["engagement"] is not None:
            return engagement_event(self._store, self._store.engagements.get(self._ids["engagement"]))
        return None

    def _on_link(self, make: Callable[[EventData], str]) -> None:
        try:
            event = self._one_event()
        except FollowupError as error:
            self._error(str(error))
            return
        if event is not None:
            self._open_url(make(event))

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the calendar file", self.path_edit.text(), ICS_FILTER)
        if path:
            self.path_edit.setText(path if path.lower().endswith(".ics") else path + ".ics")

    def _on_export_clicked(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self._error("Choose where to save the file.")
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        try:
            result = export(self._store, self.request())
            if not result.events:
                self._error("There is nothing open to export.")
                return
            write_atomically(path, result.data)
        except FollowupError as error:
            self._error(str(error))
            return
        except OSError as error:
            self._error(f"Cannot write {path}: {error.strerror or error}.")
            return
        self._store.settings.set(EXPORT_FOLDER_KEY, str(path.parent))
        self.written = path
        self.accept()


# -- import ---------------------------------------------------------------------


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

        self.events_table = _table(["When", "Event", "With", "What happens"], [165, 230, 130])
        self.events_table.setObjectName("importEvents")
        self.events_table.itemSelectionChanged.connect(self._refresh_preview)
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
        self.preview_table = _table(["When", "Phase", "Follow-up", "Channel"], [130, 70, 560])
        self.preview_table.setObjectName("importPreview")
        self.preview_label = QLabel("Plan preview: nothing is saved until you import.")

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
        split.setSizes([700, 250])

        self.summary = QLabel("Choose a file to see the meetings in it.")
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
            self, "Import a calendar file", _folder(self._store, IMPORT_FOLDER_KEY), ICS_FILTER
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
        try:
            data = path.read_bytes()
        except OSError as error:
            self._fail(f"Cannot read {path}: {error.strerror or error}.")
            return
        self._store.settings.set(IMPORT_FOLDER_KEY, str(path.parent))
        now, tz, days = self._store.clock.now(), self._prefs.user_tz, self.window_spin.value()
        self.summary.setStyleSheet("")
        self.summary.setText(f"Reading {path.name}…")

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            return read_calendar(data, now=now, user_tz=tz, window_days=days, progress=progress, cancelled=cancelled)

        _run_with_progress(self, f"Reading {path.name}…", work, self._on_read_done, self._fail)

    def _on_read_done(self, parsed: Any) -> None:
        self.plan = import_ics.analyse(self._store, parsed, self._prefs)
        self._fill()

    def _fail(self, message: str) -> None:
        self.error = message
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setText(message)

    def _fill(self) -> None:
        assert self.plan is not None
        plan = self.plan
        self.events_table.setRowCount(len(plan.items))
        for row, item in enumerate(plan.items):
            ev = item.event
            if ev.start is not None:
                when = f"{ev.start.astimezone(self._tz):%a %d %b %Y %H:%M}"
            else:
                when = f"{ev.start_date:%a %d %b %Y} (all day)"
            what = {"create": "New", "update": "Update", "cancel": "Cancel", "skip": "Skip"}[item.action]
            detail = f"{what}: {item.reason}" if item.action != "create" else "New: plan it"
            cells = [when, ev.title, ", ".join(plan.contacts_for(item)) or "—", detail]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if item.action == "skip":
                    cell.setForeground(self.palette().placeholderText())
                self.events_table.setItem(row, col, cell)
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
            self.events_table.selectRow(first)
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
        unknown = len(self.plan.people)
        if unknown:
            parts.append(f"{unknown} {'person is' if unknown == 1 else 'people are'} not yet contacts")
        self.summary.setStyleSheet("")
        self.summary.setText(", ".join(parts) + ".")
        self.import_button.setEnabled(counts["create"] + counts["update"] + counts["cancel"] > 0)

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
            f"Plan preview for “{item.event.title}” ({len(planned)} follow-ups); nothing is saved until you import."
        )
        self.preview_table.setRowCount(len(planned))
        for row, p in enumerate(planned):
            when = f"{p.due_date:%a %d %b}" if p.due is None else f"{p.due.astimezone(self._tz):%a %d %b %H:%M}"
            for col, text in enumerate([when, p.phase.label, p.title, channel_label(p.channel)]):
                self.preview_table.setItem(row, col, QTableWidgetItem(text))

    # -- writing ---------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        if self.plan is None:
            return
        plan, book, path, clock = self.plan, self.playbook(), self._store.path, self._store.clock
        self.import_button.setEnabled(False)

        def work(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Any:
            # Its own connection: SQLite connections stay on the thread that made them.
            with Store.open(path, clock) as store:
                return import_ics.apply(store, plan, book, progress=progress, cancelled=cancelled)

        _run_with_progress(
            self, "Importing meetings and planning their follow-ups…", work, self._on_imported, self._on_import_failed
        )

    def _on_imported(self, result: Any) -> None:
        self.outcome = result
        self.imported.emit(result)
        self.accept()

    def _on_import_failed(self, message: str) -> None:
        self._fail(message)
        self.import_button.setEnabled(True)


def _elide(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _table(headers: list[str], widths: list[int]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for col, width in enumerate(widths):
        table.setColumnWidth(col, width)
    return table


def summary_text(result: import_ics.ImportResult) -> str:
    """One line for the status bar after an import."""
    return (
        f"Imported: {len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.cancelled)} cancelled, {len(result.skipped)} skipped; "
        f"{len(result.contacts_created)} new contacts."
    )


__all__ = ["ExportDialog", "ImportDialog", "summary_text"]

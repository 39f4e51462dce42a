"""Import contacts: choose a file, (map its columns,) preview, import, see the summary.

Reading, planning and writing run on a worker thread with its own database
connection; the progress bar follows and Cancel stops it. Nothing is written
until Import, and the import is one transaction, so a Cancel there rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.clock import Clock
from followup.contacts_io import Cancelled, ParsedFile, read_file
from followup.contacts_io.generic_csv import FIELDS, guess_mapping
from followup.contacts_io.merge import Action, ImportPlan, ImportSummary, apply_import, plan_import
from followup.contacts_io.reader import remap
from followup.store import Store
from ui.contacts_io.import_preview import PreviewModel
from ui.ops import jobs
from ui.ops.jobs import ProgressJob
from ui.style import theme

FILE_FILTER = "Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv);;All files (*)"
FORMAT_CHOICES = [
    ("auto", "Detect automatically"),
    ("vcard", "vCard (.vcf)"),
    ("google-csv", "Google Contacts CSV"),
    ("outlook-csv", "Outlook CSV"),
    ("thunderbird-csv", "Thunderbird CSV"),
    ("csv", "Other CSV (choose the columns)"),
]


# -- the dialog ---------------------------------------------------------------


class ContactsImportDialog(QDialog):
    """Emits ``contacts_imported(created, merged)`` after a successful import."""

    contacts_imported = Signal(int, int)

    def __init__(self, db_path: Path, clock: Clock, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import contacts")
        self.resize(760, 280)  # grows for the preview (see _show)
        self._db_path, self._clock = db_path, clock
        self._job: ProgressJob | None = None
        self._parsed: ParsedFile | None = None
        self.summary: ImportSummary | None = None

        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._working_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._summary_page())

        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.error_style())
        self.message.hide()

        self.back_button = QPushButton("&Back")
        self.next_button = QPushButton()
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        if path is not None:
            self.file_edit.setText(str(path))
        self._show(0)

    # -- pages ---------------------------------------------------------------

    def _choose_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            "Bring your address book from Google Contacts, Outlook, Apple Contacts or your phone: export it "
            "as vCard (.vcf) or CSV there, then choose the file here. You will see every contact before "
            "anything is saved; people you already have are merged, not duplicated."
        )
        intro.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText("contacts.vcf or contacts.csv")
        self.file_edit.setAccessibleName("File")
        self.file_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(browse)
        self.format_combo = QComboBox()
        for key, label in FORMAT_CHOICES:
            self.format_combo.addItem(label, key)
        form = QFormLayout()
        file_label = QLabel("&File")
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, row)
        form.addRow("F&ormat", self.format_combo)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _working_page(self) -> QWidget:
        page = QWidget()
        self.working_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.working_label)
        layout.addWidget(self.progress)
        layout.addStretch(2)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            "This CSV file is not from Google or Outlook, so say what each column holds. Columns left on "
            "“Keep in notes” are kept in the contact's notes as “Column: value”."
        )
        intro.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(["Column in the file", "First values", "Import as"])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.mapping_table, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        font = self.counts_label.font()
        font.setBold(True)
        self.counts_label.setFont(font)
        self.file_label = QLabel()
        self.file_label.setStyleSheet(f"color: {theme.muted().name()};")
        self.model = PreviewModel(self)
        self.model.ticks_changed.connect(self._on_model_ticks_changed)
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((28, 150, 170, 160, 210, 300, 110)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.counts_label)
        top.addStretch(1)
        top.addWidget(self.file_label)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        hint = QLabel("Untick anyone you do not want. Nothing already in Followup is overwritten.")
        hint.setStyleSheet(f"color: {theme.muted().name()};")
        layout.addWidget(hint)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label, 1)
        return page

    # -- navigation ----------------------------------------------------------

    def _show(self, page: int) -> None:
        if page in (2, 3):
            self.resize(max(self.width(), 1120), max(self.height(), 620))
        self.pages.setCurrentIndex(page)
        self.back_button.setVisible(page in (2, 3))
        self.next_button.setVisible(page != 1)
        self.next_button.setText({0: "&Next", 2: "&Preview", 3: "&Import", 4: "&Close"}.get(page, ""))
        self.cancel_button.setVisible(page != 4)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        if page == 0:
            self.next_button.setEnabled(bool(self.file_edit.text().strip()))
        elif page == 3:
            counts = self.model.counts()
            chosen = counts[Action.NEW] + counts[Action.MERGE]
            self.next_button.setEnabled(chosen > 0)
            self.next_button.setText(f"&Import {chosen:,} contact{'s' * (chosen != 1)}")
        else:
            self.next_button.setEnabled(True)

    def _on_back_button_clicked(self) -> None:
        self._say("")
        if self.pages.currentIndex() == 3 and self._parsed is not None and self._parsed.format == "csv":
            self._show(2)
        else:
            self._show(0)

    def _on_next_button_clicked(self) -> None:
        page = self.pages.currentIndex()
        self._say("")
        if page == 0:
            self._read()
        elif page == 2:
            self._plan_mapped()
        elif page == 3:
            self._import()
        elif page == 4:
            self.accept()

    def _on_cancel_button_clicked(self) -> None:
        if self._job is not None:
            self._job.stop.set()
            self.working_label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import contacts from", self.file_edit.text(), FILE_FILTER)
        if path:
            self.file_edit.setText(path)

    def _on_model_ticks_changed(self) -> None:
        counts = self.model.counts()
        self.counts_label.setText(
            f"{counts[Action.NEW]:,} new · {counts[Action.MERGE]:,} merged · {counts[Action.SKIP]:,} skipped"
        )
        self._update_buttons()

    # -- work ----------------------------------------------------------------

    def _read(self) -> None:
        path = Path(self.file_edit.text().strip()).expanduser()
        fmt = self.format_combo.currentData()

        def work(store: Store, progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> Any:
            parsed = read_file(path, fmt, progress=progress, cancel=cancel)
            if parsed.format == "csv":
                return parsed, None
            return parsed, plan_import(store, parsed.items, cancel=cancel)

        self._start(f"Reading {path.name}…", work, self._on_read_finished, back_to=0)

    def _on_read_finished(self, result: tuple[ParsedFile, ImportPlan | None]) -> None:
        parsed, plan = result
        self._parsed = parsed
        if plan is None:
            self._fill_mapping(parsed)
            self._show(2)
        else:
            self._show_plan(plan)

    def _fill_mapping(self, parsed: ParsedFile) -> None:
        guessed = guess_mapping(parsed.headers, parsed.rows)
        self.mapping_table.setRowCount(len(parsed.headers))
        for column, header in enumerate(parsed.headers):
            samples = [cells[column] for _, cells in parsed.rows[:5] if column < len(cells) and cells[column].strip()]
            self.mapping_table.setItem(column, 0, QTableWidgetItem(header))
            self.mapping_table.setItem(column, 1, QTableWidgetItem(" · ".join(s.replace("\n", " ") for s in samples)))
            combo = QComboBox()
            for key, label in FIELDS.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(list(FIELDS).index(guessed.get(column, "notes-extra")))
            combo.setAccessibleName(f"Import {header} as")
            self.mapping_table.setCellWidget(column, 2, combo)
        self.mapping_table.resizeRowsToContents()

    def mapping(self) -> dict[int, str]:
        result = {}
        for row in range(self.mapping_table.rowCount()):
            combo = self.mapping_table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            result[row] = combo.currentData()
        return result

    def _plan_mapped(self) -> None:
        parsed, mapping = self._parsed, self.mapping()
        assert parsed is not None

        def work(store: Store, progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> Any:
            mapped = remap(parsed, mapping)
            return mapped, plan_import(store, mapped.items, cancel=cancel)

        self._start("Preparing the preview…", work, self._on_read_finished, back_to=2)

    def _show_plan(self, plan: ImportPlan) -> None:
        assert self._parsed is not None
        self.model.set_plan(plan)
        self.file_label.setText(
            f"{Path(self.file_edit.text()).name} · {dict(FORMAT_CHOICES).get(self._parsed.format, 'CSV')}"
            f" · {self._parsed.encoding}"
            + "".join(f"\n{note}" for note in self._parsed.notes[:3])
            + (f"\n…and {len(self._parsed.notes) - 3} more lines skipped" if len(self._parsed.notes) > 3 else "")
        )
        self._show(3)

    def _import(self) -> None:
        assert self._parsed is not None
        items, selected = self._parsed.items, self.model.selected()

        def work(store: Store, progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> Any:
            return apply_import(store, items, selected, progress=progress, cancel=cancel)

        self._start(f"Importing {len(selected):,} contacts…", work, self._on_import_finished, back_to=3)

    def _on_import_finished(self, summary: ImportSummary) -> None:
        self.summary = summary
        lines = [
            f"<p><b>Imported {len(summary.created):,} new contact{'s' * (len(summary.created) != 1)}, "
            f"merged {len(summary.merged):,} into people you already had, "
            f"skipped {len(summary.skipped):,}"
            + (f", left out {self.model.unticked():,} you unticked" if self.model.unticked() else "")
            + ".</b></p>"
        ]
        if summary.merged:
            lines.append("<p>Merged:</p><ul>")
            lines += [
                f"<li>{_html(name)}: {_html('; '.join(changes))}</li>" for _, name, changes in summary.merged[:20]
            ]
            lines.append(
                "</ul>" + (f"<p>… and {len(summary.merged) - 20:,} more.</p>" if len(summary.merged) > 20 else "")
            )
        if summary.skipped:
            lines.append("<p>Skipped:</p><ul>")
            lines += [
                f"<li>{_html(source)} {_html(name)}: {_html(reason)}</li>"
                for source, name, reason in summary.skipped[:20]
            ]
            lines.append(
                "</ul>" + (f"<p>… and {len(summary.skipped) - 20:,} more.</p>" if len(summary.skipped) > 20 else "")
            )
        self.summary_label.setText("".join(lines))
        self._show(4)
        self.contacts_imported.emit(len(summary.created), len(summary.merged))

    def _start(
        self,
        text: str,
        work: Callable[..., Any],
        on_done: Callable[[Any], None],
        *,
        back_to: int,
    ) -> None:
        job = ProgressJob.with_store(
            self._db_path, self._clock, work, what="contacts import/export job", cancelled_by=Cancelled
        )
        job.setAutoDelete(False)
        self._job = job
        self.working_label.setText(text)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._show(1)

        def progress(done: int, total: int) -> None:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)

        def finished(result: Any) -> None:
            self._job = None
            on_done(result)

        def failed(message: str) -> None:
            self._job = None
            self._show(back_to)
            self._say(message)

        def cancelled() -> None:
            self._job = None
            self._show(back_to)
            self._say("Cancelled: nothing was imported.")

        job.signals.progress.connect(progress)
        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        job.signals.cancelled.connect(cancelled)
        jobs.start(job)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def wait(self, msecs: int = 30_000) -> bool:
        return jobs.wait(msecs)

    def done(self, result: int) -> None:
        # Closing while a job runs: stop it (it rolls back) and wait, so no
        # worker outlives the dialog that would receive its signals.
        if self._job is not None:
            self._job.stop.set()
            jobs.wait(30_000)
        super().done(result)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

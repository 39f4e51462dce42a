"""Import contacts: choose a file, (map its columns,) preview, import, see the summary.

Reading, planning and writing run on a worker thread with its own database
connection; the progress bar follows and Cancel stops it. Nothing is written
until Import, and the import is one transaction, so a Cancel there rolls back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.clock import Clock
from followup.contacts_io import Cancelled, ParsedFile, read_file
from followup.contacts_io.batch import Batch, apply_batch
from followup.contacts_io.generic_csv import FIELDS, guess_mapping
from followup.contacts_io.merge import Action, ImportPlan, ImportSummary, apply_import, plan_import
from followup.contacts_io.reader import remap
from followup.errors import FollowupError
from followup.progress import CancelCheck, Progress
from followup.store import Store
from ui.contacts_io.import_pages import FORMAT_CHOICES, ChoosePage, MappingPage, PreviewPage, SummaryPage, WorkingPage
from ui.contacts_io.import_preview import PreviewModel
from ui.ops import jobs
from ui.ops.jobs import ProgressJob
from ui.widgets.counts import plural
from ui.widgets.plain_text import plain
from ui.widgets.save_errors import error_label

FILE_FILTER = "Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv);;All files (*)"


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
        self._add_pages()

        self.message = plain(error_label("importMessage"))

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

    # -- pages (ui/contacts_io/import_pages.py) -------------------------------

    def _add_pages(self) -> None:
        choose, working, mapping = ChoosePage(), WorkingPage(), MappingPage()
        self.model = PreviewModel(self)
        self.model.ticks_changed.connect(self._on_model_ticks_changed)
        preview, summary = PreviewPage(self.model), SummaryPage()
        for page in (choose, working, mapping, preview, summary):
            self.pages.addWidget(page)
        self.file_edit, self.format_combo = choose.file_edit, choose.format_combo
        self.file_edit.textChanged.connect(self._update_buttons)
        choose.browse.clicked.connect(self._on_browse_clicked)
        self.working_label, self.progress = working.working_label, working.progress
        self.mapping_table = mapping.mapping_table
        self.counts_label, self.file_label, self.table = preview.counts_label, preview.file_label, preview.table
        self.batch_row = preview.batch
        self.batch_row.changed.connect(self._plan_again)
        self.summary_label = summary.summary_label

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

        batch = self._batch()

        def work(store: Store, progress: Progress, cancel: CancelCheck) -> Any:
            parsed = read_file(path, fmt, progress=progress, cancel=cancel)
            if parsed.format == "csv":
                return parsed, None
            return parsed, plan_import(store, apply_batch(parsed.items, batch), cancel=cancel)

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

        batch = self._batch()

        def work(store: Store, progress: Progress, cancel: CancelCheck) -> Any:
            mapped = remap(parsed, mapping)
            return mapped, plan_import(store, apply_batch(mapped.items, batch), cancel=cancel)

        self._start("Preparing the preview…", work, self._on_read_finished, back_to=2)

    def _batch(self) -> Batch:
        """The batch's kind and tags; none while its tags cannot be (said when importing)."""
        try:
            return self.batch_row.batch()
        except FollowupError:
            return Batch()

    def _plan_again(self) -> None:
        """The batch's kind or tags changed: the preview shows the plan with them
        (what was unticked stays unticked)."""
        parsed = self._parsed
        if parsed is None or self.pages.currentIndex() != 3:
            return
        try:
            batch = self.batch_row.batch()
        except FollowupError as error:
            self._say(str(error))
            return
        unticked = self.model.unticked_indexes()

        def work(store: Store, progress: Progress, cancel: CancelCheck) -> Any:
            return plan_import(store, apply_batch(parsed.items, batch), cancel=cancel)

        self._start("Preparing the preview…", work, lambda plan: self._show_plan(plan, unticked), back_to=3)

    def _show_plan(self, plan: ImportPlan, unticked: frozenset[int] = frozenset()) -> None:
        assert self._parsed is not None
        self.model.set_plan(plan, unticked)
        self.file_label.setText(
            f"{Path(self.file_edit.text()).name} · {dict(FORMAT_CHOICES).get(self._parsed.format, 'CSV')}"
            f" · {self._parsed.encoding}"
            + "".join(f"\n{note}" for note in self._parsed.notes[:3])
            + (f"\n…and {len(self._parsed.notes) - 3} more lines skipped" if len(self._parsed.notes) > 3 else "")
        )
        self._show(3)

    def _import(self) -> None:
        assert self._parsed is not None
        try:
            items = apply_batch(self._parsed.items, self.batch_row.batch())
        except FollowupError as error:
            self._say(str(error))
            return
        selected = self.model.selected()

        def work(store: Store, progress: Progress, cancel: CancelCheck) -> Any:
            return apply_import(store, items, selected, progress=progress, cancel=cancel)

        self._start(f"Importing {plural(len(selected), 'contact')}…", work, self._on_import_finished, back_to=3)

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

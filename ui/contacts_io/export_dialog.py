"""Export contacts (all, the ones shown in the list, or one) to vCard or CSV;
back up everything to one file and restore from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from followup.changes import Changes
from followup.clock import Clock
from followup.contacts_io import Cancelled
from followup.contacts_io import backup as backups
from followup.contacts_io.export import EXPORT_FORMATS, load_contacts, write
from followup.errors import FollowupError
from followup.progress import CancelCheck, Progress
from followup.store import Store
from ui.ops import jobs
from ui.ops.changes import ChangesHub
from ui.ops.jobs import ProgressJob
from ui.ops.operations import FAILED, Failed, run
from ui.style import theme

SUFFIX = {"vcard4": ".vcf", "vcard3": ".vcf", "google-csv": ".csv", "outlook-csv": ".csv"}
BACKUP_FILTER = "Followup backup (*.followup-backup);;All files (*)"


class ContactsExportDialog(QDialog):
    """``shown_ids``: the contacts the list shows now (its filter); ``current``:
    (id, name) of the open contact. Emits ``exported(path, count)``."""

    exported = Signal(str, int)

    def __init__(
        self,
        db_path: Path,
        clock: Clock,
        total: int,
        shown_ids: list[int] | None = None,
        current: tuple[int, str] | None = None,
        parent: QWidget | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export contacts")
        self.setMinimumWidth(620)
        self._db_path, self._clock = db_path, clock
        self._shown_ids, self._current = shown_ids, current
        self._job: ProgressJob | None = None

        self.all_radio = QRadioButton(f"&All contacts ({total:,})")
        self.shown_radio = QRadioButton(f"The contacts shown in the &list ({len(shown_ids or []):,})")
        self.one_radio = QRadioButton(f"Only &{current[1]}" if current else "Only the open contact")
        self.shown_radio.setEnabled(bool(shown_ids))
        self.one_radio.setEnabled(current is not None)
        self.scope = QButtonGroup(self)
        for button in (self.all_radio, self.shown_radio, self.one_radio):
            self.scope.addButton(button)
        self.all_radio.setChecked(True)
        self.include_archived = QCheckBox("Include archived contacts")
        self.include_archived.setChecked(True)
        self.all_radio.toggled.connect(self.include_archived.setEnabled)
        scope = QVBoxLayout()
        scope.setSpacing(4)
        for widget in (self.all_radio, self.include_archived, self.shown_radio, self.one_radio):
            scope.addWidget(widget)
        self.include_archived.setContentsMargins(24, 0, 0, 0)
        self.include_archived.setStyleSheet("margin-left: 22px;")

        self.format_combo = QComboBox()
        for key, label in EXPORT_FORMATS.items():
            self.format_combo.addItem(label, key)
        self.format_combo.currentIndexChanged.connect(self._on_format_combo_changed)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {theme.muted().name()};")

        start = (folder or Path.home()) / "followup-contacts.vcf"
        self.file_edit = QLineEdit(str(start))
        self.file_edit.setAccessibleName("File")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)

        form = QFormLayout()
        what = QLabel("Contacts")
        form.addRow(what, scope)
        format_label = QLabel("&Format")
        format_label.setBuddy(self.format_combo)
        form.addRow(format_label, self.format_combo)
        form.addRow("", self.hint)
        file_label = QLabel("&Save to")
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, file_row)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self.export_button = QPushButton("&Export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._on_format_combo_changed()

    def chosen_ids(self) -> list[int] | None:
        if self.one_radio.isChecked() and self._current:
            return [self._current[0]]
        if self.shown_radio.isChecked():
            return list(self._shown_ids or [])
        return None

    def _on_format_combo_changed(self) -> None:
        fmt = self.format_combo.currentData()
        self.hint.setText(
            {
                "vcard4": "Phones, Apple Contacts, Thunderbird and Google read vCard 4.0. Everything a contact "
                "holds is kept, and Followup reads it back completely.",
                "vcard3": "For older programs and older Outlook versions.",
                "google-csv": "Import it at contacts.google.com → Import. Cells that would start a spreadsheet "
                "formula get a leading apostrophe.",
                "outlook-csv": "Import it in Outlook → Import/Export → Comma Separated Values. Outlook has no "
                "time zone or labels for emails; those are left out.",
            }[fmt]
        )
        path = Path(self.file_edit.text())
        self.file_edit.setText(str(path.with_suffix(SUFFIX[fmt])))

    def _on_browse_clicked(self) -> None:
        suffix = SUFFIX[self.format_combo.currentData()]
        path, _ = QFileDialog.getSaveFileName(self, "Export contacts to", self.file_edit.text(), f"*{suffix}")
        if path:
            self.file_edit.setText(path if path.lower().endswith(suffix) else path + suffix)

    def _on_export_button_clicked(self) -> None:
        path = Path(self.file_edit.text().strip()).expanduser()
        fmt, ids, archived = self.format_combo.currentData(), self.chosen_ids(), self.include_archived.isChecked()

        def work(store: Store, progress: Progress, cancel: CancelCheck) -> Any:
            return write(load_contacts(store, ids, include_archived=archived or ids is not None), path, fmt)

        job = ProgressJob.with_store(
            self._db_path, self._clock, work, what="contacts import/export job", cancelled_by=Cancelled
        )
        job.setAutoDelete(False)
        self._job = job
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.hide()

        def finished(count: int) -> None:
            self._job = None
            self._done(f"Exported {count:,} contact{'s' * (count != 1)} to {path}.", error=False)
            self.exported.emit(str(path), count)

        def failed(message: str) -> None:
            self._job = None
            self._done(message, error=True)

        job.signals.finished.connect(finished)
        job.signals.failed.connect(failed)
        jobs.start(job)

    def _done(self, text: str, *, error: bool) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(text)
        self.status.setStyleSheet(theme.error_style() if error else theme.success_style())
        self.status.show()

    def wait(self, msecs: int = 30_000) -> bool:
        return jobs.wait(msecs)

    def done(self, result: int) -> None:
        jobs.wait(30_000)
        super().done(result)


def back_up(parent: QWidget, store: Store, folder: Path) -> Path | None:
    """File > Back up…: choose a file, write everything to it, say what was saved."""
    stamp = store.clock.now().strftime("%Y-%m-%d")
    path, _ = QFileDialog.getSaveFileName(
        parent, "Back up everything to", str(folder / f"followup-{stamp}.followup-backup"), BACKUP_FILTER
    )
    if not path:
        return None
    try:
        info = backups.back_up(store, path)
    except FollowupError as error:
        QMessageBox.warning(parent, "Backup failed", str(error))
        return None
    QMessageBox.information(parent, "Backed up", f"Saved {info.describe()} to {info.path}.")
    return info.path


def restore(parent: QWidget, store: Store, folder: Path, hub: ChangesHub | None = None) -> bool:
    """File > Restore…: choose a backup, check it, confirm, replace. True if restored
    (the caller then reloads every view from the store)."""
    path, _ = QFileDialog.getOpenFileName(parent, "Restore from backup", str(folder), BACKUP_FILTER)
    if not path:
        return False
    try:
        info = backups.inspect(path, store.path.parent)
    except FollowupError as error:
        QMessageBox.warning(parent, "Cannot restore", str(error))
        return False
    force = False
    if backups.holds_data(store):
        answer = QMessageBox.question(
            parent,
            "Replace everything?",
            f"The backup holds {info.describe()}.\n\nRestoring replaces everything Followup holds now. "
            "A copy of the current data is kept beside the database first.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        force = True
    # every view reloads: the restored data replaced everything
    result = run(hub, parent, "Cannot restore", lambda: backups.restore(store, path, force=force), Changes.everything())
    if isinstance(result, Failed):
        return False
    kept = f"\n\nThe data it replaced was kept in {result.kept_copy}." if result.kept_copy else ""
    unknown = (
        f"\n\nSettings this version does not know were left out: {', '.join(result.dropped_unknown)}."
        if result.dropped_unknown
        else ""
    )
    done = QMessageBox(
        QMessageBox.Icon.Information,
        "Restored",
        f"Restored {info.describe()}.{kept}{unknown}",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    done.setTextFormat(Qt.TextFormat.PlainText)  # setting names come from the file
    done.exec()
    if result.dropped_paths:
        confirm_paths(parent, store, result.dropped_paths, hub)
    return True


PATH_NAMES = {
    "calendar_live_file": "Live calendar file (Followup overwrites it)",
    "export_folder": "Folder for exports",
    "calendar_export_folder": "Folder for calendar exports",
    "calendar_import_folder": "Folder for calendar imports",
}


def confirm_paths(parent: QWidget | None, store: Store, paths: dict[str, str], hub: ChangesHub | None = None) -> bool:
    """Paths from a backup are never used silently: the user says yes to them
    (they were left unset by the restore). True if they were applied."""
    lines = "\n".join(f"\u2022 {PATH_NAMES.get(k, k)}: {v}" for k, v in sorted(paths.items()))
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Use the backup's files and folders?",
        "The backup names places on this computer that Followup writes to or opens:\n\n"
        f"{lines}\n\nUse them again? With No they stay unset; you can choose them in Settings.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # a path is text, never markup
    box.setDefaultButton(QMessageBox.StandardButton.No)
    answer = box.exec()
    if answer != QMessageBox.StandardButton.Yes:
        return False

    def use_them() -> None:
        with store.transaction():
            for key, value in paths.items():
                store.settings.set(key, value)

    return run(hub, parent, "Use the backup's files and folders", use_them, Changes(settings=True)) is not FAILED

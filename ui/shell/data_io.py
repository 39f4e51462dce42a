"""The window's file work: contacts in and out, back up and restore, calendars
in and out, and the live calendar file. Dialogs come from their own modules;
this class decides when to open them and what to refresh afterwards."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from followup.changes import Changes
from followup.store import undo_stash
from ui.ops import jobs
from ui.ops.jobs import TaskRunner
from ui.ops.operations import Failed, run
from ui.ops.shell import Shell
from ui.widgets.counts import plural

if TYPE_CHECKING:
    # (only a type here: icalendar, which it loads, costs ~0.3 s of the start-up)
    from followup.calendar import import_ics
    from followup.store import Store

log = logging.getLogger(__name__)


def _write_live_file(store: Store) -> str | None:
    """Write the live calendar file if one is set; what went wrong, or None."""
    import sqlite3

    from followup.calendar import live_file

    try:
        live_file.refresh(store)
    except sqlite3.ProgrammingError:  # the database was closed under a pending write: nothing to write from
        log.debug("live calendar file not refreshed: the database is closed")
    except OSError as error:
        return str(error)
    return None


class DataIO(QObject):
    """Asks the window through ``Shell``, plus what file work alone needs: the
    window's store worker (``tasks``), forgetting Undo when the data was
    replaced, and the contacts the list shows (what an export of "the
    list" writes)."""

    demo_loaded = Signal()  # the window shows Today and the first contact

    def __init__(
        self,
        shell: Shell,
        tasks: TaskRunner,
        forget_undo: Callable[[], None],
        listed_contacts: Callable[[], list[int]],
    ) -> None:
        super().__init__(shell.dialog_parent())
        self.shell, self.tasks = shell, tasks
        self._forget_undo_steps, self._listed_contacts = forget_undo, listed_contacts
        self._live_file_warned = False
        # The live calendar file is rewritten on the worker as soon as the
        # changes of one operation are all published (a zero timer: the next
        # turn of the event loop), so it is on disk within its own write time
        # of a change (bench/bench_ics_scale.py); changes made while it is
        # being written are written right after, once.
        self._live_file_timer = QTimer(self)
        self._live_file_timer.setSingleShot(True)
        self._live_file_timer.setInterval(0)
        self._live_file_timer.timeout.connect(self.refresh_live_file)
        self._live_file_job: jobs.ProgressJob | None = None
        self._live_file_last: jobs.ProgressJob | None = None
        self._live_file_again = False
        # It holds a window of time (live_file.window): written again every hour as that moves.
        self._live_file_hourly = QTimer(self)
        self._live_file_hourly.setInterval(3_600_000)
        self._live_file_hourly.timeout.connect(self._live_file_timer.start)
        self._live_file_hourly.start()
        shell.hub.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if changes.due:  # follow-ups, engagements, contacts, touch points (the description) or settings
            self._live_file_timer.start()

    def import_meetings(self) -> None:
        w = self.shell
        from ui.calendar.import_dialog import ImportDialog, summary_text

        dialog = ImportDialog(w.store, parent=w.dialog_parent())

        def imported(result: import_ics.ImportResult) -> None:
            w.show_status(summary_text(result), 10000)
            w.hub.publish(Changes.everything())

        dialog.imported.connect(imported)
        dialog.exec()

    def export_calendar(
        self, *, follow_up_id: int | None = None, engagement_id: int | None = None, invite: bool = False
    ) -> None:
        w = self.shell
        from ui.calendar.export_dialog import ExportDialog

        contact_id = w.shown_contact_id() if follow_up_id is None and engagement_id is None else None
        dialog = ExportDialog(
            w.store,
            follow_up_id=follow_up_id,
            engagement_id=engagement_id,
            contact_id=contact_id,
            parent=w.dialog_parent(),
        )
        if invite:
            dialog.invite_button.setChecked(True)
        dialog.exec()

    def follow_up_to_calendar(self, follow_up_id: int, how: str) -> None:
        w = self.shell
        if how == "ics":
            self.export_calendar(follow_up_id=follow_up_id)
            return
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from followup.calendar.events import open_follow_up_events
        from followup.calendar.links import google_url, outlook_url

        events = open_follow_up_events(w.store, follow_up_id=follow_up_id)
        if not events:
            w.show_status("That follow-up is no longer open.", 5000)
            return
        url = google_url(events[0]) if how == "google" else outlook_url(events[0])
        QDesktopServices.openUrl(QUrl(url))

    def flush_live_file(self) -> None:
        """Write a pending live calendar file now, on this thread (the window is closing)."""
        pending = self._live_file_timer.isActive() or self._live_file_again
        self._live_file_timer.stop()
        self._live_file_again = False
        if pending:
            jobs.wait()  # a write under way ends first: they share the cache of serialised events
            self._live_file_failed(_write_live_file(self.shell.store))

    @property
    def live_file_pending(self) -> bool:
        """Whether a change has not reached the live calendar file yet (for tests)."""
        return self._live_file_timer.isActive() or self._live_file_job is not None

    def refresh_live_file(self) -> None:
        """Write the live calendar file on the worker, with its own connection."""
        if self._live_file_job is not None:
            self._live_file_again = True
            return
        w = self.shell
        from followup.calendar.live_setting import live_path  # not live_file: icalendar, ~0.2 s

        if live_path(w.store) is None:  # off: no job, no connection opened for nothing
            return
        job = jobs.ProgressJob.with_store(
            w.store.path, w.clock, lambda store, _p, _c: _write_live_file(store), what="live calendar file"
        )
        job.setAutoDelete(False)
        # Slots of this object (not plain callables): a report still queued when the
        # window is gone is dropped by Qt, never delivered to a deleted object.
        job.signals.finished.connect(self._on_live_file_job_finished)
        job.signals.failed.connect(self._on_live_file_job_failed)
        self._live_file_job = self._live_file_last = job  # the last one lives on: its signals may still be queued
        jobs.start(job)

    @Slot(object)
    def _on_live_file_job_finished(self, problem: object) -> None:
        self._on_live_file_written(problem if isinstance(problem, str) else None)

    @Slot(str)
    def _on_live_file_job_failed(self, problem: str) -> None:
        self._on_live_file_written(problem)

    def _on_live_file_written(self, problem: str | None) -> None:
        self._live_file_job = None
        self._live_file_failed(problem)
        if self._live_file_again:
            self._live_file_again = False
            self._live_file_timer.start()

    def _live_file_failed(self, problem: str | None) -> None:
        if problem is None:
            return
        log.warning("cannot write the live calendar file: %s", problem)
        if not self._live_file_warned:
            self._live_file_warned = True
            self.shell.show_status(f"Could not update the live calendar file: {problem}", 10000)

    def import_contacts(self) -> None:
        w = self.shell
        from ui.contacts_io.import_dialog import ContactsImportDialog

        dialog = ContactsImportDialog(w.store.path, w.clock, w.dialog_parent())
        dialog.contacts_imported.connect(lambda _created, _merged: w.hub.publish(Changes.everything()))
        dialog.exec()

    def export_contacts(self, selected: list[int] | None = None) -> None:
        w = self.shell
        from ui.contacts_io.export_dialog import ContactsExportDialog

        shown = self._listed_contacts()
        page = w.shown_contact_id()
        current = (page, w.store.contacts.row(page).name) if page is not None else None
        folder = Path(w.store.settings.get("export_folder") or Path.home())
        dialog = ContactsExportDialog(
            w.store.path,
            w.clock,
            w.store.contacts.count(),
            shown,
            current,
            w.dialog_parent(),
            folder=folder,
            selected_ids=selected,
        )
        dialog.exported.connect(lambda path, _n: self._remember_folder(Path(path).parent))
        dialog.exec()

    def _remember_folder(self, folder: Path) -> None:
        w = self.shell
        # the folder is where the next export starts: nothing on screen shows it
        run(
            w.hub,
            w.dialog_parent(),
            "Export contacts",
            lambda: w.store.settings.set("export_folder", str(folder)),
            Changes(),
        )

    def back_up(self) -> None:
        w = self.shell
        from ui.contacts_io.export_dialog import back_up

        back_up(w.dialog_parent(), w.store, Path(w.store.settings.get("export_folder") or Path.home()))

    def _forget_undo(self) -> None:
        """Undo is forgotten (the data was replaced), and with it what this
        window's bulk deletes kept for it (followup/store/undo_stash.py): no
        step is left to use it, and it held disk space until the window closed."""
        self._forget_undo_steps()
        undo_stash.sweep(self.shell.store.path, ours=True)

    def restore(self) -> None:
        w = self.shell
        from ui.contacts_io.export_dialog import restore

        self.tasks.wait()  # restore writes through this window's own connection
        if restore(w.dialog_parent(), w.store, Path(w.store.settings.get("export_folder") or Path.home()), w.hub):
            self._forget_undo()

    def remove_demo(self) -> None:
        """File > Remove demo data: exactly the demo rows, after a yes."""
        from followup import demo_marks

        w = self.shell
        count = demo_marks.demo_contacts(w.store)
        if not count:
            QMessageBox.information(w.dialog_parent(), "Remove demo data", "There is no demo data to remove.")
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove demo data",
            f"Remove the {plural(count, 'demo contact')} with their history and plans? Your own contacts are kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            w.dialog_parent(),
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.tasks.wait()  # no worker holds a transaction meanwhile
        removed = run(
            w.hub, w.dialog_parent(), "Remove demo data", lambda: demo_marks.remove(w.store), Changes.everything()
        )
        if isinstance(removed, Failed):
            return
        self._forget_undo()
        w.show_status(f"Removed {plural(removed.contacts, 'demo contact')}; yours were kept.", 8000)

    def load_demo(self) -> None:
        """Demo data on a worker thread, with a progress dialog; then Today."""
        from followup import demo, demo_marks

        w = self.shell
        real = demo_marks.real_contacts(w.store)
        if real:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Load demo data",
                f"Followup holds {real:,} real contact{'s' if real != 1 else ''}. Demo data would mix with them: "
                "60 made-up people with two years of history.\n\nAdd it anyway? It is marked: File > Remove demo "
                "data takes it out again without touching your contacts.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                w.dialog_parent(),
            )
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
        progress = QProgressDialog("Creating demo contacts and their history…", "", 0, 0, w.dialog_parent())
        progress.setCancelButton(None)
        progress.setWindowTitle("Demo data")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def done(summary: demo.DemoSummary) -> None:
            progress.close()
            w.hub.publish(Changes.everything())
            self.demo_loaded.emit()
            w.show_status(
                f"Added {plural(summary.contacts, 'demo contact')} and {plural(summary.touch_points, 'touch point')}.",
                8000,
            )

        def failed(message: str) -> None:
            progress.close()
            QMessageBox.warning(w.dialog_parent(), "Demo data", message)

        self.tasks.run(lambda store: demo.generate(store, contacts=60, seed=1), done, failed)

"""Saved views above the contacts list: a list of views to pick from (keyboard:
Ctrl+Shift+V, then the arrows), Filter… to choose criteria and save them by
name, and a menu to rename or delete the view shown (with Undo).

The bar turns the chosen criteria into a ``followup.saved_views.ViewFilter``
(what only the database knows, such as a reply owed, is one query giving a
set of ids) and hands its ``select`` to the list's model, which applies it
with the search box's text to the rows it keeps in memory."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from followup.changes import Changes
from followup.preferences import Preferences
from followup.progress import CancelCheck, Progress
from followup.saved_views import Criteria, ViewFilter, compile_view
from followup.store import Store
from followup.store import saved_views as stored
from ui.contacts.model import ContactsTableModel
from ui.ops import jobs
from ui.ops.operations import Failed, run
from ui.ops.shell import Shell
from ui.style import theme

log = logging.getLogger(__name__)
# Below this many contacts a view is asked again in place after a write
# (under a frame); from it, on the worker.
RECOMPILE_IN_PLACE_BELOW = 1_000

VIEWS_KEY = "Ctrl+Shift+V"
KEYS: tuple[tuple[str, str], ...] = (("choose a saved view", VIEWS_KEY),)
_EVERYONE = "All contacts"
_UNSAVED = "Filtered (not saved)"


class SavedViewsBar(QWidget):
    view_changed = Signal(object)  # the Criteria shown, or None for everyone

    def __init__(self, shell: Shell, model: ContactsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.model = model
        self.criteria: Criteria | None = None  # what the list shows now
        self.view_id: int | None = None  # the saved view it is, if it is one
        self.filter: ViewFilter | None = None

        self.combo = QComboBox()
        self.combo.setObjectName("savedViews")
        self.combo.setAccessibleName("Saved view")
        self.combo.setToolTip(f"Show a saved view of your contacts ({VIEWS_KEY})")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        self.combo.activated.connect(self._on_combo_activated)
        self.filter_button = QPushButton("Filter…")
        self.filter_button.setToolTip("Filter by kind, tag, organisation, how they are doing, a reply owed, dates")
        self.filter_button.clicked.connect(self.edit)
        self.menu_button = QToolButton()
        self.menu_button.setText("⋯")
        self.menu_button.setAccessibleName("Saved view actions")
        self.menu_button.setToolTip("Rename or delete the view shown")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.menu_button)
        self.rename_action = menu.addAction("Rename view…", self.rename)
        self.delete_action = menu.addAction("Delete view", self.delete)
        menu.addSeparator()
        self.clear_action = menu.addAction("Show all contacts", lambda: self.show_view(None))
        self.menu_button.setMenu(menu)
        focus = QAction(self)
        focus.setShortcut(QKeySequence(VIEWS_KEY))
        focus.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        focus.triggered.connect(self._on_focus_triggered)
        self.addAction(focus)

        self.shows = QLabel()
        self.shows.setObjectName("viewShows")
        self.shows.setWordWrap(True)
        self.shows.setTextFormat(Qt.TextFormat.PlainText)
        self.shows.setStyleSheet(f"color: {theme.muted().name()};")
        self.shows.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.filter_button)
        row.addWidget(self.menu_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.shows)
        self._generation = 0
        self._recompiling: jobs.ProgressJob | None = None
        shell.hub.changed.connect(self._on_changed)
        self.reload()

    # -- the list of views -------------------------------------------------------

    def reload(self) -> None:
        """The combo from the database, the current view kept (or left if it is gone)."""
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(_EVERYONE, None)
        for view in stored.all_views(self.shell.store):
            self.combo.addItem(view.name, view.id)
            self.combo.setItemData(self.combo.count() - 1, view.criteria.describe(), Qt.ItemDataRole.ToolTipRole)
        if self.view_id is not None and self.combo.findData(self.view_id) < 0:
            self.view_id = None  # deleted elsewhere: what it showed stays, unsaved
        if self.criteria is None:
            self.combo.setCurrentIndex(0)
        elif self.view_id is not None:
            self.combo.setCurrentIndex(self.combo.findData(self.view_id))
        else:
            self.combo.addItem(_UNSAVED, -1)
            self.combo.setItemData(self.combo.count() - 1, self.criteria.describe(), Qt.ItemDataRole.ToolTipRole)
            self.combo.setCurrentIndex(self.combo.count() - 1)
        self.combo.blockSignals(False)
        self.rename_action.setEnabled(self.view_id is not None)
        self.delete_action.setEnabled(self.view_id is not None)
        self.clear_action.setEnabled(self.criteria is not None)
        self.shows.setText(f"Shows: {self.criteria.describe()}" if self.criteria is not None else "")
        self.shows.setVisible(self.criteria is not None)

    def _on_combo_activated(self, index: int) -> None:
        data = self.combo.itemData(index)
        if data == -1:
            return
        self.show_view(data)

    def _on_focus_triggered(self) -> None:
        self.combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.combo.showPopup()

    # -- showing ---------------------------------------------------------------

    def show_view(self, view_id: int | None) -> None:
        if view_id is None:
            self._show(None, None)
            return
        self._show(stored.get(self.shell.store, view_id).criteria, view_id)

    def show_criteria(self, criteria: Criteria | None) -> None:
        """Filter by ``criteria`` without saving them."""
        self._show(criteria, None)

    def _show(self, criteria: Criteria | None, view_id: int | None) -> None:
        self.criteria = None if criteria is None or criteria.empty else criteria
        self.view_id = view_id if self.criteria is not None else None
        self._apply()
        self.reload()
        self.view_changed.emit(self.criteria)

    def _apply(self) -> None:
        self._generation += 1  # an answer still coming from the worker is for what was shown before
        if self.criteria is None:
            self.filter = None
            self.model.set_view(None)
            return
        store = self.shell.store
        self.filter = compile_view(store, self.criteria, self.shell.clock.now(), Preferences.load(store))
        self.model.set_view(self.filter.select)

    def _on_changed(self, changes: Changes) -> None:
        if changes.external:
            self.reload()
        # a reply owed and how they are doing come from the database: asked again after a write
        if self.filter is not None and self.filter.ids is not None and changes.due:
            if self.model.total() < RECOMPILE_IN_PLACE_BELOW:
                self._apply()
            else:
                self._recompile()

    def _recompile(self) -> None:
        """The ids only the database knows, asked again on the worker (~220 ms
        at 100,000 contacts); only the newest request's answer is shown, and
        only while the same criteria are (the list loader's rule)."""
        criteria, now = self.criteria, self.shell.clock.now()
        if criteria is None:
            return
        self._generation += 1
        generation = self._generation
        if self._recompiling is not None:
            self._recompiling.stop.set()

        def work(store: Store, _progress: Progress, cancelled: CancelCheck) -> ViewFilter | None:
            return None if cancelled() else compile_view(store, criteria, now, Preferences.load(store))

        job = jobs.ProgressJob.with_store(
            self.shell.store.path, self.shell.clock, work, what="asking a saved view's contacts again"
        )
        job.setAutoDelete(False)

        def done(result: ViewFilter | None) -> None:
            if self._recompiling is job:
                self._recompiling = None
            if result is None or generation != self._generation or self.criteria is not criteria:
                return  # superseded: a newer request, or another view shown meanwhile
            self.filter = result
            self.model.set_view(result.select)

        def failed(message: str) -> None:
            if self._recompiling is job:
                self._recompiling = None
            log.warning("a saved view was not asked again: %s", message)  # the list keeps what it showed

        job.signals.finished.connect(done)
        job.signals.failed.connect(failed)
        self._recompiling = job
        jobs.start(job)

    # -- editing ---------------------------------------------------------------

    def edit(self) -> None:
        from ui.contacts.view_dialog import ViewDialog

        store = self.shell.store
        today = self.shell.clock.now().astimezone(self.shell.tz).date()
        name = self.combo.currentText() if self.view_id is not None else ""
        dialog = ViewDialog(self.criteria or Criteria(), name, [], [], today, self._save_and_show,
                            self.shell.dialog_parent())  # fmt: skip
        # Every tag and organisation, read on the worker while the dialog opens: at 100,000
        # contacts the organisations alone were 200 ms of the GUI thread (issue 16).
        tasks = jobs.TaskRunner(store.path, self.shell.clock, dialog)
        tasks.run(_choices, lambda found: dialog.offer(*found), lambda message: log.warning("%s", message))
        dialog.exec()

    def _save_and_show(self, criteria: Criteria, name: str) -> None:
        """The dialog's OK: show ``criteria``, saved as ``name`` if one is given:
        the view shown under its own name is updated, another name makes a new
        view (a name another view has is refused)."""
        if not name:
            self._show(criteria, None)
            return
        store = self.shell.store
        shown = stored.get(store, self.view_id).name if self.view_id is not None else None
        if shown is not None and name.casefold() == shown.casefold():
            view_id = stored.save(store, shown, criteria, replace=True)
        else:
            view_id = stored.save(store, name, criteria)
        self._show(criteria, view_id)
        self.shell.show_status(f"Saved the view “{name}”.")

    def rename(self) -> None:
        if self.view_id is None:
            return
        view_id = self.view_id
        old = stored.get(self.shell.store, view_id).name
        name, ok = QInputDialog.getText(self.shell.dialog_parent(), "Rename view", "New name:", text=old)
        if not ok or not name.strip() or name.strip() == old:
            return
        done = run(self.shell.hub, self.shell.dialog_parent(), "Rename view",
                   lambda: stored.rename(self.shell.store, view_id, name), Changes())  # fmt: skip
        if not isinstance(done, Failed):
            self.reload()

    def delete(self) -> None:
        if self.view_id is None:
            return
        view_id = self.view_id
        view = stored.get(self.shell.store, view_id)
        answer = QMessageBox.question(
            self.shell.dialog_parent(),
            "Delete view",
            f"Delete the view “{view.name}”? The contacts it shows are not touched.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        gone = run(self.shell.hub, self.shell.dialog_parent(), "Delete view",
                   lambda: stored.delete(self.shell.store, view_id), Changes())  # fmt: skip
        if isinstance(gone, Failed):
            return
        self._show(None, None)

        def undo() -> None:
            stored.restore(self.shell.store, gone)
            self._show(gone.criteria, gone.id)

        self.shell.offer_undo(f"delete view “{view.name}”", undo)
        self.shell.show_status(f"Deleted the view “{view.name}”. Ctrl+Z brings it back.")


def _choices(store: Store) -> tuple[list[str], list[str]]:
    """Every tag, and every organisation of someone not archived, by name."""
    from followup import organisations  # (on the worker, for the dialog: off the start-up)

    return store.contacts.all_tags(), [org for org, _count in organisations.names(store)]

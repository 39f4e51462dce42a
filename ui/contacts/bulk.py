"""Working on many contacts at once (issue 15): select with Shift/Ctrl+click
or Ctrl+A in the contacts list, then tag, untag, change the kind, set a
stay-in-touch rhythm, archive, delete or export them, from the list's context
menu, the bar above the list or the Contact menu. Each action is one write
(followup/engine/bulk_contacts.py), said in the status bar and undone by one
Ctrl+Z."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QMenu,
    QMessageBox,
    QWidget,
)

from followup.domain import Kind
from followup.store import Store
from ui.contacts import bulk_write, kept_selection, selected_rows
from ui.contacts.bulk_write import IN_BACKGROUND_FROM
from ui.contacts.bulk_write import people as _people
from ui.contacts.known_tags import KnownTags
from ui.contacts.panel import ContactsPanel
from ui.contacts.selected_rows import SelectedIds
from ui.contacts.selection_bar import SelectionBar
from ui.ops import jobs
from ui.ops.jobs import ProgressJob
from ui.ops.shell import Shell
from ui.widgets.plain_text import plain_message
from ui.widgets.tables import select_only_row

if TYPE_CHECKING:
    from followup.engine.bulk_contacts import BulkResult

T = TypeVar("T")
# The list's keys for a selection, for Help > Keyboard shortcuts.
KEYS: tuple[tuple[str, str], ...] = (
    ("select every contact shown (Ctrl+click adds one, Shift+click a range)", "Ctrl+A"),
    ("tag, archive, delete or export the selected contacts", "Menu"),
)
# The menu actions this acts through (the window's registry hands them in).
ACTION_NAMES = ("tag", "untag", "kind", "rhythm", "archive", "delete", "export")


class ContactsBulk(QObject):
    """The selection of the contacts list and what can be done to it."""

    export_requested = Signal(list)  # the selected contact ids: the window opens the export dialog
    selection_changed = Signal(int)  # how many are selected

    def __init__(self, panel: ContactsPanel, shell: Shell) -> None:
        super().__init__(panel)
        self.panel, self.shell = panel, shell
        self.table = panel.table
        self._reading: ProgressJob | None = None  # what a dialog will say, being read on the worker
        self._holding = False  # told_once()
        self.known_tags = KnownTags(shell, self)  # the Tag dialog's list, read ahead for a big selection
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.panel.model.modelReset.connect(self._on_selection_changed)
        self.actions: dict[str, QAction] = {}
        self.bar = SelectionBar(panel)
        layout = panel.layout()
        if layout is not None and hasattr(layout, "insertWidget"):
            layout.insertWidget(layout.indexOf(self.table), self.bar)
        self.bar.tag_button.clicked.connect(self.tag)
        self.bar.clear_button.clicked.connect(self.table.clearSelection)
        self._update()

    # -- the selection -----------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The selected contacts' ids, in the list's order (read here: an action takes ``selection()``)."""
        return list(chain.from_iterable(self.panel.model.ids_between(*span) for span in self._spans()))

    def selection(self) -> SelectedIds:
        """What an action acts on: the selected rows as they are now, their ids read by the write."""
        return SelectedIds(selected_rows.rows_of(self.panel.model, self._spans()))

    def count(self) -> int:
        return sum(last - first + 1 for first, last in self._spans())

    def _spans(self) -> list[tuple[int, int]]:
        return kept_selection.spans(self.table)

    def use_actions(self, actions: dict[str, QAction]) -> None:
        """The registry's actions for a selection (by ACTION_NAMES): they act
        here, are enabled while something is selected and say how many."""
        self.actions = actions
        slots: dict[str, Callable[[], object]] = {
            "tag": self.tag, "untag": self.untag, "kind": self.change_kind, "rhythm": self.set_rhythm,
            "archive": self.archive, "delete": self.delete, "export": self.export,
        }  # fmt: skip
        for name, action in actions.items():
            action.triggered.connect(slots[name])
        more = QMenu(self.bar)
        for entry in ("untag", "kind", "rhythm", None, "archive", "delete", None, "export"):
            if entry is None:
                more.addSeparator()
            elif entry in actions:
                more.addAction(actions[entry])
        self.bar.more_button.setMenu(more)
        self._update()

    def _on_selection_changed(self, *_args: object) -> None:
        if not self._holding:
            self._update()

    @contextmanager
    def told_once(self) -> Iterator[None]:
        """The selection's changes meanwhile (the list read again: reset, the current row selected
        again, then the rest) are told once, at the end: each hid or showed the bar, renamed seven actions."""
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
            self._update()

    def _update(self) -> None:
        n = self.count()
        people = f"{n:,} contact{'s' * (n != 1)}"
        texts = {
            "tag": f"&Tag {people}…", "untag": f"Remove a ta&g from {people}…", "kind": f"Change the &kind of {people}…",
            "rhythm": f"Stay-in-touch &rhythm of {people}…", "archive": self._archive_text(people),
            "delete": f"&Delete {people}…", "export": f"E&xport {people}…",
        }  # fmt: skip
        for name, action in self.actions.items():
            action.setEnabled(n > 0)
            action.setText(texts[name] if n else texts[name].replace(people, "selected contacts"))
        self.bar.count.setText(f"{n:,} selected")
        self.bar.setVisible(n > 1)
        if n >= IN_BACKGROUND_FROM:
            self.known_tags.read_ahead()
        self.selection_changed.emit(n)

    def _archive_text(self, people: str) -> str:
        return f"Un&archive {people}" if self._all_archived() else f"&Archive {people}"

    def _all_archived(self) -> bool:
        return selected_rows.all_archived(self.panel.model, self._spans())

    def _on_table_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isSelected(index):
            select_only_row(self.table, index.row())  # right-click outside the selection: that one contact
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()  # one per right-click: not kept until the list goes

    def context_menu(self) -> QMenu:
        menu = QMenu(self.table)
        menu.setObjectName("contactsContextMenu")
        for name in ("tag", "untag"):
            if name in self.actions:
                menu.addAction(self.actions[name])
        kinds = menu.addMenu("&Kind")
        for kind in Kind:
            kinds.addAction(kind.label, partial(self.set_kind, kind))
        for entry in ("rhythm", None, "archive", "delete", None, "export"):
            if entry is None:
                menu.addSeparator()
            elif entry in self.actions:
                menu.addAction(self.actions[entry])
        return menu

    # -- the actions ---------------------------------------------------------------

    def tag(self) -> None:
        ids = self.selection()
        if self._some(ids, "Tag"):
            self.known_tags.when_known(partial(self._tag, ids))

    def _tag(self, ids: Sequence[int], known: list[str]) -> None:
        from followup.engine import bulk_contacts as bulk  # (the engine and the dialogs: off the start-up, issue 16)
        from ui.contacts.bulk_dialogs import ChoiceDialog

        tags = [(t, t) for t in known]
        people = _people(len(ids))
        dialog = ChoiceDialog(
            "Tag contacts", f"Tag the {people} selected with:", tags, f"Tag {people}", self._parent(), editable=True
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        word = dialog.text()
        self._write("Tag contacts", lambda store: bulk.add_tag(store, ids, word), ids, f"tag {people} “{word}”", word)

    def untag(self) -> None:
        from followup.engine import bulk_contacts as bulk

        ids = self.selection()
        if not self._some(ids, "Remove a tag"):
            return
        reading = f"Reading the tags of {_people(len(ids))}…"
        self._read_first("Remove a tag", reading, lambda store: bulk.tags_of(store, ids), partial(self._untag, ids))

    def _untag(self, ids: Sequence[int], have: list[str]) -> None:
        from followup.engine import bulk_contacts as bulk
        from ui.contacts.bulk_dialogs import ChoiceDialog

        people = _people(len(ids))
        if not have:
            plain_message(self._parent(), "Remove a tag", f"None of the {people} selected has a tag.")
            return
        dialog = ChoiceDialog(
            "Remove a tag", f"Remove from the {people} selected:", [(t, t) for t in have], "Remove", self._parent()
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        word = dialog.text()
        self._write(
            "Remove a tag", lambda store: bulk.remove_tag(store, ids, word), ids, f"untag {people} “{word}”", word
        )

    def change_kind(self) -> None:
        from ui.contacts.bulk_dialogs import kind_dialog

        ids = self.selection()
        if not self._some(ids, "Change kind"):
            return
        dialog = kind_dialog(len(ids), self._parent())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_kind(Kind(str(dialog.value())))  # Qt hands an enum's value back as its text

    def set_kind(self, kind: Kind) -> None:
        from followup.engine import bulk_contacts as bulk

        ids = self.selection()
        if not self._some(ids, "Change kind"):
            return
        self._write(
            "Change kind",
            lambda store: bulk.set_kind(store, ids, kind),
            ids,
            f"change {_people(len(ids))} to {kind.label}",
            kind.label,
        )

    def set_rhythm(self) -> None:
        from followup.engine import bulk_contacts as bulk
        from ui.contacts.bulk_dialogs import RhythmDialog

        ids = self.selection()
        if not self._some(ids, "Stay-in-touch rhythm"):
            return
        dialog = RhythmDialog(len(ids), self._parent())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ideal, limit = dialog.value()
        said = f"every {ideal} days (at most {limit})" if ideal else "their kind's"
        self._write(
            "Stay-in-touch rhythm",
            lambda store: bulk.set_rhythm(store, ids, ideal, limit),
            ids,
            f"rhythm of {_people(len(ids))}",
            said,
        )

    def archive(self) -> None:
        from followup.engine import bulk_contacts as bulk

        ids = self.selection()
        if not self._some(ids, "Archive"):
            return
        archived = not self._all_archived()
        verb = "archive" if archived else "unarchive"
        self._write(
            verb.capitalize(),
            lambda store: bulk.set_archived(store, ids, archived),
            ids,
            f"{verb} {_people(len(ids))}",
        )

    def delete(self) -> None:
        from followup.engine import bulk_contacts as bulk

        ids = self.selection()
        if not self._some(ids, "Delete contacts"):
            return
        reading, count = f"Counting the touch points of {_people(len(ids))}…", partial(self._confirm_delete, ids)
        self._read_first("Delete contacts", reading, lambda store: bulk.touch_points_of(store, ids), count)

    def _confirm_delete(self, ids: Sequence[int], touch_points: int) -> None:
        from followup.engine import bulk_contacts as bulk

        people = _people(len(ids))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Delete contacts",
            f"Delete {people} and their {touch_points:,} touch point{'s' * (touch_points != 1)}?",
            QMessageBox.StandardButton.Cancel,
            self._parent(),
        )
        box.setInformativeText(
            "Archive keeps them out of the way without losing anything. You can undo a delete with Ctrl+Z "
            "until you quit."
        )
        confirm = box.addButton(f"Delete {people}", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not confirm:
            return
        self._write("Delete contacts", lambda store: bulk.delete(store, ids), ids, f"delete {people}")

    def export(self) -> None:
        ids = self.selected_ids()
        if self._some(ids, "Export contacts"):
            self.export_requested.emit(ids)

    # -- helpers -------------------------------------------------------------------------

    def _read_first(self, title: str, saying: str, read: Callable[[Store], T], then: Callable[[T], object]) -> None:
        """``then(read(store))``: what a dialog says before it opens (a
        selection's tags, its touch points), read on the worker from
        ``IN_BACKGROUND_FROM`` selected (at 100,000: 85 and 160 ms on the GUI
        thread), the status bar ``saying`` so meanwhile (it may wait behind
        a list being read). A second request while one is read is dropped."""
        if self.count() < IN_BACKGROUND_FROM:
            then(read(self.shell.store))
            return
        if self._reading is not None:
            return
        job = ProgressJob.with_store(self.shell.store.path, self.shell.clock, lambda own, _p, _c: read(own), what=title)
        job.setAutoDelete(False)
        self._reading = job

        def failed(message: str) -> None:
            self._reading = None
            self.shell.show_status("", 1)
            plain_message(self._parent(), title, message)

        def done(result: T) -> None:
            self._reading = None
            self.shell.show_status("", 1)
            then(result)

        job.signals.finished.connect(done)
        job.signals.failed.connect(failed)
        self.shell.show_status(saying, 0)
        jobs.start(job)

    def _write(
        self, title: str, write: Callable[[Store], BulkResult], ids: Sequence[int], undo_text: str, what: str = ""
    ) -> None:
        bulk_write.write(self.shell, self._parent(), title, write, ids, undo_text, what)

    def _some(self, ids: Sequence[int], title: str) -> bool:
        if ids:
            return True
        plain_message(self._parent(), title, "Select one or more contacts in the list first.")
        return False

    def _parent(self) -> QWidget:
        return self.shell.dialog_parent()

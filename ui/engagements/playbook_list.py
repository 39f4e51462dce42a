"""The list of playbooks in the playbook editor: one line per playbook, marked
built-in, not saved, or changed (*, in italics) for the one being edited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMessageBox, QWidget

from followup.changes import Changes
from followup.planning.model import Playbook
from followup.store import Store
from ui.ops.changes import ChangesHub
from ui.ops.operations import Failed, run

NEW = -1  # the list item of a playbook that is not saved yet


class PlaybookList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip("Your playbooks; the built-in ones ship with Followup and can be edited too")

    def fill(self, ids: list[int], with_new: bool) -> None:
        """One item per saved playbook id (and one for a new, unsaved playbook), unlabelled."""
        self.blockSignals(True)
        self.clear()
        for pid in [*ids, *([NEW] if with_new else [])]:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.addItem(item)
        self.blockSignals(False)

    def label(self, item: QListWidgetItem, book: Playbook, *, current: bool, dirty: bool) -> None:
        text = book.name.strip() or "New playbook"
        if book.builtin:
            text += "  (built-in)"
        if book.id is None:
            text += "  (not saved)"
        elif current and dirty:
            text += "  *"
        item.setText(text)
        item.setToolTip(
            (book.description or book.name) + ("\nShips with Followup; edit it freely." if book.builtin else "")
        )
        font = item.font()
        font.setItalic(current and dirty)
        item.setFont(font)

    def row_of(self, pid: int) -> int:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == pid:
                return row
        return -1

    def id_at(self, row: int) -> int:
        return int(self.item(row).data(Qt.ItemDataRole.UserRole))

    def select_quietly(self, pid: int) -> None:
        """Make ``pid`` current without announcing it."""
        self.blockSignals(True)
        self.setCurrentRow(self.row_of(pid))
        self.blockSignals(False)

    def drop_new(self) -> None:
        self.blockSignals(True)
        self.takeItem(self.row_of(NEW))
        self.blockSignals(False)


def offer_replan(parent: QWidget, store: Store, book: Playbook, hub: ChangesHub | None) -> int:
    """An edited playbook: offer to re-plan the engagements that use it (through
    ops.run); returns how many follow-ups changed."""
    from followup.engine.engagement_edit import replan_all, using_playbook

    assert book.id is not None
    ids = using_playbook(store, book.id)
    if not ids:
        return 0
    n = len(ids)
    answer = QMessageBox.question(
        parent,
        "Re-plan engagements",
        f"{n} planned engagement{'s use' if n != 1 else ' uses'} “{book.name}”. Re-plan {'them' if n != 1 else 'it'} "
        "with the edited steps? Open follow-ups move or change; done ones stay as they are.",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return 0
    touched = Changes(engagements=True, follow_ups=True)
    results = run(hub, parent, "Re-plan engagements", lambda: replan_all(store, ids), touched)
    if isinstance(results, Failed):
        return 0
    return sum(len(r.moved) + len(r.created) + len(r.cancelled) for r in results)

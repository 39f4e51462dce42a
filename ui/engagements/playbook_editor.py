"""Create, copy, edit and delete playbooks. The list of playbooks is on the
left; the chosen one's name, description and steps are on the right, with a
form for the selected step. Nothing is written until Save; problems are shown
in the dialog, which keeps everything typed."""

from __future__ import annotations

import itertools
import re
from copy import deepcopy

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from followup.changes import Changes
from followup.errors import FollowupError
from followup.planning.model import Playbook
from followup.store import Store
from ui.engagements.playbook_step_form import StepForm, StepList, blank_step
from ui.ops.changes import ChangesHub
from ui.ops.operations import Failed, run, run_in_dialog
from ui.style import theme
from ui.widgets.save_errors import error_label

NEW = -1  # the list item of a playbook that is not saved yet
NOTE = "Editing a playbook changes future plans; follow-ups already planned keep their dates."


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    return button


class PlaybookEditorDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None, *, hub: ChangesHub | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._hub = hub
        self._books: dict[int, Playbook] = {}
        self._draft: Playbook | None = None  # the playbook being edited
        self._original: Playbook | None = None  # as saved; None for a new playbook
        self._loading = False
        self.saved_any = False  # for the caller: whether anything was written
        self.replanned = 0  # follow-ups changed by re-planning engagements after an edit
        self.setWindowTitle("Playbooks")
        self.resize(900, 620)

        muted = f"color: {theme.muted().name()};"
        self.books = QListWidget()
        self.books.setToolTip("Your playbooks; the built-in ones ship with Followup and can be edited too")
        self.new_button = _button("&New", "Start a new, empty playbook")
        self.copy_button = _button("Cop&y", "Make a copy of this playbook to change it")
        self.delete_button = _button("De&lete", "Delete this playbook; plans already made keep their follow-ups")

        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Workshop (required)")
        self.name.setToolTip("The playbook's name, as offered when you plan an engagement")
        self.description = QLineEdit()
        self.description.setPlaceholderText("When to use it, in a sentence")
        self.description.setToolTip("Shown under the playbook when you plan an engagement")
        self.note = QLabel(NOTE)
        self.note.setStyleSheet(muted)
        self.steps = StepList()
        self.add_step = _button("&Add step", "Add a step after the selected one")
        self.remove_step = _button("&Remove step", "Remove the selected step")
        self.move_up = _button("Move &up", "Move the selected step up")
        self.move_down = _button("Move do&wn", "Move the selected step down")
        self.step_form = StepForm()

        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save")
        self.save_button.setToolTip("Save this playbook (Ctrl+S); the dialog stays open")
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("Close")
        self.close_button.setToolTip("Close the playbooks (Esc); unsaved changes are asked about first")
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)
            button.setDefault(False)

        left = QVBoxLayout()
        books_label = QLabel("Play&books")
        books_label.setBuddy(self.books)
        left.addWidget(books_label)
        left.addWidget(self.books, 1)
        book_buttons = QHBoxLayout()
        for button in (self.new_button, self.copy_button, self.delete_button):
            book_buttons.addWidget(button)
        left.addLayout(book_buttons)
        left_panel = QWidget()
        left_panel.setLayout(left)
        left_panel.setFixedWidth(220)
        left.setContentsMargins(0, 0, 0, 0)

        step_buttons = QVBoxLayout()
        for button in (self.add_step, self.remove_step, self.move_up, self.move_down):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        steps_row = QHBoxLayout()
        steps_row.addWidget(self.steps, 1)
        steps_row.addLayout(step_buttons)
        steps_label = QLabel("Ste&ps")
        steps_label.setBuddy(self.steps)
        head = QFormLayout()
        head.addRow("Na&me", self.name)
        head.addRow("", self.note)
        head.addRow("D&escription", self.description)
        head.addRow(steps_label, steps_row)
        right = QVBoxLayout()
        right.addLayout(head, 1)
        right.addWidget(self.step_form)

        body = QHBoxLayout()
        body.setSpacing(2 * theme.SPACING)
        body.addWidget(left_panel)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.addLayout(body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        chain: list[QWidget] = [self.books, self.new_button, self.copy_button, self.delete_button, self.name]
        chain += [self.description, self.steps, self.add_step, self.remove_step, self.move_up, self.move_down]
        chain += [*self.step_form.tab_chain(), self.save_button, self.close_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.books.currentRowChanged.connect(self._on_book_row_changed)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.copy_button.clicked.connect(self._on_copy_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.name.textChanged.connect(self._on_name_edited)
        self.description.textChanged.connect(self._on_description_edited)
        self.steps.currentRowChanged.connect(self._on_step_row_changed)
        self.add_step.clicked.connect(self._on_add_step_clicked)
        self.remove_step.clicked.connect(self.steps.remove_step)
        self.move_up.clicked.connect(lambda: self.steps.move_step(-1))
        self.move_down.clicked.connect(lambda: self.steps.move_step(1))
        self.step_form.changed.connect(self._on_step_edited)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

        self._reload()
        if self.books.count():
            self._select_book(self.books.item(0).data(Qt.ItemDataRole.UserRole))
        self.books.setFocus()

    # -- the list of playbooks --------------------------------------------------------------

    def _reload(self) -> None:
        """Re-read the playbooks from the store (a new unsaved one stays listed)."""
        self._books = {book.id: book for book in self._store.playbooks.all() if book.id is not None}
        self.books.blockSignals(True)
        self.books.clear()
        for pid in self._books:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, pid)
            self.books.addItem(item)
        if self._draft is not None and self._draft.id is None:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, NEW)
            self.books.addItem(item)
        self.books.blockSignals(False)
        for row in range(self.books.count()):
            self._label_book(self.books.item(row))

    def _label_book(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        current = self._draft is not None and (self._draft.id or NEW) == pid
        book = self._draft if current else self._books.get(pid)
        if book is None:
            return
        text = book.name.strip() or "New playbook"
        if book.builtin:
            text += "  (built-in)"
        if book.id is None:
            text += "  (not saved)"
        elif current and self._dirty():
            text += "  *"
        item.setText(text)
        item.setToolTip(
            (book.description or book.name) + ("\nShips with Followup; edit it freely." if book.builtin else "")
        )
        font = item.font()
        font.setItalic(current and self._dirty())
        item.setFont(font)

    def _row_of(self, pid: int) -> int:
        for row in range(self.books.count()):
            if self.books.item(row).data(Qt.ItemDataRole.UserRole) == pid:
                return row
        return -1

    def _select_book(self, pid: int) -> None:
        """Select and show a playbook without asking about unsaved changes."""
        row = self._row_of(pid)
        self.books.blockSignals(True)
        self.books.setCurrentRow(row)
        self.books.blockSignals(False)
        if pid == NEW:
            assert self._draft is not None
            self._show(self._draft, None)
        elif pid in self._books:
            self._show(deepcopy(self._books[pid]), self._books[pid])
        else:
            self._show(None, None)

    def _show(self, draft: Playbook | None, original: Playbook | None) -> None:
        self._draft, self._original = draft, original
        self._loading = True
        self.name.setText(draft.name if draft else "")
        self.description.setText(draft.description if draft else "")
        self._loading = False
        for widget in (self.name, self.description, self.steps, self.add_step):
            widget.setEnabled(draft is not None)
        self.error.hide()
        self.steps.show_steps(draft.steps if draft else [])

    def _on_book_row_changed(self, row: int) -> None:
        item = self.books.item(row)
        if item is None:
            return
        wanted = item.data(Qt.ItemDataRole.UserRole)
        # Stay on the current playbook until its changes are saved or let go.
        self.books.blockSignals(True)
        self.books.setCurrentRow(self._row_of((self._draft.id or NEW) if self._draft else NEW))
        self.books.blockSignals(False)
        if self._settle():
            self._select_book(wanted)

    def _settle(self) -> bool:
        """Ask about unsaved changes: True when saved or discarded, False to stay."""
        if not self._dirty():
            return True
        assert self._draft is not None
        name = self._draft.name.strip() or "the new playbook"
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to “{name}”?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            if self._draft.id is None:
                self.books.blockSignals(True)
                self.books.takeItem(self._row_of(NEW))
                self.books.blockSignals(False)
            self._draft = None
            return True
        return False

    def _on_new_clicked(self) -> None:
        if not self._settle():
            return
        self._draft = Playbook("", steps=[blank_step(first=True)])
        self._reload()
        self._select_book(NEW)
        self.name.setFocus()

    def _on_copy_clicked(self) -> None:
        pid = self._draft.id if self._draft else None
        if pid is None or not self._settle():
            return
        original = self._store.playbooks.get(pid)
        assert original.id is not None
        names = {book.name.casefold() for book in self._books.values()}
        name, n = f"{original.name} (copy)", 2
        while name.casefold() in names:
            name, n = f"{original.name} (copy {n})", n + 1
        try:
            pid = self._store.playbooks.copy(original.id, name)
        except FollowupError as error:
            self._show_error(str(error))
            return
        self.saved_any = True
        self._draft = None
        self._reload()
        self._select_book(pid)
        self.name.setFocus()
        self.name.selectAll()

    def _on_delete_clicked(self) -> None:
        draft = self._draft
        if draft is None:
            return
        if draft.id is None:
            name = draft.name.strip() or "the new playbook"
            text = f"Discard “{name}”? It has not been saved."
        else:
            name = self._books[draft.id].name
            text = (
                f"Delete the playbook “{name}”?\n\nPlans you already made with it keep their follow-ups; "
                "it will no longer be offered for new plans."
            )
        box = QMessageBox(QMessageBox.Icon.Warning, "Delete playbook", text, parent=self)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("&Delete" if draft.id else "&Discard")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        if draft.id is not None:
            try:
                book_id = draft.id
                run_in_dialog(self._hub, lambda: self._store.playbooks.delete(book_id), Changes(playbooks=True))
            except FollowupError as error:
                self._show_error(str(error))
                return
            self.saved_any = True
        row = max(0, self.books.currentRow() - 1)
        self._draft = None
        self._reload()
        if self.books.count():
            self._select_book(self.books.item(min(row, self.books.count() - 1)).data(Qt.ItemDataRole.UserRole))
        else:
            self._show(None, None)

    # -- the playbook being edited ------------------------------------------------------

    def _dirty(self) -> bool:
        return self._draft is not None and (self._original is None or self._draft != self._original)

    def _refresh(self) -> None:
        """Labels and buttons after any change."""
        item = self.books.currentItem()
        if item is not None:
            self._label_book(item)
        row, count = self.steps.currentRow(), self.steps.count()
        saved = self._draft is not None and self._draft.id is not None
        self.step_form.setTitle(f"Step {row + 1} of {count}" if row >= 0 else "No step selected")
        self.remove_step.setEnabled(row >= 0)
        self.move_up.setEnabled(row > 0)
        self.move_down.setEnabled(0 <= row < count - 1)
        self.save_button.setEnabled(self._dirty())
        self.copy_button.setEnabled(saved)
        only_one = saved and len(self._books) <= 1
        self.delete_button.setEnabled(self._draft is not None and not only_one)
        self.delete_button.setToolTip(
            "Followup needs at least one playbook to plan with"
            if only_one
            else "Delete this playbook; plans already made keep their follow-ups"
        )

    def _on_name_edited(self, text: str) -> None:
        if self._draft is not None and not self._loading:
            self._draft.name = text
            self._refresh()

    def _on_description_edited(self, text: str) -> None:
        if self._draft is not None and not self._loading:
            self._draft.description = text
            self._refresh()

    def _on_step_row_changed(self, _row: int) -> None:
        self.step_form.set_step(self.steps.current_step())
        self._refresh()

    def _on_step_edited(self) -> None:
        self.steps.relabel_current()
        self._refresh()

    def _on_add_step_clicked(self) -> None:
        if self._draft is not None:
            self.steps.add_step()
            self.step_form.title_edit.setFocus()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def save(self) -> bool:
        """Write the playbook; on a problem show it and keep everything typed."""
        if self._draft is None:
            return False
        book = deepcopy(self._draft)
        try:
            write = self._store.playbooks.add if book.id is None else self._store.playbooks.update
            run_in_dialog(self._hub, lambda: write(book), Changes(playbooks=True))
        except FollowupError as error:
            self._show_error(str(error))
            found = re.match(r"Step (\d+)", str(error))
            if found and 0 < int(found.group(1)) <= self.steps.count():
                self.steps.setCurrentRow(int(found.group(1)) - 1)
            return False
        self.saved_any = True
        self._draft = None
        self._reload()
        self._select_book(book.id or NEW)
        if book.id is not None:
            self._offer_replan(book)
        return True

    def _offer_replan(self, book: Playbook) -> None:
        """An edited playbook: offer to re-plan the engagements that use it."""
        from followup.engine.engagement_edit import replan_all, using_playbook

        assert book.id is not None
        ids = using_playbook(self._store, book.id)
        if not ids:
            return
        n = len(ids)
        answer = QMessageBox.question(
            self,
            "Re-plan engagements",
            f"{n} planned engagement{'s use' if n != 1 else ' uses'} “{book.name}”. Re-plan {'them' if n != 1 else 'it'} "
            "with the edited steps? Open follow-ups move or change; done ones stay as they are.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            touched = Changes(engagements=True, follow_ups=True)
            results = run(self._hub, self, "Re-plan engagements", lambda: replan_all(self._store, ids), touched)
            if not isinstance(results, Failed):
                self.replanned = sum(len(r.moved) + len(r.created) + len(r.cancelled) for r in results)

    def reject(self) -> None:
        if self._settle():
            super().reject()

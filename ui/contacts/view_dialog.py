"""Filter the contacts list, and save the filter as a view: text, kind, tag,
organisation, how they are doing, a reply owed, when last touched. A date
that is no date is one sentence in the dialog, which stays open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Kind
from followup.errors import FollowupError
from followup.saved_views import Criteria
from ui.style import theme
from ui.widgets.save_errors import error_label, saved


def _editable(values: list[str], current: str, placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    # (its width from a number of characters: Qt would measure every tag or organisation for it)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    combo.addItem("")
    combo.setCurrentText(current)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(placeholder)
    completer = QCompleter(QStringListModel(combo), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    _offer(combo, values)
    return combo


def _offer(combo: QComboBox, values: list[str]) -> None:
    """``values`` as the choices, after the empty one; what the field shows, even half typed, stays."""
    text = combo.currentText()
    while combo.count() > 1:
        combo.removeItem(combo.count() - 1)
    combo.addItems(values)
    combo.setEditText(text)
    completer = combo.completer()
    model = completer.model() if completer is not None else None
    if isinstance(model, QStringListModel):
        model.setStringList(values)


class ViewDialog(QDialog):
    """``apply(criteria, name)`` is called on OK (name "" to show without
    saving); a FollowupError it raises is shown and the dialog stays open."""

    def __init__(
        self,
        criteria: Criteria,
        name: str,
        tags: list[str],
        organisations: list[str],
        today: date,
        apply: Callable[[Criteria, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._apply = apply
        self.setWindowTitle("Filter contacts")
        self.setMinimumWidth(480)
        self.text = QLineEdit(criteria.text)
        self.text.setPlaceholderText("Name, organisation, email, phone, tag, notes")
        self.kind = QComboBox()
        self.kind.addItem("Any kind", None)
        for kind in Kind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(criteria.kind)))
        self.tag = _editable(tags, criteria.tag, "Any tag")
        self.organisation = _editable(organisations, criteria.organisation, "Any organisation")
        self.drifting = QCheckBox("&Drifting")
        self.drifting.setToolTip("Past their ideal rhythm, not yet its limit (as Insights counts them)")
        self.drifting.setChecked(criteria.drifting)
        self.overdue = QCheckBox("O&verdue")
        self.overdue.setToolTip("Past the limit of their rhythm")
        self.overdue.setChecked(criteria.overdue)
        self.needs_reply = QCheckBox("&Needs a reply from me")
        self.needs_reply.setToolTip("They wrote and a reply promised to them is still open")
        self.needs_reply.setChecked(criteria.needs_reply)
        self.before = QLineEdit(criteria.touched_before)
        self.before.setPlaceholderText("2026-01-31, or 90d, 12w, 6m ago")
        self.before.setToolTip("Last touched before this day; contacts never touched count too")
        self.after = QLineEdit(criteria.touched_after)
        self.after.setPlaceholderText("2026-01-31, or 90d, 12w, 6m ago")
        self.after.setToolTip("Touched on or after this day")
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("Leave empty to filter without saving")
        self.name.setAccessibleName("View name")
        self.name.textChanged.connect(self._on_name_text_changed)
        health = QHBoxLayout()
        health.addWidget(self.drifting)
        health.addWidget(self.overdue)
        health.addStretch(1)

        form = QFormLayout()
        form.addRow("&Text", self.text)
        form.addRow("&Kind", self.kind)
        form.addRow("T&ag", self.tag)
        form.addRow("&Organisation", self.organisation)
        form.addRow("How they are doing", health)
        form.addRow("", self.needs_reply)
        form.addRow("Last touched &before", self.before)
        form.addRow("Touched &since", self.after)
        form.addRow("Save as vie&w", self.name)
        self.shows = QLabel()
        self.shows.setWordWrap(True)
        self.shows.setTextFormat(Qt.TextFormat.PlainText)
        self.shows.setStyleSheet(f"color: {theme.muted().name()};")
        for edit in (self.text, self.before, self.after):
            edit.textChanged.connect(self._on_criteria_changed)
        for combo in (self.kind, self.tag, self.organisation):
            combo.currentTextChanged.connect(self._on_criteria_changed)
        for box in (self.drifting, self.overdue, self.needs_reply):
            box.toggled.connect(self._on_criteria_changed)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.shows)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._on_name_text_changed(name)
        self._on_criteria_changed()

    def offer(self, tags: list[str], organisations: list[str]) -> None:
        """Every tag and organisation as the fields' choices (read on the worker, ui/contacts/views_bar.py)."""
        _offer(self.tag, tags)
        _offer(self.organisation, organisations)

    def _on_criteria_changed(self) -> None:
        """What the list will show, in words, as the criteria are chosen."""
        try:
            self.shows.setText("Shows: " + self.criteria().describe())
        except FollowupError:
            self.shows.setText("Shows: —")

    def _on_name_text_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save and show" if text.strip() else "Show")

    def criteria(self) -> Criteria:
        """What was chosen, checked (ValidationError for a date that is no date)."""
        kind = self.kind.currentData()
        return Criteria(
            text=self.text.text(),
            kind=Kind(kind) if kind else None,
            tag=self.tag.currentText(),
            organisation=self.organisation.currentText(),
            drifting=self.drifting.isChecked(),
            overdue=self.overdue.isChecked(),
            needs_reply=self.needs_reply.isChecked(),
            touched_before=self.before.text(),
            touched_after=self.after.text(),
        ).cleaned(self._today)

    def accept(self) -> None:
        if saved(lambda: self._apply(self.criteria(), self.name.text().strip()), self.error):
            super().accept()

"""The import preview's "Give everyone in this import" row (issue 15): a kind
and tags for the whole batch, asked once. Changing them makes the plan again
(followup/contacts_io/batch.py), so the preview shows what will happen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from followup.contacts_io.batch import Batch, parse_tags
from followup.domain import Kind
from followup.errors import ValidationError


class BatchRow(QWidget):
    """Emits ``changed`` when the kind or the tags (once typed) change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importBatch")
        label = QLabel("Give everyone in this import:")
        self.kind = QComboBox()
        self.kind.setObjectName("importBatchKind")
        self.kind.setAccessibleName("Kind for everyone imported")
        self.kind.addItem("the kind the file says", None)
        for kind in Kind:
            self.kind.addItem(f"the kind {kind.label}", kind)
        self.tags = QLineEdit()
        self.tags.setObjectName("importBatchTags")
        self.tags.setAccessibleName("Tags for everyone imported")
        self.tags.setPlaceholderText("tags, e.g. fair-2026, lead")
        self.tags.setClearButtonEnabled(True)
        tags_label = QLabel("and the &tags")
        tags_label.setBuddy(self.tags)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.kind)
        layout.addWidget(tags_label)
        layout.addWidget(self.tags, 1)
        self._last = Batch()
        self.kind.activated.connect(self._on_edited)
        self.tags.editingFinished.connect(self._on_edited)

    def batch(self) -> Batch:
        """The batch as chosen; ValidationError for tags that cannot be."""
        kind = self.kind.currentData()  # Qt hands an enum's value back as its text
        return Batch(Kind(kind) if kind else None, parse_tags(self.tags.text()))

    def _on_edited(self, *_args: object) -> None:
        try:
            batch = self.batch()
        except ValidationError:
            return  # the dialog says why when it applies it
        if batch != self._last:
            self._last = batch
            self.changed.emit()

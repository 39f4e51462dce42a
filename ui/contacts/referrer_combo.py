"""Who introduced you to a contact: "Nobody", or one of the other contacts.

Every contact is a choice, so the list is read only when the user opens it
or types in it. Read and added item by item as every contact dialog opened,
it was 1.2-1.3 s of the GUI thread at 100,000 contacts (issue 16; 140 ms of
it the query). Until then the combo holds "Nobody" and the present referrer,
and keeps them in those two places after, so that its index means the same
before and after (the dialog keys compare what a dialog shows by index).
The rows come from a model (no item per contact), all one height, and the
combo's width does not follow the longest name (Qt measures every item for it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QListView, QWidget

NOBODY = "Nobody"
Person = tuple[int, str]


class PeopleModel(QAbstractListModel):
    """ "Nobody", then the people: the name shown, the id as the item's data."""

    def __init__(self, people: Sequence[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int | None, str]] = [(None, NOBODY), *people]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cid, name = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name
        if role == Qt.ItemDataRole.UserRole:
            return cid
        return None


class ReferrerCombo(QComboBox):
    """``current``: the present referrer, if any; ``load``: every contact as
    (id, name), in the order to list them, read when first needed; ``exclude``:
    the contact being edited (nobody refers themselves)."""

    def __init__(
        self,
        current: Person | None,
        load: Callable[[], Sequence[Person]],
        exclude: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._current = current
        self._load = load
        self._exclude = exclude
        self.loaded = False
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        view = self.view()
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)
        self.setModel(PeopleModel([current] if current else [], self))
        self.setCurrentIndex(1 if current else 0)

    def ensure_loaded(self) -> None:
        """Every contact in the list, now (the choice made so far kept)."""
        if self.loaded:
            return
        self.loaded = True
        at = self.currentIndex()
        skip = {self._exclude, self._current[0] if self._current else None}
        people = [person for person in self._load() if person[0] not in skip]
        self.blockSignals(True)
        try:
            self.setModel(PeopleModel([self._current, *people] if self._current else people, self))
            self.setCurrentIndex(at)
        finally:
            self.blockSignals(False)

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.ensure_loaded()  # arrows and type-ahead choose among everyone
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.ensure_loaded()
        super().wheelEvent(event)

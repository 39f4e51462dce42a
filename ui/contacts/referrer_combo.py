"""Who introduced you to a contact: "Nobody", or one of the other contacts.

Every contact is a choice, so the list is read only when the user opens it
or types in it. Read and added item by item as every contact dialog opened,
it was 1.2-1.3 s of the GUI thread at 100,000 contacts (issue 16; 140 ms of
it the query). Until then the combo holds "Nobody" and the present referrer,
and keeps them in those two places after, so that its index means the same
before and after (the dialog keys compare what a dialog shows by index).
The names are one string list (Qt's own model: no item per contact, and
no Python call per row when the list measures them), all one height, and
the combo's width does not follow the longest name (Qt measures every item
for it). The ids are kept beside them, in the same order (``referrer_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QStringListModel
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox, QListView, QWidget

NOBODY = "Nobody"
Person = tuple[int, str]


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
        self._ids: list[int | None] = []
        self._show([current] if current else [])
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
            self._show([self._current, *people] if self._current else people)
            self.setCurrentIndex(at)
        finally:
            self.blockSignals(False)

    def referrer_id(self) -> int | None:
        """The contact chosen (None: nobody)."""
        at = self.currentIndex()
        return self._ids[at] if 0 <= at < len(self._ids) else None

    def _show(self, people: Sequence[Person]) -> None:
        self._ids = [None, *(cid for cid, _name in people)]
        self.setModel(QStringListModel([NOBODY, *(name for _cid, name in people)], self))

    def showPopup(self) -> None:
        self.ensure_loaded()
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.ensure_loaded()  # arrows and type-ahead choose among everyone
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.ensure_loaded()
        super().wheelEvent(event)

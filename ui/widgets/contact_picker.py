"""Choosing one contact among any number, by typing part of them.

A combo box of every contact read, labelled and measured all of them each
time a dialog opened or its list dropped down: 1.3 s for "Plan an
engagement" and 1.7 s for "Referred by" at 100,000 contacts (issue 16). The
picker holds only what the user's text finds: a few dozen people, best
first (followup/store/people_search.py), asked for off the GUI thread as
they type (ui/widgets/people_search.py), and listed in a popup under the
field. Down opens the list of everyone's first few; Up and Down move in it,
Enter or a click chooses, Esc closes it.

Typing a person's whole label chooses them too, when it is one person's:
what was chosen is ``contact_id()``, and ``chosen`` tells of each change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QStyle, QWidget

from ui.widgets.people_search import PeopleSearch

Person = tuple[int, str]
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ContactPicker(QLineEdit):
    """``current``: the person shown at first; ``exclude``: one never offered."""

    chosen = Signal(object)  # the contact id now chosen, or None

    def __init__(
        self,
        db_path: Path,
        current: Person | None = None,
        *,
        exclude: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Type a name, organisation or email")
        self.setClearButtonEnabled(True)
        self._exclude = exclude
        self._search = PeopleSearch(db_path, self)
        self._search.found.connect(self._on_found)
        self._request = 0
        self._offered: list[Person] = []  # the people the list holds now
        self._chosen: Person | None = current
        self._told: int | None = current[0] if current else None
        self._model = QStandardItemModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self._completer.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]  # (the overload by index)
        self.textEdited.connect(self._on_edited)
        self.textChanged.connect(lambda _text: self._tell())
        if current:
            self.setText(current[1])

    def contact_id(self) -> int | None:
        """The person chosen: the one picked from the list, or whose whole
        label the text is (when it is only one person's); None otherwise."""
        text = self.text()
        if self._chosen and text == self._chosen[1]:
            return self._chosen[0]
        key = text.strip().casefold()
        if not key:
            return None
        ids = {cid for cid, label in self._offered if label.casefold() == key}
        return ids.pop() if len(ids) == 1 else None

    def set_contact(self, person: Person | None) -> None:
        """Show ``person`` as chosen (None: nobody)."""
        self._chosen = person
        self.setText(person[1] if person else "")
        self._tell()

    def looking(self) -> bool:
        """Whether an answer is still to come for what was typed."""
        return self._request != 0

    def popup(self) -> QAbstractItemView:
        popup = self._completer.popup()
        assert popup is not None  # (QCompleter makes its list when it is made)
        return popup

    def popup_shown(self) -> bool:
        return self.popup().isVisible()

    def offered(self) -> list[Person]:
        """The people the list holds now, in its order."""
        return list(self._offered)

    def _look(self) -> None:
        self._request = self._search.ask(self.text(), self._exclude)

    def _on_edited(self, _text: str) -> None:
        self._look()

    def _on_found(self, request: int, people: list[Person] | None) -> None:
        if request != self._request:
            return  # an answer to text since changed
        self._request = 0
        self._offered = list(people or [])
        self._model.clear()
        for cid, label in self._offered:
            item = QStandardItem(label)
            item.setData(cid, ID_ROLE)
            item.setToolTip(label)
            item.setEditable(False)
            self._model.appendRow(item)
        if not self._offered:
            word = "The search failed (see the log)" if people is None else f"No one matches “{self.text().strip()}”"
            empty = QStandardItem(word)
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self._model.appendRow(empty)
        self._tell()  # (a whole label typed chooses its person even if the user has moved on)
        if self.hasFocus():  # (an answer arriving after Tab opens no list under another field)
            self._completer.complete(self._popup_rect())
            if self._offered:
                self.popup().setCurrentIndex(self._completer.completionModel().index(0, 0))

    def _popup_rect(self) -> QRect:
        """Under the field, wide enough for the longest label shown (an organisation and an
        email beside a shared name), up to twice the field's width; from its right edge
        right to left."""
        popup = self.popup()
        frame = 2 * popup.frameWidth() + popup.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) + 8
        width = min(max(self.width(), popup.sizeHintForColumn(0) + frame), 2 * self.width())
        rect = QRect(0, 0, width, self.height())
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            rect.moveRight(self.rect().right())
        return rect

    def _on_activated(self, index: QModelIndex) -> None:
        cid = index.data(ID_ROLE)
        if cid is None:
            return
        self.set_contact((int(cid), str(index.data(Qt.ItemDataRole.DisplayRole))))

    def _tell(self) -> None:
        now = self.contact_id()
        if now != self._told:
            self._told = now
            self.chosen.emit(now)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not self.popup_shown():
            self._look()  # the list of what the text finds (everyone's first few when it is empty)
            return
        super().keyPressEvent(event)

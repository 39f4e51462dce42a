"""Fitting the window to the screen, and views that rearrange when narrow.

- :func:`fit_on_screen`: the first size, clamped to the screen's available
  area (logical pixels, so at any scale), centred on it.
- :class:`ColumnCollapser`: a list hides its less important columns, one by
  one, when the column that stretches would get too narrow, and shows them
  again when there is room.
- :class:`StackWhenNarrow`: a splitter or a box layout turns from side by
  side to one above the other below a width, so that the window can be made
  narrow enough to tile beside another on a 1366-pixel laptop (~680 px).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import QBoxLayout, QHeaderView, QSplitter, QTableView, QTreeView, QWidget

# Room left around a window for its frame and title bar (the available area
# already leaves out panels and docks).
FRAME_ALLOWANCE = QSize(16, 48)


def fit_on_screen(wanted: QSize, available: QRect) -> QRect:
    """The geometry for a window that would like ``wanted``: no larger than
    ``available`` (less the frame), centred on it."""
    width = max(1, min(wanted.width(), available.width() - FRAME_ALLOWANCE.width()))
    height = max(1, min(wanted.height(), available.height() - FRAME_ALLOWANCE.height()))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


class ColumnCollapser(QObject):
    """Hide ``collapsible`` columns (least important first) of ``view`` while
    the ``stretch`` column would be narrower than ``min_stretch`` pixels."""

    def __init__(
        self, view: QTreeView | QTableView, stretch: int, collapsible: Sequence[int], min_stretch: int = 200
    ) -> None:
        super().__init__(view)
        self._view = view
        self._stretch = stretch
        self._collapsible = list(collapsible)
        self._min_stretch = min_stretch
        self._widths: dict[int, int] = {}
        self.collapsed: list[int] = []
        view.viewport().installEventFilter(self)
        model = view.model()
        if model is not None:  # a reset may change a column's width
            model.modelReset.connect(lambda: QTimer.singleShot(0, self.update))
        # a column made wider or narrower by the view (Today measures "When" as rows come)
        self._header().sectionResized.connect(self._on_section_resized)

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        if column != self._stretch and new > 0:  # not the stretching one, not one hidden
            QTimer.singleShot(0, self.update)

    def _header(self) -> QHeaderView:
        view = self._view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()

    def _width(self, column: int) -> int:
        size = self._header().sectionSize(column)
        if size > 0:
            self._widths[column] = size
        return self._widths.get(column, size)

    def update(self) -> None:
        header = self._header()
        available = self._view.viewport().width()
        others = [
            c
            for c in range(header.count())
            if c != self._stretch and c not in self._collapsible and not header.isSectionHidden(c)
        ]
        used = sum(self._width(c) for c in others)
        for c in self._collapsible:
            self._width(c)  # remember the width while it is shown
        collapsed = []
        shown = list(self._collapsible)
        while shown and available - used - sum(self._widths.get(c, 0) for c in shown) < self._min_stretch:
            collapsed.append(shown.pop())
        for c in self._collapsible:
            hide = c in collapsed
            if self._set_hidden(c, hide) and not hide:
                self._set_width(c, self._widths.get(c, 100))
        self.collapsed = collapsed

    def _set_hidden(self, column: int, hidden: bool) -> bool:
        view = self._view
        was = view.isColumnHidden(column)
        if was != hidden:
            view.setColumnHidden(column, hidden)
        return was != hidden

    def _set_width(self, column: int, width: int) -> None:
        self._view.setColumnWidth(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False


class StackWhenNarrow(QObject):
    """Lay ``target`` (a QSplitter or a QBoxLayout of ``widget``) out side by
    side from ``width`` pixels up, one above the other below it."""

    def __init__(
        self,
        widget: QWidget,
        target: QSplitter | QBoxLayout,
        width: int | Callable[[], int],
        side_by_side: Sequence[int] = (),
    ) -> None:
        """``side_by_side``: a splitter's sizes when it first goes back side by side."""
        super().__init__(widget)
        self._widget = widget
        self._target = target
        self._width = width
        self.stacked = False
        self._side_by_side = list(side_by_side)
        self._shown_side_by_side = False
        widget.installEventFilter(self)

    def threshold(self) -> int:
        return self._width() if callable(self._width) else self._width

    def update(self) -> None:
        stacked = self._widget.width() < self.threshold()
        if stacked == self.stacked:
            self._shown_side_by_side = self._shown_side_by_side or not stacked
            return
        self.stacked = stacked
        if isinstance(self._target, QSplitter):
            splitter = self._target
            if stacked and self._shown_side_by_side:  # the sizes the user had
                self._side_by_side = splitter.sizes()
            splitter.setOrientation(Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal)
            # stacked: two fifths above, three below; side by side again: as the user left it
            high = max(splitter.height(), 500)
            splitter.setSizes([high * 2 // 5, high - high * 2 // 5] if stacked else self._side_by_side)
        else:
            self._target.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False


__all__ = ["ColumnCollapser", "StackWhenNarrow", "fit_on_screen"]

"""The details above a contact's timeline (emails, phones... beside "their
space"): a box of wrapped labels in a scroll area as tall as its text needs.

Measuring wrapped text is the costly part of opening a contact, and Qt's
layouts ask the same few widths again and again; these keep what they
measured until what they hold changes (issue 16)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QScrollArea, QSizePolicy, QWidget

from ui.widgets import layouts


class WatchedHBoxLayout(QHBoxLayout):
    """A box that says when anything in it changed (a text, a row shown or
    hidden, its direction): what was measured of it is stale from then.

    It keeps its height for each width until then: Qt's box keeps one width,
    and the scroll area around it asks at three or four in turn (its hint's,
    with and without its scroll bar), each laying every wrapped label out
    again, twice."""

    def __init__(self) -> None:
        super().__init__()
        self.changed: list[Callable[[], None]] = []
        self._heights: dict[int, int] = {}
        self._least: dict[int, int] = {}

    def invalidate(self) -> None:
        self._heights.clear()
        self._least.clear()
        for changed in self.changed:
            changed()
        # A label in the form tells this box (its widget's layout), not the form, which
        # keeps its height for the last width it was asked: stale too.
        for i in range(self.count()):
            item = self.itemAt(i)
            inner = item.layout() if item is not None else None
            if inner is not None:
                inner.invalidate()
        super().invalidate()

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def minimumHeightForWidth(self, width: int) -> int:
        least = self._least.get(width)
        if least is None:
            QHBoxLayout.heightForWidth(self, width)  # Qt's own works it out for this width first
            least = self._least[width] = super().minimumHeightForWidth(width)
        return least


class FittingScrollArea(QScrollArea):
    """The details above the timeline: as tall as its wrapped text needs when
    there is room, scrolling when there is not (a contact with many dates and
    addresses in a small window), never cut off or overlapping.

    Its height for a width is kept until what it holds changes (given a
    ``WatchedHBoxLayout``): the window's layouts ask for it at three or four
    widths, turn and turn about (the page's, its minimum, the scroll area's
    with and without its scroll bar), and Qt keeps one width per layout, so
    each question laid every wrapped label out again, twice (issue 16)."""

    def __init__(self, layout: QLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self._kept = isinstance(layout, WatchedHBoxLayout)
        if isinstance(layout, WatchedHBoxLayout):
            layout.changed.append(self._heights.clear)
        inner = _Inner()
        inner.setLayout(layout)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """What the wrapped text needs at ``width``: the page's layout asks this
        with the real width, so the details are measured as they will be drawn."""
        if not self._kept:
            return self._measure(width)
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._measure(width)
        return height

    def _measure(self, width: int) -> int:
        inner = self.widget()
        if inner is None:
            return 0
        needed = inner.heightForWidth(width) if inner.hasHeightForWidth() else inner.sizeHint().height()
        return max(needed, inner.minimumSizeHint().height()) + 2

    def sizeHint(self) -> QSize:
        """As wide as Qt's hint; as tall as the text needs at the width the
        area has (measured already for the layout), 400 px before it has one."""
        hint = super().sizeHint()
        width = self.width() if self.testAttribute(Qt.WidgetAttribute.WA_Resized) else max(hint.width(), 400)
        return QSize(hint.width(), self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 96)


class _Inner(QWidget):
    """What the area scrolls. Qt's hint for a widget whose layout wraps is
    its height at its hint's width: a width it is never shown at, measured
    anew for each contact only to be thrown away (the scroll area asks, and
    uses the least size). Its hint is its height at the width it has."""

    def sizeHint(self) -> QSize:
        hint = layouts.hint_at_shown_width(self)
        return super().sizeHint() if hint is None else hint

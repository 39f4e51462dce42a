"""A word-wrapped label that remembers its height at each width.

Qt's QLabel lays its text out anew for every height-for-width question. A
label that keeps its text in a document (rich text, or text that can be
selected) lays it out twice each time: at the width asked, then again at the
width it paints at, to put that back. The layouts around a label ask the
same few widths again and again (each activation of a layout makes its items
forget what they measured), so opening a contact laid each of the page's
wrapped labels out about twenty times for its height alone (issue 16). This
label answers a width it has measured from memory until what it shows, or
how, changes.

(Measuring with a copy of the label's document instead, which needs nothing
put back, was tried: Qt's own answers to the pixel, but no cheaper in all,
the copy being filled and laid out at the hint's widths too. bench/README.md.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtWidgets import QLabel, QWidget

# Told as change events: the measure changes with them.
_CHANGES = frozenset({QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LayoutDirectionChange})


class WrappedLabel(QLabel):
    """A QLabel that wraps its words and keeps its height for each width
    until its text, format, font, style, direction, margins or least size
    change."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)
        if text:
            self.setText(text)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def forget(self) -> None:
        """What was measured is stale."""
        self._heights.clear()

    # -- what changes the measure ---------------------------------------------

    def setText(self, text: str) -> None:
        if text != self.text():
            self._heights.clear()
            super().setText(text)

    def clear(self) -> None:
        self._heights.clear()
        super().clear()

    def setTextFormat(self, format: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(format)

    def setWordWrap(self, on: bool) -> None:
        self._heights.clear()
        super().setWordWrap(on)

    def setIndent(self, indent: int) -> None:
        self._heights.clear()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:
        self._heights.clear()
        super().setMargin(margin)

    def setContentsMargins(self, *margins: int | QMargins) -> None:
        self._heights.clear()
        super().setContentsMargins(*margins)  # type: ignore[arg-type]

    def setMinimumWidth(self, width: int) -> None:
        self._heights.clear()
        super().setMinimumWidth(width)

    def setMinimumHeight(self, height: int) -> None:
        self._heights.clear()
        super().setMinimumHeight(height)

    def setMinimumSize(self, *size: object) -> None:
        self._heights.clear()
        super().setMinimumSize(*size)  # type: ignore[call-overload]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in _CHANGES:
            self._heights.clear()
        super().changeEvent(event)

"""Layouts settled now, rather than one turn of the event loop at a time.

A change of text asks the layout of the label's parent to run again, and
that layout, once run, asks its parent's: each request is an event posted for
the next turn of the event loop, and a paint may come between two of them.
A page whose layouts nest (a scroll area in a scroll area) then paints
several times for one change, each time laid out differently (issue 16:
opening a contact at 100,000 contacts painted the page two or three times).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QStackedWidget, QWidget

ROUNDS = 4  # a request handled may post another one level up: the page's nesting is under this deep

_LAYOUT_REQUEST = QEvent.Type.LayoutRequest.value


def settle() -> None:
    """Run every layout request posted so far, and those they post in turn."""
    for _ in range(ROUNDS):
        QCoreApplication.sendPostedEvents(None, _LAYOUT_REQUEST)


def hint_at_shown_width(widget: QWidget) -> QSize | None:
    """A size hint for a widget whose layout wraps text, its height the one
    for the width the widget has.

    Qt's hint is the height at the hint's own width: a width the widget is
    never shown at when a scroll area or a stack holds it, measured again
    for every change of text only to be thrown away (each wrapped label laid
    out anew at it; issue 16). None before the widget has a width (or when
    nothing in it wraps): Qt's own hint is right then."""
    layout = widget.layout()
    if layout is None or not widget.testAttribute(Qt.WidgetAttribute.WA_Resized) or not layout.hasHeightForWidth():
        return None
    margins = widget.contentsMargins()
    width = layout.sizeHint().width() + margins.left() + margins.right()  # the layout's own: no height for width
    return QSize(width, widget.heightForWidth(widget.width()))


class ShownWidthStack(QStackedWidget):
    """A stack whose hint is its height at the width it has
    (``hint_at_shown_width``): the window's contact page stack, which a
    scroll area holds."""

    def sizeHint(self) -> QSize:
        hint = hint_at_shown_width(self)
        return super().sizeHint() if hint is None else hint

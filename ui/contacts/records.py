"""A contact's dates, addresses, links and photo as the contact page shows
them: rich text built here, so contact_page.py only places the rows."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QScrollArea, QSizePolicy, QWidget

from followup.domain import Contact
from followup.people_dates import describe
from ui.style import theme
from ui.widgets.when_text import date_text

# Only these open from a click: a file or script URL in an imported vCard never does.
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _muted(text: str) -> str:
    return f"<span style='color:{theme.muted().name()}'>{html.escape(text)}</span>"


def dates_html(contact: Contact, today: date) -> str:
    """One line a date: what it is, the date, and when it comes next."""
    parts = []
    for d in contact.dates:
        lead = d.lead
        ahead = "" if lead == 0 else _muted(f" · reminder {lead} day{'s' if lead != 1 else ''} ahead")
        # The day as the locale writes it ("April 12, 1980"); when it comes next from the core.
        shown = date_text(date(d.year or 2000, d.month, d.day), weekday=False, year=bool(d.year), long=True)
        when = describe(d, today)[len(describe(d)) :]
        parts.append(f"<div>{html.escape(d.title)}: {html.escape(shown + when)}{ahead}</div>")
    return "".join(parts)


def addresses_html(contact: Contact) -> str:
    """Each address a block of its own lines: text in any direction keeps its own."""
    parts = []
    for i, a in enumerate(contact.addresses):
        # the label on a line of its own, above: a left-to-right word inside a
        # right-to-left line would reorder it (and Qt then measures it short)
        top = " style='margin-top:4px'" if i else ""
        parts.append(f"<div{top}>{_muted(a.label.capitalize() or 'Address')}</div>")
        parts += [f"<div>{html.escape(line)}</div>" for line in a.lines()]
    return "".join(parts)


def links_html(contact: Contact) -> str:
    parts = []
    for link in contact.links:
        shown = link.url.split("://", 1)[-1].rstrip("/")
        if len(shown) > 60:
            shown = shown[:57] + "…"
        label = _muted(f" ({link.label})") if link.label else ""
        if link.url.lower().startswith(SAFE_SCHEMES):
            parts.append(f"<div><a href='{html.escape(link.url, quote=True)}'>{html.escape(shown)}</a>{label}</div>")
        else:
            parts.append(f"<div>{html.escape(shown)}{label}</div>")
    return "".join(parts)


def photo_pixmap(contact: Contact, size: int) -> QPixmap | None:
    """The photo scaled to ``size`` (device-independent pixels), or None."""
    if not contact.photo:
        return None
    pixmap = QPixmap()
    if not pixmap.loadFromData(QByteArray(contact.photo)):
        return None
    return pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


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
        inner = QWidget()
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
        hint = super().sizeHint()
        return QSize(hint.width(), self.heightForWidth(max(hint.width(), 400)))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 96)

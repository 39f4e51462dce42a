"""A contact's dates, addresses, links and photo as the contact page shows
them: rich text built here, so contact_page.py only places the rows."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPixmap

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

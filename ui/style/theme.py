"""Colours and spacing in one place, derived from the palette so that the
light and the dark system themes both read well."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from followup.domain import Kind

SPACING = 8
MARGIN = 12

KIND_COLOURS = {
    Kind.CLIENT: "#2f6fdf",
    Kind.SUPPLIER: "#b26a00",
    Kind.COLLEAGUE: "#2e8b57",
    Kind.MANAGER: "#8a3fd1",
    Kind.PARTNER: "#c2185b",
    Kind.OTHER: "#607080",
}

FRESH = "#2e8b57"
DRIFTING = "#c77700"
OVERDUE = "#c62828"


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def kind_colour(kind: Kind) -> QColor:
    colour = QColor(KIND_COLOURS[kind])
    return colour.lighter(140) if is_dark() else colour


def muted(palette: QPalette | None = None) -> QColor:
    """Secondary text: the text colour halfway to the background."""
    pal = palette or QApplication.palette()
    text = pal.color(QPalette.ColorRole.WindowText)
    base = pal.color(QPalette.ColorRole.Window)
    return QColor((text.red() + base.red()) // 2, (text.green() + base.green()) // 2, (text.blue() + base.blue()) // 2)


def freshness_colour(days: int | None, ideal: int = 30, limit: int = 60) -> QColor:
    """Green while within the contact's ideal interval, amber when drifting
    past it, red past the limit (or never touched)."""
    if days is None or days > limit:
        colour = QColor(OVERDUE)
    elif days > ideal:
        colour = QColor(DRIFTING)
    else:
        colour = QColor(FRESH)
    return colour.lighter(140) if is_dark() else colour


def error_colour() -> str:
    """Error text that keeps its contrast on a dark palette."""
    return "#ff8a80" if is_dark() else "#c62828"


def error_style() -> str:
    """A style sheet for error text that keeps its contrast on a dark palette."""
    return f"color: {error_colour()};"


def success_style() -> str:
    return f"color: {'#81c784' if is_dark() else '#2e7d32'};"

"""Small charts drawn with QPainter: stacked weekly bars, horizontal bars, a
trend line.

Why not QtCharts: the app depends on PySide6-Essentials, which has no
QtCharts (it is in the ~430 MB Add-ons wheel). Three charts of a few dozen
bars each are a hundred lines of QPainter, follow the palette (light and
dark) for free, and cost nothing at start-up.

Each chart takes plain data (labels, values, colours) and knows nothing of
the core; it repaints on ``set_data`` when the data changed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.style import theme

PAD = 8


def warm_up() -> None:
    """Pay now what the first chart with bars would pay at its first paint:
    the first fill with a colour in a process costs ~10-15 ms (PySide makes
    the Python types of QGradient and its enums, which a brush can be made
    from, when an overload taking a brush is first resolved). The window
    calls it while the user is idle (ui/shell/insights_slot.py)."""
    picture = QPixmap(1, 1)
    painter = QPainter(picture)
    painter.fillRect(QRectF(0, 0, 1, 1), QColor(theme.FRESH))
    painter.setBrush(QColor(theme.FRESH))
    painter.end()


def nice_axis(value: float, ticks: int = 4) -> tuple[float, int]:
    """A round axis top at or above ``value`` and its number of whole-number
    steps (1, 2 or 5 x 10^n each), about ``ticks`` of them."""
    if value <= 0:
        return 1.0, 1
    raw = value / ticks
    exp = 10 ** math.floor(math.log10(raw))
    step = next(s * exp for s in (1, 2, 5, 10) if raw <= s * exp)
    step = max(1.0, step)
    count = math.ceil(value / step)
    return step * count, count


class _Chart(QWidget):
    """A chart's paint is kept as a picture, drawn again as it is until the
    data, the size, the device pixel ratio, the palette or the font changes:
    a switch back to Insights (which paints the page twice) does not lay out
    the chart's text and bars again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.empty_text = "Nothing in this period."
        self.picture: QPixmap | None = None
        self.picture_key: tuple[object, ...] | None = None

    def draw(self, painter: QPainter) -> None:
        raise NotImplementedError

    def _key(self) -> tuple[object, ...]:
        palette = self.palette()
        return (self.size(), self.devicePixelRatioF(), palette.cacheKey(), self.font().key(), self.empty_text)

    def _data_changed(self) -> None:
        self.picture = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        key = self._key()
        if self.picture is None or key != self.picture_key:
            ratio = self.devicePixelRatioF()
            picture = QPixmap(math.ceil(self.width() * ratio), math.ceil(self.height() * ratio))
            picture.setDevicePixelRatio(ratio)
            picture.fill(self.palette().color(QPalette.ColorRole.Window))  # what is behind it: text antialiased alike
            painter = QPainter(picture)
            painter.setFont(self.font())  # as a painter on the widget would start
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            self.draw(painter)
            painter.end()
            self.picture, self.picture_key = picture, key
        QPainter(self).drawPixmap(0, 0, self.picture)

    def sizeHint(self) -> QSize:
        return QSize(360, 200)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 140)

    def _text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def _grid_colour(self) -> QColor:
        colour = theme.muted(self.palette())
        colour.setAlpha(90)
        return colour

    def _draw_empty(self, painter: QPainter) -> None:
        painter.setPen(theme.muted(self.palette()))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)

    def _legend(self, painter: QPainter, items: Sequence[tuple[str, QColor]], top: float) -> float:
        """Swatches and names in a row (wrapping) from ``top``; returns the height used."""
        fm = QFontMetrics(self.font())
        x, y, h = float(PAD), top, fm.height()
        for name, colour in items:
            width = 14 + fm.horizontalAdvance(name) + 14
            if x + width > self.width() - PAD and x > PAD:
                x, y = PAD, y + h + 4
            painter.fillRect(QRectF(x, y + (h - 10) / 2, 10, 10), colour)
            painter.setPen(self._text_colour())
            painter.drawText(QPointF(x + 14, y + fm.ascent()), name)
            x += width
        return y + h - top

    def _y_axis(self, painter: QPainter, plot: QRectF, top_value: float, ticks: int, fmt: str = "{:g}") -> None:
        fm = QFontMetrics(self.font())
        for i in range(ticks + 1):
            value = top_value * i / ticks
            y = plot.bottom() - plot.height() * i / ticks
            painter.setPen(QPen(self._grid_colour(), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(theme.muted(self.palette()))
            label = fmt.format(value)
            painter.drawText(
                QRectF(0, y - fm.height() / 2, plot.left() - 4, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )


class StackedBarChart(_Chart):
    """Vertical bars, one per category (a week), stacked by series (a channel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.categories: list[str] = []
        self.series: list[tuple[str, QColor, list[int]]] = []

    def set_data(self, categories: Sequence[str], series: Sequence[tuple[str, QColor, Sequence[int]]]) -> None:
        categories = list(categories)
        shown = [(name, colour, list(values)) for name, colour, values in series if any(values)]
        if (categories, shown) != (self.categories, self.series):
            self.categories, self.series = categories, shown
            self._data_changed()

    def totals(self) -> list[int]:
        return [sum(values[i] for _, _, values in self.series) for i in range(len(self.categories))]

    def draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        totals = self.totals()
        if not self.categories or not any(totals):
            self._draw_empty(painter)
            return
        fm = QFontMetrics(self.font())
        legend_h = self._legend(painter, [(n, c) for n, c, _ in self.series], PAD)
        top_value, ticks = nice_axis(max(totals))
        left = fm.horizontalAdvance(f"{top_value:g}") + PAD * 2
        plot = QRectF(left, PAD * 2 + legend_h + 4, self.width() - left - PAD, 0)
        plot.setBottom(self.height() - fm.height() - PAD * 1.5)
        self._y_axis(painter, plot, top_value, ticks)
        slot = plot.width() / len(self.categories)
        bar = max(2.0, min(slot * 0.7, 48.0))
        every = max(1, math.ceil((fm.horizontalAdvance("00 Mmm") + 8) / slot))
        for i, label in enumerate(self.categories):
            x = plot.left() + slot * i + (slot - bar) / 2
            y = plot.bottom()
            for _name, colour, values in self.series:
                h = plot.height() * values[i] / top_value
                painter.fillRect(QRectF(x, y - h, bar, h), colour)
                y -= h
            if i % every == 0:
                painter.setPen(theme.muted(self.palette()))
                painter.drawText(
                    QRectF(plot.left() + slot * i - 20, plot.bottom() + 4, slot + 40, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )


class HorizontalBarChart(_Chart):
    """One horizontal bar per label (a kind of contact), with its value at the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, QColor, float, str]] = []

    def set_data(self, bars: Sequence[tuple[str, QColor, float, str]]) -> None:
        """(label, colour, value, value as shown) per bar."""
        if list(bars) != self.bars:
            self.bars = list(bars)
            self._data_changed()

    def draw(self, painter: QPainter) -> None:
        if not self.bars or not any(value for _, _, value, _ in self.bars):
            self._draw_empty(painter)
            return
        fm = QFontMetrics(self.font())
        label_w = max(fm.horizontalAdvance(label) for label, *_ in self.bars) + PAD * 2
        value_w = max(fm.horizontalAdvance(shown) for *_, shown in self.bars) + PAD
        top_value = max(value for _, _, value, _ in self.bars) or 1
        row = min(34.0, (self.height() - PAD * 2) / len(self.bars))
        bar_h = max(6.0, min(row * 0.62, 20.0))
        width = self.width() - label_w - value_w - PAD * 2
        for i, (label, colour, value, shown) in enumerate(self.bars):
            y = PAD + row * i
            painter.setPen(self._text_colour())
            painter.drawText(
                QRectF(PAD, y, label_w - PAD, row), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label
            )
            w = width * value / top_value
            painter.fillRect(QRectF(label_w, y + (row - bar_h) / 2, w, bar_h), colour)
            painter.drawText(
                QRectF(label_w + w + 6, y, value_w, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )


class TrendChart(_Chart):
    """A line through values per category on a fixed scale; gaps where there is no value."""

    def __init__(self, low: float = 1, high: float = 5, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.low, self.high = low, high
        self.categories: list[str] = []
        self.values: list[float | None] = []
        self.colour = QColor(theme.FRESH)

    def set_data(self, categories: Sequence[str], values: Sequence[float | None]) -> None:
        if (list(categories), list(values)) != (self.categories, self.values):
            self.categories, self.values = list(categories), list(values)
            self._data_changed()

    def draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not any(v is not None for v in self.values):
            self._draw_empty(painter)
            return
        fm = QFontMetrics(self.font())
        left = fm.horizontalAdvance("5") + PAD * 2
        plot = QRectF(left, PAD + fm.height() / 2, self.width() - left - PAD * 2, 0)
        plot.setBottom(self.height() - fm.height() - PAD * 1.5)
        span = self.high - self.low
        ticks = int(span)
        for i in range(ticks + 1):
            y = plot.bottom() - plot.height() * i / ticks
            painter.setPen(QPen(self._grid_colour(), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(theme.muted(self.palette()))
            painter.drawText(
                QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{self.low + i:g}",
            )
        slot = plot.width() / max(1, len(self.categories))
        colour = self.colour.lighter(140) if theme.is_dark(self.palette()) else self.colour
        path = QPainterPath()
        drawing = False
        points = []
        for i, value in enumerate(self.values):
            if value is None:
                drawing = False
                continue
            point = QPointF(plot.left() + slot * (i + 0.5), plot.bottom() - plot.height() * (value - self.low) / span)
            points.append(point)
            if drawing:
                path.lineTo(point)
            else:
                path.moveTo(point)
                drawing = True
        painter.setPen(QPen(colour, 2))
        painter.drawPath(path)
        painter.setBrush(colour)
        for point in points:
            painter.drawEllipse(point, 3.5, 3.5)
        every = max(1, math.ceil((fm.horizontalAdvance("00 Mmm") + 8) / slot))
        painter.setPen(theme.muted(self.palette()))
        for i, label in enumerate(self.categories):
            if i % every == 0:
                painter.drawText(
                    QRectF(plot.left() + slot * i - 20, plot.bottom() + 4, slot + 40, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )

"""Paints one touch point as a card: when and how, the summary, up to three
lines of notes (all of them once expanded: ui/contacts/timeline_expand.py),
and chips for mood, reply needed, difficulty, satisfaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette, QTextLayout
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from followup.domain import Direction, Mood, TouchPoint
from followup.timeutil import days_ago, humanize_days_ago
from ui.contacts.timeline_model import ReplyKeptRole, RowRole, TimelineModel, TouchPointRole
from ui.contacts.timeline_threads import Row
from ui.style import theme
from ui.widgets.when_text import datetime_text

PAD = 10
GAP = 4
NOTE_LINES = 3
INDENT = 28  # an older message of a thread, under its thread's card
THREAD_COLOUR = "#2f6fdf"
EXPANDED_LINES = 500  # an expanded note: all of it, within reason
EXPANDED_CHARS = 50_000
MOOD_COLOURS = {
    Mood.STRESSED: "#c62828",
    Mood.BUSY: "#c77700",
    Mood.NEUTRAL: "#607080",
    Mood.RELAXED: "#2e8b57",
    Mood.ENTHUSIASTIC: "#2f6fdf",
}
ARROWS = {Direction.IN: "←", Direction.OUT: "→", Direction.MET: "⇄"}


def note_lines(text: str, font: QFont, width: int, expanded: bool) -> list[str]:
    """The note as the card shows it: three lines, or every paragraph when expanded."""
    if not expanded:
        return wrap_lines(text, font, width, NOTE_LINES)
    lines: list[str] = []
    for paragraph in text[:EXPANDED_CHARS].split("\n"):
        lines += wrap_lines(paragraph, font, width, EXPANDED_LINES - len(lines), limit=EXPANDED_CHARS) or [""]
        if len(lines) >= EXPANDED_LINES:
            break
    while lines and not lines[-1]:
        lines.pop()
    return lines


def is_cut(text: str, font: QFont, width: int) -> bool:
    """Does the card's three lines leave part of the note out?"""
    return leaves_out(text, wrap_lines(text, font, width, NOTE_LINES))


def leaves_out(text: str, lines: list[str]) -> bool:
    """Do the card's ``lines`` (its three, wrapped) leave part of ``text`` out?"""
    return "".join("".join(lines).split()) != "".join(text.split())


def wrap_lines(text: str, font: QFont, width: int, max_lines: int, limit: int = 2000) -> list[str]:
    """The first ``max_lines`` wrapped lines of ``text``, the last one elided."""
    flat = " ".join(text[:limit].split())
    if not flat or width <= 0:
        return []
    layout = QTextLayout(flat, font)
    layout.beginLayout()
    lines: list[str] = []
    while len(lines) < max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(flat[line.textStart() : line.textStart() + line.textLength()].rstrip())
        if len(lines) == max_lines and line.textStart() + line.textLength() < len(flat):
            rest = flat[line.textStart() :]
            lines[-1] = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    layout.endLayout()
    return lines


class TimelineDelegate(QStyledItemDelegate):
    def __init__(self, now: Callable[[], datetime], tz: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._tz = tz
        self._heights: dict[tuple[int, int, int, bool], int] = {}
        # A note's lines as a card shows them, and whether they leave some of it out: worked
        # out when the card is measured, read again when it is painted (each a QTextLayout)
        self._lines: dict[tuple[str, str, int, bool], tuple[list[str], bool]] = {}
        self._font_sets: dict[str, tuple[QFont, QFont, QFont]] = {}
        self._thread_chips: dict[int, QRect] = {}  # touch point id -> where its "N messages" chip was painted
        self.expanded: set[int] = set()  # touch point ids whose whole note is shown

    def set_zone(self, tz: ZoneInfo) -> None:
        self._tz = tz
        self._heights.clear()

    def forget_sizes(self) -> None:
        self._heights.clear()
        self._lines.clear()
        self._thread_chips.clear()

    def _note(self, notes: str, font: QFont, width: int, expanded: bool) -> tuple[list[str], bool]:
        """The note's lines on the card, and whether a "Show the whole note" goes under them."""
        key = (notes, font.key(), width, expanded)
        found = self._lines.get(key)
        if found is None:
            lines = note_lines(notes, font, width, expanded)
            found = self._lines[key] = (lines, expanded or leaves_out(notes, lines))
        return found

    def note_is_cut(self, tp: TouchPoint, option_font: QFont, width: int) -> bool:
        return is_cut(tp.notes, option_font, width - 2 * PAD - 6)

    def when_text(self, tp: TouchPoint) -> str:
        """'Mon 23 Nov 2026, 09:30 · today', as the locale writes it."""
        days = days_ago(tp.at, self._now(), self._tz)
        return f"{datetime_text(tp.at, self._tz)} · {humanize_days_ago(days)}"

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        key = option.font.key()
        fonts = self._font_sets.get(key)
        if fonts is None:
            base = QFont(option.font)
            bold = QFont(base)
            bold.setBold(True)
            small = QFont(base)
            small.setPointSizeF(max(7.0, base.pointSizeF() * 0.9))
            fonts = self._font_sets[key] = (base, bold, small)
        return fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        tp: TouchPoint = index.data(TouchPointRole)
        row: Row = index.data(RowRole) or Row(tp)
        view = self.parent()
        # The card is as wide as the viewport: never a horizontal scroll bar.
        width = view.viewport().width() - 4 if isinstance(view, QAbstractItemView) else option.rect.width() or 480
        indent = INDENT if row.member else 0
        expanded = tp.id in self.expanded
        key = (tp.id or 0, width, indent + (row.count > 1), expanded)
        if key not in self._heights:
            base, bold, small = self._fonts(option)
            inner = width - indent - 2 * PAD - 6
            notes, more = self._note(tp.notes, base, inner, expanded)
            height = PAD + QFontMetrics(small).height() + GAP + QFontMetrics(bold).height()
            height += len(notes) * QFontMetrics(base).lineSpacing()
            # (three lines wrapped once: the cut is read from them, not wrapped again)
            if more:
                height += QFontMetrics(small).height()  # "Show the whole note" / "Show less"
            if _chips(tp, row):
                height += GAP + QFontMetrics(small).height() + 4
            self._heights[key] = height + PAD + 6
        return QSize(width, self._heights[key])

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        tp: TouchPoint = index.data(TouchPointRole)
        row: Row = index.data(RowRole) or Row(tp)
        palette = option.palette
        base, bold, small = self._fonts(option)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = option.rect.adjusted(2 + (INDENT if row.member else 0), 3, -2, -3)
        if row.member:  # a line from the thread's card down the side of its older messages
            rule = QColor(THREAD_COLOUR)
            rule.setAlpha(140)
            painter.setPen(rule)
            x_line = option.rect.left() + INDENT // 2
            painter.drawLine(x_line, option.rect.top(), x_line, option.rect.bottom())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        fill = palette.color(QPalette.ColorRole.Base)
        border = palette.color(QPalette.ColorRole.Mid)
        if selected:
            fill = (
                palette.color(QPalette.ColorRole.Highlight).lighter(185)
                if not theme.is_dark(palette)
                else (palette.color(QPalette.ColorRole.Highlight).darker(200))
            )
            border = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(border)
        painter.setBrush(fill)
        painter.drawRoundedRect(card, 6, 6)
        # a coloured stripe: the direction of the touch point
        stripe = QColor({Direction.IN: "#2f6fdf", Direction.OUT: "#2e8b57", Direction.MET: "#8a3fd1"}[tp.direction])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(stripe)
        painter.drawRoundedRect(QRect(card.left(), card.top(), 5, card.height()), 2, 2)

        x = card.left() + PAD + 4
        width = card.width() - 2 * PAD - 6
        y = card.top() + PAD - 2
        text = palette.color(QPalette.ColorRole.Text)
        muted = theme.muted(palette)

        painter.setFont(small)
        fm_small = QFontMetrics(small)
        head = f"{ARROWS[tp.direction]} {tp.direction.label} · {tp.channel.label}"
        when = self.when_text(tp)
        painter.setPen(muted)
        painter.drawText(QRect(x, y, width, fm_small.height()), Qt.AlignmentFlag.AlignLeft, head)
        painter.drawText(QRect(x, y, width, fm_small.height()), Qt.AlignmentFlag.AlignRight, when)
        y += fm_small.height() + GAP

        painter.setFont(bold)
        painter.setPen(text)
        fm_bold = QFontMetrics(bold)
        painter.drawText(
            QRect(x, y, width, fm_bold.height()),
            Qt.AlignmentFlag.AlignLeft,
            fm_bold.elidedText(tp.summary, Qt.TextElideMode.ElideRight, width),
        )
        y += fm_bold.height()

        painter.setFont(base)
        fm = QFontMetrics(base)
        expanded = tp.id in self.expanded
        lines, cut = self._note(tp.notes, base, width, expanded)
        for line in lines:
            painter.drawText(QRect(x, y, width, fm.height()), Qt.AlignmentFlag.AlignLeft, line)
            y += fm.lineSpacing()
        if cut:
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.Link) if not selected else text)
            more = "▴ Show less" if expanded else "▾ Show the whole note (click or Enter)"
            painter.drawText(QRect(x, y, width, fm_small.height()), Qt.AlignmentFlag.AlignLeft, more)
            y += fm_small.height()

        chips = _chips(tp, row, replied=bool(index.data(ReplyKeptRole)))
        if chips:
            y += GAP
            painter.setFont(small)
            cx = x
            for label, colour in chips:
                w = fm_small.horizontalAdvance(label) + 12
                chip = QRect(cx, y, w, fm_small.height() + 4)
                c = QColor(colour)
                if theme.is_dark(palette):
                    c = c.lighter(150)
                painter.setPen(c)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(chip, 8, 8)
                painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
                if colour == THREAD_COLOUR and row.count > 1 and tp.id is not None:
                    self._thread_chips[tp.id] = chip
                cx += w + 6
        painter.restore()

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """A click on a thread's "N messages" chip opens or closes the thread."""
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            tp: TouchPoint = index.data(TouchPointRole)
            chip = self._thread_chips.get(tp.id or 0)
            if chip is not None and chip.contains(event.position().toPoint()) and isinstance(model, TimelineModel):
                model.toggle_thread(index.row())
                return True
        return super().editorEvent(event, model, option, index)


def _chips(tp: TouchPoint, row: Row | None = None, *, replied: bool = False) -> list[tuple[str, str]]:
    chips: list[tuple[str, str]] = []
    if row is not None and row.count > 1:
        chips.append((f"{'▾' if row.expanded else '▸'} {row.count} messages", THREAD_COLOUR))
    if tp.mood:
        chips.append((tp.mood.label, MOOD_COLOURS[tp.mood]))
    if tp.needs_reply:  # once answered, it says so (the promise was kept)
        chips.append(("Replied", "#2e8b57") if replied else ("Needs my reply", "#c77700"))
    if tp.difficult:
        chips.append(("Difficult", "#c62828"))
    if tp.satisfaction:
        chips.append(("★" * tp.satisfaction + "☆" * (5 - tp.satisfaction), "#b8860b"))
    return chips

"""The pieces of the Insights view: figure cards, the custom-period dialog,
the read-only figure tables (the lists of contacts drifting away are in
ui/insights/silences.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ui.style import theme
from ui.widgets.when_text import follow_locale


def hours_text(hours: float | None) -> str:
    if hours is None:
        return "—"
    if hours < 1:
        return f"{max(1, round(hours * 60))} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def colour(hex_code: str) -> QColor:
    """``hex_code``, lightened on a dark palette so that it keeps its contrast."""
    base = QColor(hex_code)
    return base.lighter(140) if theme.is_dark() else base


class FigureCard(QFrame):
    """A big number with a one-line explanation under it; once made clickable,
    a click (or Enter or Space when it has the focus) emits ``clicked``."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title)
        self.value = QLabel("—")
        theme.make_heading(self.value, 2.0)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {theme.muted().name()};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.SPACING, theme.MARGIN, theme.SPACING)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.more: QLabel | None = None

    def set_clickable(self, hint: str) -> None:
        """Show ``hint`` (e.g. "Who? ›") in the link colour and answer clicks and keys."""
        self.more = QLabel(hint)
        self.more.setStyleSheet(f"color: {self.palette().color(QPalette.ColorRole.Link).name()};")
        self.layout().addWidget(self.more)  # type: ignore[union-attr]
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleDescription(hint)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.more is not None and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.more is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)

    def show_figure(self, value: str, note: str, tip: str, colour: str | None = None) -> None:
        """Each part is set only if it changed: a style sheet set again, even
        the same, polishes the label anew, and a tooltip sends an event."""
        self.value.setText(value)
        sheet = f"color: {colour};" if colour else ""
        if self.value.styleSheet() != sheet:
            self.value.setStyleSheet(sheet)
        self.note.setText(note)
        if self.toolTip() != tip:
            self.setToolTip(tip)


class CustomPeriodDialog(QDialog):
    def __init__(self, first: date, last: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Custom period")
        self.first = QDateEdit(QDate(first.year, first.month, first.day))
        self.last = QDateEdit(QDate(last.year, last.month, last.day))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            follow_locale(edit, with_time=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&From", self.first)
        form.addRow("&To (included)", self.last)
        form.addRow(buttons)

    def dates(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]


def section(text: str, tip: str = "") -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setToolTip(tip)
    return label


class ColumnsToContents(QObject):
    """Keeps ``columns`` of ``view`` as wide as their contents: measured by
    ``fit()`` (once the view is filled) and again when the view's font, style
    or device pixel ratio changes, not each time the view is shown. A header
    in ResizeToContents mode asks every row of such a column for its size at
    every show: 3-4 ms of each switch to Insights, for the two lists of
    silences alone."""

    REFIT = frozenset(
        {QEvent.Type.Polish, QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.DevicePixelRatioChange}
    )

    def __init__(
        self,
        view: QTableView | QTreeView,
        columns: Sequence[int],
        measure: Mapping[int, Callable[[], None]] | None = None,
    ) -> None:
        """``measure``: for a column whose width the view knows without asking
        every row, what sets it."""
        super().__init__(view)
        self.view = view
        self.columns = tuple(columns)
        self.measure = dict(measure or {})
        header = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
        for column in self.columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)  # as before: not for the user to drag
        self.fit()
        view.installEventFilter(self)

    def fit(self) -> None:
        for column in self.columns:
            if column in self.measure:
                self.measure[column]()
            else:
                self.view.resizeColumnToContents(column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.REFIT:
            QTimer.singleShot(0, self, self.fit)  # once the change has reached the items and the header
        return False


class FigureTable(QTableWidget):
    """A read-only table of figures: names on the left, numbers right-aligned."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.names = ColumnsToContents(self, [0])  # the names' column, as wide as the longest


def figure_table(headers: list[str]) -> FigureTable:
    return FigureTable(headers)


def fill_table(table: FigureTable, rows: list[list[str]], tips: list[str]) -> None:
    """Fill ``table`` with ``rows`` and fit its height to them (it does not scroll).
    The cells already there are written in place (a text or a tip that is
    the same is left alone), and the names' column is measured again only
    when a name changed."""
    names_changed = table.rowCount() != len(rows)
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            tip = tips[j] if j < len(tips) else ""
            item = table.item(i, j)
            if item is None:
                item = QTableWidgetItem(text)
                item.setTextAlignment(
                    (Qt.AlignmentFlag.AlignLeft if j == 0 else Qt.AlignmentFlag.AlignRight)
                    | Qt.AlignmentFlag.AlignVCenter
                )
                if tip:
                    item.setToolTip(tip)
                table.setItem(i, j, item)
                names_changed |= j == 0
                continue
            if item.text() != text:
                item.setText(text)
                names_changed |= j == 0
            if item.toolTip() != tip:
                item.setToolTip(tip)
    if names_changed:
        table.names.fit()
    height = table.horizontalHeader().height() + sum(table.rowHeight(i) for i in range(len(rows))) + 4
    table.setFixedHeight(height)

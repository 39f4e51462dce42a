"""The Insights view's lists of contacts drifting away, longest silence
first, each row with a Log and a Plan button.

The buttons are painted, not made: the style draws each as it draws a tool
button (from two hidden ones, so font, palette and size are theirs), and the
list answers the mouse over them. Forty rows of two real buttons in each of
the two lists were 240 widgets that every arrival of new figures made anew
(~100 ms of the GUI thread at 100,000 contacts) and every switch to the page
showed again. Enter or a double click on a row logs, as before; the context
menu (right click, the Menu key, Shift+F10) offers Log and Plan from the
keyboard.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QHelpEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionToolButton,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from followup.domain import Kind
from ui.insights.widgets import ColumnsToContents, colour
from ui.style import theme
from ui.widgets.counts import plural

SILENCES_SHOWN = 40
BUTTON_COLUMN = 3
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
# What a row's buttons do, in order: (text, what), the signal being ``<what>_requested``.
BUTTONS = (("Log", "log"), ("Plan", "plan"))
GAP = 4  # between the two buttons, and after the last (as the row's box of buttons had)
Button = tuple[int, str]  # (row, what)


class SilenceList(QTreeWidget):
    """Contacts drifting away, longest silence first, each with Log and Plan
    buttons; activating a row asks to log a touch point with them."""

    log_requested = Signal(int)
    plan_requested = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([title, "Silent for", "Rhythm", ""])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(280)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.shown: tuple[object, ...] | None = None  # what the rows were made from
        self.columns = ColumnsToContents(self, (1, 2, BUTTON_COLUMN), measure={BUTTON_COLUMN: self._fit_buttons})
        self.setToolTip(
            "Contacts past their ideal interval (drifting, amber) or past their limit (overdue, red) right now, "
            "longest silence first. Log records a touch point; Plan prepares one (Enter logs; the context menu "
            "offers both)."
        )
        # Never shown: the buttons each row's are painted as (style options, size, font, palette).
        self.models: dict[str, QToolButton] = {}
        for text, what in BUTTONS:
            model = QToolButton(self)
            model.setText(text)
            model.setObjectName(f"{what}Button")
            model.hide()
            self.models[what] = model
        self.button_hovered: Button | None = None
        self.button_down: Button | None = None
        self.setItemDelegateForColumn(BUTTON_COLUMN, _ButtonsDelegate(self))
        self.setMouseTracking(True)
        self.itemActivated.connect(lambda item, _col: self._request("log", item))

    # -- the rows ----------------------------------------------------------------

    def show_silences(self, silences: Sequence, total: int | None = None) -> None:  # type: ignore[type-arg]
        """The first silences (longest first); ``total``: how many there are
        in all, when ``silences`` holds only the first of them."""
        total = len(silences) if total is None else total
        shown = (tuple(silences[:SILENCES_SHOWN]), total, theme.is_dark())
        if shown == self.shown:
            return  # the same rows (figures computed again after a change elsewhere): nothing to redo
        self.shown = shown
        items = []
        for s in silences[:SILENCES_SHOWN]:
            silent = f"{s.days:,} day{'' if s.days == 1 else 's'}" + (" (never)" if s.never_touched else "")
            item = QTreeWidgetItem(
                [f"{s.name}  ·  {Kind(s.kind).label}", silent, f"{s.ideal} / {plural(s.limit, 'day')}", ""]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, s.contact_id)
            item.setData(0, NAME_ROLE, s.name)
            item.setForeground(1, colour(theme.OVERDUE if s.health == "overdue" else theme.DRIFTING))
            item.setToolTip(
                1,
                f"{s.health.capitalize()}: {plural(s.days, 'day')} without a touch point"
                + (" (never touched: counted from when they were added)" if s.never_touched else ""),
            )
            item.setToolTip(2, f"Ideal: every {plural(s.ideal, 'day')}; limit: {plural(s.limit, 'day')}")
            items.append(item)
        if total > SILENCES_SHOWN:
            items.append(_note(f"and {total - SILENCES_SHOWN:,} more"))
        if not silences:
            items.append(_note("Nobody is drifting away."))
        self.button_hovered = self.button_down = None
        self.clear()
        self.addTopLevelItems(items)
        self.columns.fit()

    def _fit_buttons(self) -> None:
        """The buttons' column: as wide as a row's buttons (every row's are alike), or its header."""
        if self.shown and self.shown[0]:
            self.setColumnWidth(
                BUTTON_COLUMN, max(self.buttons_size().width(), self.header().sectionSizeHint(BUTTON_COLUMN))
            )
        else:
            self.resizeColumnToContents(BUTTON_COLUMN)

    def contact_at(self, row: int) -> int | None:
        item = self.topLevelItem(row)
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return None if value is None else int(value)

    # -- the buttons -------------------------------------------------------------

    def button_size(self, what: str) -> QSize:
        return self.models[what].sizeHint()

    def buttons_size(self) -> QSize:
        """The size of a row's buttons, gaps included (the cell's size hint)."""
        sizes = [self.button_size(what) for _text, what in BUTTONS]
        return QSize(sum(s.width() + GAP for s in sizes), max(s.height() for s in sizes))

    def button_rects(self, cell: QRect) -> Iterator[tuple[str, QRect]]:
        """Each button's place in ``cell`` (a row's last cell): side by side
        from the left, as tall as the row, sharing any width to spare."""
        sizes = [self.button_size(what) for _text, what in BUTTONS]
        spare = max(0, cell.width() - sum(s.width() + GAP for s in sizes))
        x = cell.left()
        for i, ((_text, what), size) in enumerate(zip(BUTTONS, sizes, strict=True)):
            width = size.width() + spare // len(sizes) + (1 if i < spare % len(sizes) else 0)
            yield what, QRect(x, cell.top(), width, cell.height())
            x += width + GAP

    def button_rect(self, row: int, what: str) -> QRect:
        """Where row ``row``'s button ``what`` ("log" or "plan") is, in the viewport."""
        cell = self.visualRect(self.model().index(row, BUTTON_COLUMN))
        return next((rect for w, rect in self.button_rects(cell) if w == what), QRect())

    def button_at(self, point: QPoint) -> Button | None:
        index = self.indexAt(point)
        if not index.isValid() or index.column() != BUTTON_COLUMN or self.contact_at(index.row()) is None:
            return None
        for what, rect in self.button_rects(self.visualRect(index)):
            if rect.contains(point):
                return index.row(), what
        return None

    def _request(self, what: str, item: QTreeWidgetItem | None) -> None:
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if value is not None:
            getattr(self, f"{what}_requested").emit(int(value))

    def _repaint_button(self, button: Button | None) -> None:
        if button is not None:
            self.viewport().update(self.visualRect(self.model().index(button[0], BUTTON_COLUMN)))

    def _set_hovered(self, button: Button | None) -> None:
        if button != self.button_hovered:
            self._repaint_button(self.button_hovered)
            self.button_hovered = button
            self._repaint_button(button)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        button = self.button_at(event.position().toPoint())
        if button is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.button_down = button  # a button's click is its own: the row is not selected (as with real buttons)
        self._repaint_button(button)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.button_at(event.position().toPoint()) is None:
            super().mouseDoubleClickEvent(event)  # a row's double click logs (itemActivated)
            return
        self.mousePressEvent(event)  # a button's second click is a click

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        button = self.button_at(event.position().toPoint())
        self._set_hovered(button)
        if self.button_down is not None:
            self._repaint_button(self.button_down)  # sunken while the mouse is over it
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self.button_down = self.button_down, None
        if pressed is None:
            super().mouseReleaseEvent(event)
            return
        self._repaint_button(pressed)
        if event.button() == Qt.MouseButton.LeftButton and self.button_at(event.position().toPoint()) == pressed:
            self._request(pressed[1], self.topLevelItem(pressed[0]))

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._set_hovered(None)
        elif event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            button = self.button_at(event.pos())
            if button is not None:
                row, what = button
                item = self.topLevelItem(row)
                name = item.data(0, NAME_ROLE) if item is not None else ""
                tip = f"{dict((w, t) for t, w in BUTTONS)[what]} a touch point with {name}"
                QToolTip.showText(event.globalPos(), tip, self.viewport(), self.button_rect(row, what))
                return True
        return super().viewportEvent(event)

    def row_menu(self, item: QTreeWidgetItem) -> QMenu:
        """Log and Plan for ``item``'s contact (the context menu)."""
        menu = QMenu(self)
        name = item.data(0, NAME_ROLE)
        log = menu.addAction(f"&Log a touch point with {name}…")
        log.triggered.connect(lambda: self._request("log", item))
        plan = menu.addAction(f"&Plan a touch point with {name}…")
        plan.triggered.connect(lambda: self._request("plan", item))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        item = self.currentItem() if keyboard else self.itemAt(event.pos())
        if item is None or item.data(0, Qt.ItemDataRole.UserRole) is None:
            return
        menu = self.row_menu(item)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(
            self.viewport().mapToGlobal(self.visualItemRect(item).bottomLeft()) if keyboard else event.globalPos()
        )


def _note(text: str) -> QTreeWidgetItem:
    item = QTreeWidgetItem([text, "", "", ""])
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    return item


class _ButtonsDelegate(QStyledItemDelegate):
    """Paints a row's Log and Plan buttons in its last cell, as the style
    paints a tool button; the cell is as big as the buttons."""

    def __init__(self, view: SilenceList) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if self.view.contact_at(index.row()) is None:
            return super().sizeHint(option, index)
        return self.view.buttons_size()

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().paint(painter, option, index)  # the cell's background, alternate or selected
        if self.view.contact_at(index.row()) is None:
            return
        view, row = self.view, index.row()
        painter.save()
        for what, rect in view.button_rects(option.rect):
            model = view.models[what]
            opt = QStyleOptionToolButton()
            model.initStyleOption(opt)
            opt.rect = rect
            opt.state &= ~(QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_MouseOver)
            if view.button_hovered == (row, what):
                opt.state |= QStyle.StateFlag.State_MouseOver
            if view.button_down == (row, what) and view.button_hovered == (row, what):
                opt.state = (opt.state | QStyle.StateFlag.State_Sunken) & ~QStyle.StateFlag.State_Raised
            model.style().drawComplexControl(QStyle.ComplexControl.CC_ToolButton, opt, painter, model)
        painter.restore()

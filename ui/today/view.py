"""The Today view: what is overdue, due today and due this week, and the
buttons, menu and keys to act on it."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from followup.planning.model import FollowUp
from ui.style import theme
from ui.today.model import CHANNEL, PHASE, WHAT, WHEN, WHO, TodayModel
from ui.today.new_meetings import KEYS as NEW_MEETING_KEYS
from ui.widgets import activity

SNOOZE_CHOICES = ("1 hour", "Tomorrow morning", "Next week")


SNOOZE_KEY, RESCHEDULE_KEY, SKIP_KEY = "S", "R", QKeySequence.StandardKey.Delete
# The keys of the Today list, for Help > Keyboard shortcuts (Done is the window's Ctrl+D).
KEYS: tuple[tuple[str, str | QKeySequence.StandardKey], ...] = (
    ("snooze the selected follow-up", SNOOZE_KEY),
    ("reschedule it", RESCHEDULE_KEY),
    ("skip it (it stays in the history)", SKIP_KEY),
    ("open its contact", "Enter"),
    *NEW_MEETING_KEYS,
)


class TodayView(QWidget):
    done_requested = Signal(object)  # FollowUp
    snooze_requested = Signal(object, str)  # FollowUp, a choice of SNOOZE_CHOICES or "pick"
    reschedule_requested = Signal(object)
    skip_requested = Signal(object)
    open_contact_requested = Signal(int)
    plan_requested = Signal()
    calendar_requested = Signal(object, str)  # FollowUp, "ics" | "google" | "outlook"

    def __init__(self, model: TodayModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.title = QLabel("Today")
        theme.make_heading(self.title, 1.5)
        self.summary = QLabel()
        self.summary.setStyleSheet(f"color: {theme.muted().name()};")

        self.done_button = QPushButton("&Done")
        self.done_button.setToolTip("Mark the selected follow-up done, and log the touch point (Ctrl+D)")
        self.snooze_button = QToolButton()
        self.snooze_button.setText("&Snooze")
        self.snooze_button.setToolTip("Hide it until later (S)")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze_menu = self._snooze_menu()
        self.snooze_button.setMenu(self.snooze_menu)
        self.reschedule_button = QPushButton("&Reschedule…")
        self.reschedule_button.setToolTip("Give it a new due time (R)")
        self.skip_button = QPushButton("S&kip")
        self.skip_button.setToolTip("Skip it; it stays in the history (Delete)")
        self.open_button = QPushButton("&Open contact")
        self.open_button.setToolTip("Open the contact's page (Enter)")
        self.plan_button = QPushButton("&Plan engagement…")
        self.plan_button.setToolTip(
            "Plan a meeting, delivery or order with its before, during and after (Ctrl+Shift+E)"
        )
        self.done_button.clicked.connect(lambda: self._emit(self.done_requested))
        self.reschedule_button.clicked.connect(lambda: self._emit(self.reschedule_requested))
        self.skip_button.clicked.connect(lambda: self._emit(self.skip_requested))
        self.open_button.clicked.connect(self._on_open_clicked)
        self.plan_button.clicked.connect(self.plan_requested)

        self.tree = SectionTree()
        self.tree.setObjectName("todayTree")
        self.tree.setModel(model)
        self.tree.setAccessibleName("Follow-ups due")
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Read-only: a double-click opens the contact (activated). Qt's items
        # (ui.today.model) would otherwise be edited in the cells beside the first.
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu)
        self.tree.activated.connect(self._on_tree_activated)
        self.tree.setItemDelegate(PaddedRows(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((WHO, 170), (PHASE, 110), (CHANNEL, 100), (WHEN, 130)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.tree.setColumnWidth(column, width)
        self._on_model_reset()  # the three sections expanded: rows come and go under them
        model.modelReset.connect(self._on_model_reset)
        model.shown.connect(self._on_shown)
        model.rowsRemoved.connect(self._update_summary)
        # Rows that only come below what the list shows wait for the user
        # to be idle, to scroll, or to use the list: inserting one lays
        # every row out again (~5 ms at 900 rows), a frame shared with the action
        # that brought them (issue 16).
        model.hold_at = self._below_sight
        self._held = QTimer(self)
        self._held.setInterval(HELD_POLL_MS)
        self._held.timeout.connect(self._show_held_when_idle)
        model.held.connect(self._held.start)
        self.tree.verticalScrollBar().valueChanged.connect(lambda _value: self.tree.show_held())
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        for key, handler in (
            (SNOOZE_KEY, lambda: self._popup_snooze()),
            (RESCHEDULE_KEY, lambda: self._emit(self.reschedule_requested)),
            (SKIP_KEY, lambda: self._emit(self.skip_requested)),
        ):
            action = QAction(self.tree)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(handler)
            self.tree.addAction(action)

        self.empty = QLabel(
            "<h3>Nothing is due.</h3><p>Promises kept. Plan an engagement to prepare for what is coming, "
            "or log a touch point with someone you have not spoken to in a while.</p>"
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.summary)
        head.addLayout(titles, 1)
        self._head = head  # add_head_widget: the kind and channel filter (ui/today/filter_bar.py)
        head.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignBottom)
        buttons = QHBoxLayout()
        for widget in (self.done_button, self.snooze_button, self.reschedule_button, self.skip_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN * 2, theme.MARGIN * 2, theme.MARGIN * 2, theme.MARGIN)
        layout.setSpacing(theme.MARGIN)
        layout.addLayout(head)
        self._banners = QVBoxLayout()  # panels above the list (new meetings from calendars)
        self._banners.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._banners)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        self._update_buttons()

    def _snooze_menu(self) -> QMenu:
        menu = QMenu(self)
        for choice in SNOOZE_CHOICES:
            action = menu.addAction(choice)
            action.triggered.connect(lambda _=False, c=choice: self._emit_snooze(c))
        menu.addSeparator()
        pick = menu.addAction("Pick a time…")
        pick.triggered.connect(lambda: self._emit_snooze("pick"))
        return menu

    def current(self) -> FollowUp | None:
        return self.model.follow_up(self.tree.currentIndex())

    def select_first(self) -> None:
        for section in range(self.model.rowCount()):
            parent = self.model.section_index(section)
            if self.model.rowCount(parent):
                self.tree.setCurrentIndex(self.model.index(0, 0, parent))
                return

    def _emit(self, signal: SignalInstance) -> None:
        fu = self.current()
        if fu is not None:
            signal.emit(fu)

    def _emit_snooze(self, choice: str) -> None:
        fu = self.current()
        if fu is not None:
            self.snooze_requested.emit(fu, choice)

    def _popup_snooze(self) -> None:
        rect = self.tree.visualRect(self.tree.currentIndex())
        self.snooze_menu.popup(self.tree.viewport().mapToGlobal(rect.bottomLeft()))

    def _on_open_clicked(self) -> None:
        fu = self.current()
        if fu is not None:
            self.open_contact_requested.emit(fu.contact_id)

    def _on_tree_activated(self, index: QModelIndex) -> None:
        fu = self.model.follow_up(index)
        if fu is not None:
            self.open_contact_requested.emit(fu.contact_id)

    def _on_tree_context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        fu = self.model.follow_up(index)
        if fu is None:
            return
        if not self.tree.selectionModel().isSelected(index):  # within a selection: it stays (bulk actions)
            self.tree.setCurrentIndex(index)
        many = len(self.tree.selectionModel().selectedRows())
        n = f" {many:,} follow-ups" if many > 1 else ""
        menu = QMenu(self)
        menu.addAction(f"Mark{n} done" if n else "Done…", lambda: self.done_requested.emit(fu))
        snooze = menu.addMenu(f"Snooze{n}")
        for choice in SNOOZE_CHOICES:
            snooze.addAction(choice, partial(self.snooze_requested.emit, fu, choice))
        snooze.addAction("Pick a time…", lambda: self.snooze_requested.emit(fu, "pick"))
        menu.addAction(f"Reschedule{n}…", lambda: self.reschedule_requested.emit(fu))
        menu.addAction(f"Skip{n}", lambda: self.skip_requested.emit(fu))
        menu.addSeparator()
        menu.addAction("Add to calendar…", lambda: self.calendar_requested.emit(fu, "ics"))
        menu.addAction("Add to Google Calendar", lambda: self.calendar_requested.emit(fu, "google"))
        menu.addAction("Add to Outlook", lambda: self.calendar_requested.emit(fu, "outlook"))
        menu.addSeparator()
        menu.addAction("Open contact", lambda: self.open_contact_requested.emit(fu.contact_id))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def _on_model_reset(self) -> None:
        # Expanded while a layout is pending (only noted). (expandAll asked the
        # model about each row ~5 times, expanding each follow-up; a pass per
        # section cost ~50 ms at 900 rows.)
        for section in range(self.model.rowCount()):
            self.tree.expand(self.model.section_index(section))

    def _below_sight(self, section: int, row: int) -> bool:
        """Whether a row inserted before ``row`` of ``section`` (its count: at its end) is below what the list shows."""
        parent = self.model.section_index(section)
        count = self.model.rowCount(parent)
        if not self.tree.isVisible():
            return False
        if row < count:
            return self.tree.visualRect(self.model.index(row, 0, parent)).top() >= self.tree.viewport().height()
        above = self.model.index(count - 1, 0, parent) if count else parent
        return self.tree.visualRect(above).bottom() + 1 >= self.tree.viewport().height()

    def _show_held_when_idle(self) -> None:
        if activity.idle_for() >= HELD_IDLE_S or not self.tree.isVisible():
            self._held.stop()
            self.model.show_held()

    def _on_shown(self) -> None:
        # "Thu 26 Nov, 23:00  (Fri 18:00 for them)" is never cut. Measured once from
        # the longest such text, not by ResizeToContents (which asks every row).
        longest = self.model.longest_when()
        metrics = self.tree.fontMetrics()
        self.tree.setColumnWidth(WHEN, max(130, metrics.horizontalAdvance(longest) + 24))
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        overdue, today, week = (self.model.total(s) for s in range(3))
        parts = []
        if overdue:
            parts.append(f"{overdue:,} overdue")
        parts.append(f"{today:,} due today")
        parts.append(f"{week:,} more this week")
        self.summary.setText(", ".join(parts))
        self.stack.setCurrentWidget(self.tree if self.model.count() else self.empty)

    def _update_buttons(self) -> None:
        has = self.current() is not None
        for widget in (
            self.done_button,
            self.snooze_button,
            self.reschedule_button,
            self.skip_button,
            self.open_button,
        ):
            widget.setEnabled(has)

    def add_head_widget(self, widget: QWidget) -> None:
        """A control beside the title, before Plan engagement."""
        self._head.insertWidget(self._head.count() - 1, widget, 0, Qt.AlignmentFlag.AlignBottom)

    def add_banner(self, widget: QWidget) -> None:
        """A panel above the list, shown only while it has something to say."""
        self._banners.addWidget(widget)


HELD_POLL_MS = 100
HELD_IDLE_S = 0.3  # rows held out of sight are inserted once the user has left keyboard and mouse this long


class PaddedRows(QStyledItemDelegate):
    """Each row 4 px above and below its text. Not a style sheet
    (``QTreeView::item { padding }``): under one, Qt draws every item through
    the sheet's rules, a quarter of each repaint of the list (9.4 -> 6.9 ms
    GUI CPU at 100,000 contacts). Rows are of one height: asked once a layout."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 4, size.height() + 8)


class SectionTree(QTreeView):
    """Today's tree: a section's title is drawn across the whole row, as a
    first column spanned would be. Not spanned: with any row spanned, each
    layout asks the model for every row's index twice (~900 rows at every
    row that comes or goes, ~2.5 ms of the ~8 ms a layout costs at 100,000
    contacts)."""

    def drawRow(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        model = self.model()
        if index.parent().isValid() or not isinstance(model, TodayModel):
            super().drawRow(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        header = self.header()
        opt.rect = QRect(-header.offset(), option.rect.y(), header.length(), option.rect.height())
        opt.state &= ~(
            QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_MouseOver
        )
        before = index.row() + sum(model.rowCount(model.section_index(s)) for s in range(index.row()))
        if self.alternatingRowColors() and before % 2:
            opt.features |= QStyleOptionViewItem.ViewItemFeature.Alternate
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, opt, painter, self)
        self.itemDelegateForIndex(index).paint(painter, opt, index)

    # Rows held out of sight (TodayModel.held) come first when the list is used, scrolled or resized.

    def show_held(self) -> None:
        model = self.model()
        if isinstance(model, TodayModel):
            model.show_held()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.show_held()
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.show_held()
        super().mousePressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.show_held()
        super().resizeEvent(event)

"""The left side of the window: search box, kind filter, sort, and the list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Kind
from ui.contacts import kept_selection
from ui.contacts.freshness import FreshnessLegend
from ui.contacts.model import (
    COLUMNS,
    EMAIL,
    KIND,
    LAST_TOUCHED,
    NAME,
    ORGANISATION,
    ContactIdRole,
    ContactsTableModel,
)
from ui.contacts.views_bar import KEYS as VIEW_KEYS
from ui.style import theme
from ui.widgets.counts import plural
from ui.widgets.tables import select_only_row

SORTS = (
    ("Name", NAME, Qt.SortOrder.AscendingOrder),
    ("Last touched (oldest first)", LAST_TOUCHED, Qt.SortOrder.AscendingOrder),
    ("Last touched (newest first)", LAST_TOUCHED, Qt.SortOrder.DescendingOrder),
)


def sort_text(column: int, order: Qt.SortOrder) -> str:
    """An order the Sort box does not list (a header clicked): 'Organisation (Z–A)'."""
    title = COLUMNS[column]
    if column == LAST_TOUCHED:
        return f"{title} ({'oldest' if order == Qt.SortOrder.AscendingOrder else 'newest'} first)"
    return f"{title} ({'A–Z' if order == Qt.SortOrder.AscendingOrder else 'Z–A'})"


# The keys of the search box and the list, for Help > Keyboard shortcuts.
KEYS: tuple[tuple[str, str], ...] = (
    ("move from the search box into the list", "Down"),
    ("open the selected contact's timeline", "Enter"),
    ("clear the search", "Esc"),
    *VIEW_KEYS,
)


class ContactsPanel(QWidget):
    contact_selected = Signal(int)
    contact_activated = Signal(int)
    notes_search_requested = Signal(str)

    def __init__(self, model: ContactsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keeping: int | None = None  # the contact being selected again after a reset
        self._told: int | None = None  # the contact last said to be selected (contact_selected)
        self._quiet = False  # the selection being put back after a reset: nobody else is shown
        self.model = model

        self.search = QLineEdit()
        self.search.setObjectName("contactSearch")
        self.search.setPlaceholderText("Find by name, organisation, email, phone, tag or note  (Ctrl+F)")
        self.search.setToolTip("Filters the list as you type. Esc clears; Down moves into the list.")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_filter_changed)
        self.search.installEventFilter(self)

        self.kind_filter = QComboBox()
        self.kind_filter.setToolTip("Show one kind of contact")
        self.kind_filter.addItem("All kinds", None)
        for kind in Kind:
            self.kind_filter.addItem(kind.label + "s" if kind != Kind.OTHER else "Others", kind)
        self.kind_filter.currentIndexChanged.connect(self._on_filter_changed)

        self.sort_box = QComboBox()
        self.sort_box.setToolTip("Sort the list (or click a column header)")
        for label, _, _ in SORTS:
            self.sort_box.addItem(f"Sort: {label}")
        self.sort_box.currentIndexChanged.connect(self._on_sort_box_changed)

        self.table = QTableView()
        self.table.setObjectName("contactsTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setAccessibleName("Contacts")
        row_height = self.table.fontMetrics().height() + 12
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        # On every paint a header asks whether each column is selected
        # (QItemSelectionModel.isColumnSelected), which walks every row of the
        # model: with Ctrl+A over 100,000 contacts, 1.6 million calls into this
        # Python model whenever the window is (de)activated, e.g. by a bulk
        # action's progress dialog (a 1-3 s freeze). Rows are selected here,
        # never columns: the header reads a selection of its own, always empty.
        header.setSelectionModel(QItemSelectionModel(model, header))
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((ORGANISATION, 170), (KIND, 84), (EMAIL, 200), (LAST_TOUCHED, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        self.table.setColumnHidden(EMAIL, True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.selectionModel().currentChanged.connect(self._on_current_changed)
        self.table.activated.connect(self._on_table_activated)
        header.sortIndicatorChanged.connect(self._on_header_sort_changed)

        self.count_label = QLabel()
        self.count_label.setStyleSheet(f"color: {theme.muted().name()};")
        self.notes_button = QPushButton("Search notes…")
        self.notes_button.setToolTip("Search every touch point's summary and notes (Ctrl+Shift+F)")
        self.notes_button.setFlat(True)
        self.notes_button.clicked.connect(lambda: self.notes_search_requested.emit(self.search.text()))

        filters = QHBoxLayout()
        filters.setSpacing(theme.SPACING)
        filters.addWidget(self.kind_filter, 1)
        filters.addWidget(self.sort_box, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label)
        footer.addWidget(FreshnessLegend(), 1)
        footer.addWidget(self.notes_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, 0, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        model.modelReset.connect(self._update_count)
        model.filtered.connect(self._on_filtered)
        model.sorted_late.connect(self._on_sorted_late)
        self._reselect_after: int | None = None  # the contact to select again once the filter shows
        model.rowsInserted.connect(self._update_count)
        model.rowsRemoved.connect(self._update_count)
        self._update_count()

    def add_view_bar(self, bar: QWidget) -> None:
        """The saved views (ui/contacts/views_bar.py), between the search box and the filters."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, bar)

    def current_contact_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ContactIdRole) if index.isValid() else None

    def select_contact(self, contact_id: int) -> bool:
        row = self.model.row_of(contact_id)
        if row < 0:
            return False
        select_only_row(self.table, row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def select_first(self) -> None:
        if self.model.rowCount() > 0:
            select_only_row(self.table, 0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else Qt.Key.Key_unknown
            if key == Qt.Key.Key_Down or key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.model.settle()  # the rows of what was typed, even if still being looked for
                if self.model.rowCount():
                    if not self.table.selectionModel().hasSelection():
                        select_only_row(self.table, 0)
                    self.table.setFocus()
                    if key != Qt.Key.Key_Down:
                        self._on_table_activated(self.table.currentIndex())
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    def _on_filter_changed(self) -> None:
        self._reselect_after = self.current_contact_id()  # (the rows stay as they are until it shows)
        kind = self.kind_filter.currentData()
        self.model.set_filter(self.search.text(), Kind(kind) if kind else None)

    def _on_filtered(self) -> None:
        """The rows the filter asked for show (at once, or from the filter's thread)."""
        current, self._reselect_after = self._reselect_after, None
        if current is not None:
            self.reselect(current)

    def _on_sorted_late(self) -> None:
        """A big list's new order shows, sorted off the GUI thread: the current contact is scrolled to."""
        current = self.current_contact_id()
        if current is not None:
            self.reselect(current)

    def reselect(self, contact_id: int) -> bool:
        """Select again the contact the list lost in a reset: their page is
        already shown, so it is not loaded again (on every keystroke). False
        if they are not listed."""
        self._keeping = contact_id
        try:
            return self.select_contact(contact_id)
        finally:
            self._keeping = None

    def _on_sort_box_changed(self, index: int) -> None:
        if index >= len(SORTS):
            return  # the header's own order, shown in the box
        _, column, order = SORTS[index]
        self.table.horizontalHeader().setSortIndicator(column, order)

    def _on_header_sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self._show_sort(column, order)
        current = self.current_contact_id()
        if current is not None:
            self.reselect(current)

    def _show_sort(self, column: int, order: Qt.SortOrder) -> None:
        """The Sort box says the list's order: one of its own, or the header's,
        in an entry of its own after them while the list is in that order."""
        box = self.sort_box
        listed = next((i for i, (_, c, o) in enumerate(SORTS) if (c, o) == (column, order)), None)
        box.blockSignals(True)
        try:
            if listed is None:
                text = f"Sort: {sort_text(column, order)}"
                if box.count() == len(SORTS):
                    box.addItem(text)
                box.setItemText(len(SORTS), text)
                box.setCurrentIndex(len(SORTS))
            else:
                box.setCurrentIndex(listed)
                if box.count() > len(SORTS):
                    box.removeItem(len(SORTS))
        finally:
            box.blockSignals(False)

    def selection_to_keep(self) -> kept_selection.Kept:
        """The selected contacts, to select again once the list is read again
        (ui/contacts/kept_selection.py); none if only the current one is."""
        return kept_selection.remember(self.table, self.model)

    def select_also(self, kept: kept_selection.Kept) -> int:
        """Add what was selected, where listed, to the selection; the current
        contact and their page stay as they are. How many rows that is."""
        self._quiet = True
        try:
            return kept_selection.restore(self.table, self.model, kept)
        finally:
            self._quiet = False

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        """The page shows the current row's contact: the one clicked or moved to.

        A click makes its row current before selecting it; a key selects
        before moving the current row (``_on_current_changed`` follows). So
        the current row newly selected is shown; a current row selected
        already stays shown (Ctrl+A: the page does not jump); else the first
        row newly selected is, until the current row arrives."""
        if selected.isEmpty() or self._quiet:
            return
        current = self.table.currentIndex()
        if current.isValid() and selected.contains(current):
            self._tell(current.data(ContactIdRole))
        elif current.isValid() and self.table.selectionModel().isSelected(current):
            return
        else:  # the first range's corner, not selected.indexes(): one index per cell
            self._tell(selected.first().topLeft().data(ContactIdRole))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet or not current.isValid() or not self.table.selectionModel().isSelected(current):
            return  # a click's row not selected yet: its selection says
        if (contact_id := current.data(ContactIdRole)) != self._told:
            self._tell(contact_id)

    def _tell(self, contact_id: int) -> None:
        self._told = contact_id
        if contact_id != self._keeping:
            self.contact_selected.emit(contact_id)

    def _on_table_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.contact_activated.emit(index.data(ContactIdRole))

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.count_label.setText(
            plural(total, "contact") if shown == total else f"{shown:,} of {plural(total, 'contact')}"
        )
        if not self.model.complete:  # the first screenful at start-up; the rest is being read
            self.count_label.setText(f"The first {total:,} contacts; reading the others…")
        text = self.search.text().strip()
        if shown == 0 and total and text and self.model.complete:
            # an empty result says so, and offers the notes (issue 15)
            self.count_label.setText("No contact matches.")
            shown_text = text if len(text) <= 24 else text[:23] + "…"
            self.notes_button.setText(f"Search notes for “{shown_text}”…")
        else:
            self.notes_button.setText("Search notes…")

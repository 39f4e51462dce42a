"""Today's "New meetings": meetings with your contacts that came from your
calendars and wait for a decision: Plan (with the suggested playbook or
another), or Not this one. The selected one shows its plan before anything
is saved. Hidden when nothing waits."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.caldav import proposals as props
from followup.changes import Changes
from followup.errors import FollowupError
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone
from ui.ops.changes import ChangesHub
from ui.ops.operations import run
from ui.style import theme
from ui.widgets.when_text import date_text, datetime_text

PROPOSAL_ID = Qt.ItemDataRole.UserRole + 1
VISIBLE_ROWS = 4
PLAN_KEY, DISMISS_KEY = "P", "N"
# for Help > Keyboard shortcuts (Today's keys)
KEYS = (
    ("new meetings: plan the selected one", PLAN_KEY),
    ("new meetings: not this one", DISMISS_KEY),
)
PREVIEW_STEPS = 4


class NewMeetingsPanel(QWidget):
    planned = Signal(int)  # engagement id

    def __init__(self, store: Store, hub: ChangesHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.hub = store, hub
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["When", "Meeting", "With", "Playbook"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.list.currentItemChanged.connect(lambda *_: self._show_preview())
        self.preview = QLabel()
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(f"color: {theme.muted().name()};")
        self.plan_button = QPushButton("&Plan")
        self.plan_button.setToolTip("Plan before, during and after with the suggested playbook (P)")
        self.other_button = QToolButton()
        self.other_button.setText("Plan &with…")
        self.other_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.other_menu = QMenu(self)
        self.other_button.setMenu(self.other_menu)
        self.dismiss_button = QPushButton("&Not this one")
        self.dismiss_button.setToolTip("No plan for this meeting; it will not be offered again")
        self.plan_button.clicked.connect(lambda: self.plan_selected(None))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        # keys of the list only (a bare letter must not fire from a text field)
        plan_key = QShortcut(QKeySequence(PLAN_KEY), self.list)
        plan_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        plan_key.activated.connect(lambda: self.plan_selected(None))
        dismiss_key = QShortcut(QKeySequence(DISMISS_KEY), self.list)
        dismiss_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        dismiss_key.activated.connect(self.dismiss_selected)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.plan_button)
        head.addWidget(self.other_button)
        head.addWidget(self.dismiss_button)
        body = QHBoxLayout()
        body.addWidget(self.list, 3, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.preview, 2, Qt.AlignmentFlag.AlignTop)
        frame = QFrame()
        frame.setObjectName("newMeetings")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.addLayout(head)
        inner.addLayout(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, theme.MARGIN)
        layout.addWidget(frame)
        hub.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.engagements or changes.contacts or changes.external:
            self.refresh()

    def refresh(self) -> None:
        try:
            found = props.open_proposals(self.store)
        except Exception:  # a database without the calendar tables yet (being restored)
            found = []
        current = self.selected_id()
        self.list.clear()
        tz = zone(self.store.settings.user_zone())
        names = dict(self.store.conn.execute("SELECT id, name FROM contacts")) if found else {}
        for p in found:
            if p.start is not None:
                when = datetime_text(p.start, tz, year=False)
            else:
                when = date_text(p.start_date, year=False) if p.start_date else ""
            who = ", ".join(str(names.get(c, "")) for c in p.contact_ids if c in names)
            try:
                book = props.playbook_for(self.store, p, None).name
            except FollowupError:
                book = ""
            item = QTreeWidgetItem([when, p.title + ("  (repeats)" if p.recurrence_id else ""), who, book])
            item.setData(0, PROPOSAL_ID, p.id)
            self.list.addTopLevelItem(item)
            if p.id == current:
                self.list.setCurrentItem(item)
        first = self.list.topLevelItem(0)
        if self.list.currentItem() is None and first is not None:
            self.list.setCurrentItem(first)
        for column in (0, 2, 3):
            self.list.resizeColumnToContents(column)
        self._fit_height(len(found))
        count = len(found)
        self.title.setText(f"New meetings from your calendar ({count})")
        self.setVisible(count > 0)
        self.other_menu.clear()
        for playbook in self.store.playbooks.all() if count else []:
            action = self.other_menu.addAction(playbook.name)
            action.triggered.connect(lambda _checked=False, name=playbook.name: self.plan_selected(name))
        self._show_preview()

    def _fit_height(self, rows: int) -> None:
        """As tall as its rows, up to four: Today's own list keeps the room."""
        row = self.list.sizeHintForRow(0) if rows else 0
        header = self.list.header().sizeHint().height()
        frame = 2 * self.list.frameWidth()
        self.list.setFixedHeight(header + frame + max(row, 1) * min(max(rows, 1), VISIBLE_ROWS) + 2)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, PROPOSAL_ID))

    def _show_preview(self) -> None:
        pid = self.selected_id()
        if pid is None:
            self.preview.clear()
            return
        from followup.engine import plans

        try:
            p = props.get(self.store, pid)
            book = props.playbook_for(self.store, p, None)
            steps = plans.preview(self.store, props.engagement_of(p), book, Preferences.load(self.store))
        except FollowupError as error:
            self.preview.setText(str(error))
            return
        tz = zone(self.store.settings.user_zone())
        lines = [
            f"{(datetime_text(s.due, tz, year=False) if s.due else date_text(s.due_date, year=False) if s.due_date else '')}"
            f"  {s.title}"
            for s in steps[:PREVIEW_STEPS]
        ]
        more = f"\n…and {len(steps) - PREVIEW_STEPS} more" if len(steps) > PREVIEW_STEPS else ""
        self.preview.setText(f"Its plan ({book.name}):\n" + "\n".join(lines) + more if steps else "No steps planned.")

    def plan_selected(self, playbook: str | None) -> None:
        pid = self.selected_id()
        if pid is None:
            return
        prefs = Preferences.load(self.store)
        result = run(
            self.hub,
            self,
            "Plan the meeting",
            lambda: props.plan_proposal(self.store, pid, playbook, prefs),
            Changes(engagements=True, follow_ups=True),
        )
        if isinstance(result, int):
            self.planned.emit(result)

    def dismiss_selected(self) -> None:
        pid = self.selected_id()
        if pid is None:
            return
        run(self.hub, self, "Not this one", lambda: props.dismiss(self.store, pid), Changes(engagements=True))

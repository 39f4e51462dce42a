"""Today's "Replies to invitations": answers that came back by mail since
you last looked (accepted, maybe, declined) and every new time proposed,
until it is accepted (the engagement moves, its plan is re-planned) or the
time is kept. "Got it" takes an answer out; Open shows the engagement's
answers. Hidden when nothing waits."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.changes import Changes
from followup.mail import answers
from followup.mail.answers import Answer
from ui.ops.operations import run
from ui.ops.shell import Shell
from ui.style import theme
from ui.widgets.invitation_answers import answer_colour, answer_text, when_text

ANSWER_ROLE = Qt.ItemDataRole.UserRole + 1
VISIBLE_ROWS = 4
NARROW = 860  # px: below this the Received column is hidden
WHO, ANSWER, ENGAGEMENT, RECEIVED = range(4)


class InvitationRepliesPanel(QWidget):
    open_requested = Signal(int)  # engagement id: show who accepted

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._answers: list[Answer] = []
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.list = QTreeWidget()
        self.list.setObjectName("invitationReplies")
        self.list.setAccessibleName("Replies to invitations")
        self.list.setHeaderLabels(["Who", "Answer", "Engagement", "Received"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(ENGAGEMENT, QHeaderView.ResizeMode.Stretch)
        # narrow windows elide the engagement rather than scroll sideways (the height fits the rows only)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemActivated.connect(lambda *_: self.open_selected())
        self.accept_button = QPushButton("Accept new time")
        self.accept_button.setToolTip("Move the engagement to the time they proposed; its follow-ups move with it")
        self.decline_button = QPushButton("Keep the time")
        self.decline_button.setToolTip("Decline the proposed time: the engagement stays when it is")
        self.open_button = QPushButton("Who accepted…")
        self.open_button.setToolTip("Everyone invited to this engagement and their answers (Enter)")
        self.seen_button = QPushButton("Got it")
        self.seen_button.setToolTip("Take this answer out of Today; it stays on the engagement")
        self.accept_button.clicked.connect(self.accept_selected)
        self.decline_button.clicked.connect(self.decline_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.seen_button.clicked.connect(self.mark_selected_seen)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        for button in (self.accept_button, self.decline_button, self.open_button, self.seen_button):
            button.setAutoDefault(False)
            head.addWidget(button)
        frame = QFrame()
        frame.setObjectName("invitationRepliesFrame")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.addLayout(head)
        inner.addWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, theme.MARGIN)
        layout.addWidget(frame)
        shell.hub.changed.connect(self._on_changed)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Narrow (a tiled window): when it came is the column to give up first."""
        self.list.setColumnHidden(RECEIVED, event.size().width() < NARROW)
        super().resizeEvent(event)

    def _on_changed(self, changes: Changes) -> None:
        if changes.engagements or changes.contacts or changes.external:
            self.refresh()

    def refresh(self) -> None:
        try:
            found = answers.for_today(self.shell.store)
        except Exception:  # a database being restored, without the answers' columns yet
            found = []
        current = self.selected()
        key = (current.engagement_id, current.contact_id) if current else None
        self._answers = found
        tz = self.shell.tz
        self.list.clear()
        for at, a in enumerate(found):
            word = answer_text(a)
            if a.proposes:
                word += f", proposes {when_text(a.proposed_start, tz, short=True)}"
            what = a.engagement + (f" ({when_text(a.start, tz, short=True)})" if a.start else "")
            item = QTreeWidgetItem([a.contact, word, what, when_text(a.at, tz, short=True)])
            item.setToolTip(ENGAGEMENT, what)
            item.setData(0, ANSWER_ROLE, at)
            item.setForeground(ANSWER, answer_colour(a))
            if a.comment:
                item.setToolTip(ANSWER, f"“{a.comment}”")
                item.setToolTip(WHO, f"“{a.comment}”")
            self.list.addTopLevelItem(item)
            if key == (a.engagement_id, a.contact_id):
                self.list.setCurrentItem(item)
        first = self.list.topLevelItem(0)
        if self.list.currentItem() is None and first is not None:
            self.list.setCurrentItem(first)
        for column, cap in ((WHO, 220), (ANSWER, 280), (RECEIVED, 160)):
            self.list.resizeColumnToContents(column)
            self.list.setColumnWidth(column, min(cap, self.list.columnWidth(column)))
        self._fit_height(len(found))
        self.title.setText(f"Replies to invitations ({len(found)})")
        self.setVisible(bool(found))
        self._update_buttons()

    def _fit_height(self, rows: int) -> None:
        """As tall as its rows, up to four: Today's own list keeps the room."""
        row = self.list.sizeHintForRow(0) if rows else 0
        header = self.list.header().sizeHint().height()
        frame = 2 * self.list.frameWidth()
        self.list.setFixedHeight(header + frame + max(row, 1) * min(max(rows, 1), VISIBLE_ROWS) + 2)

    def selected(self) -> Answer | None:
        item = self.list.currentItem()
        if item is None:
            return None
        at = int(item.data(0, ANSWER_ROLE))
        return self._answers[at] if 0 <= at < len(self._answers) else None

    def _update_buttons(self) -> None:
        a = self.selected()
        for button in (self.accept_button, self.decline_button):
            button.setVisible(bool(a and a.proposes))
        self.seen_button.setVisible(bool(a and not a.proposes))
        self.open_button.setEnabled(a is not None)

    def _touched(self, a: Answer) -> Changes:
        return Changes(engagements=True, follow_ups=True, contacts=True, contact_ids=frozenset({a.contact_id}))

    def accept_selected(self) -> None:
        a = self.selected()
        if a is None or not a.proposes:
            return
        store, tz = self.shell.store, self.shell.tz
        run(
            self.shell.hub,
            self,
            "Accept the new time",
            lambda: answers.accept_proposal(store, a.engagement_id, a.contact_id),
            self._touched(a),
            then=lambda result: self.shell.show_status(
                f"Moved {a.engagement} to {when_text(a.proposed_start, tz, short=True)}; {len(result.moved)} open follow-ups "
                "moved with it. Send everyone the update from Who accepted….",
                10_000,
            ),
        )

    def decline_selected(self) -> None:
        a = self.selected()
        if a is None or not a.proposes:
            return
        store = self.shell.store
        run(
            self.shell.hub,
            self,
            "Keep the time",
            lambda: answers.decline_proposal(store, a.engagement_id, a.contact_id),
            self._touched(a),
            then=lambda _none: self.shell.show_status(f"{a.engagement} keeps its time.", 8000),
        )

    def mark_selected_seen(self) -> None:
        a = self.selected()
        if a is None:
            return
        store = self.shell.store
        run(
            self.shell.hub,
            self,
            "Got it",
            lambda: answers.mark_seen(store, a.engagement_id, a.contact_id),
            Changes(engagements=True),
        )

    def open_selected(self) -> None:
        a = self.selected()
        if a is not None:
            self.open_requested.emit(a.engagement_id)

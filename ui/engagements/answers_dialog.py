"""Who accepted: an engagement with each attendee's answer to its invitation
(accepted, maybe, declined, no answer yet), the new time one proposed and
their note; a proposed time is accepted (the engagement moves, its plan is
re-planned) or declined here. Follows every change (answers read by a sync)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
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
from followup.engine.plans import PlanResult
from followup.errors import FollowupError
from followup.mail import answers
from ui.ops.jobs import ProgressJob, start
from ui.ops.operations import run
from ui.ops.shell import Shell
from ui.style import theme
from ui.widgets.invitation_answers import answer_colour, answer_text, summary, when_text
from ui.widgets.plain_text import plain

CONTACT = Qt.ItemDataRole.UserRole + 1
WHO, ANSWER, PROPOSES, NOTE, RECEIVED = range(5)


class AnswersDialog(QDialog):
    def __init__(self, shell: Shell, engagement_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent or shell.dialog_parent())
        self.shell, self.engagement_id = shell, engagement_id
        self.setWindowTitle("Who accepted")
        self.resize(720, 360)
        self.title = plain(QLabel())
        self.title.setWordWrap(True)
        theme.make_heading(self.title, 1.3)
        self.when = plain(QLabel())
        self.when.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setStyleSheet(f"color: {theme.muted().name()};")
        self.list = QTreeWidget()
        self.list.setAccessibleName("Answers to the invitation")
        self.list.setHeaderLabels(["Who", "Answer", "Proposes", "Their note", "Answered"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.detail = plain(QLabel())  # the selected answer in full: their note is often the point
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.accept_button = QPushButton("&Accept the new time")
        self.accept_button.setToolTip("Move the engagement to the time they proposed; its follow-ups move with it")
        self.decline_button = QPushButton("&Keep the time")
        self.decline_button.setToolTip("Decline the proposed time: the engagement stays when it is")
        self.accept_button.clicked.connect(self.accept_selected)
        self.decline_button.clicked.connect(self.decline_selected)
        self.send_button = QPushButton("&Send the invitation by mail")
        self.send_button.setToolTip(
            "Send everyone the invitation as it is now (after a change, an update their calendars apply)"
        )
        self.send_button.clicked.connect(self.send_invitation)
        self.sending = plain(QLabel())  # what the last sending did, or why it failed
        self.sending.setWordWrap(True)
        self.sending.hide()
        self._job: ProgressJob | None = None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.decline_button)
        row.addStretch(1)
        row.addWidget(self.send_button)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.when)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.sending)
        layout.addLayout(row)
        shell.hub.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.engagements or changes.contacts or changes.external:
            self.refresh()

    def refresh(self) -> None:
        store, tz = self.shell.store, self.shell.tz
        try:
            engagement = store.engagements.get(self.engagement_id)
            rows = answers.attendees(store, self.engagement_id)
        except FollowupError as error:  # deleted meanwhile
            self.title.setText(str(error))
            self.list.clear()
            return
        self.title.setText(engagement.title + ("  (cancelled)" if engagement.status == "cancelled" else ""))
        when = (
            when_text(engagement.start, tz)
            if engagement.start
            else (f"{engagement.start_date:%a %d %b %Y}, all day" if engagement.start_date else "")
        )
        self.when.setText(" · ".join(p for p in (when, engagement.location) if p))
        self.summary.setText(
            summary(rows)
            if any(a.partstat for a in rows)
            else "No answers yet. Invitations sent by mail (send-invite) are answered here as the replies arrive."
        )
        current = self._selected_contact()
        self.list.clear()
        for a in rows:
            proposes = when_text(a.proposed_start, tz)
            item = QTreeWidgetItem([a.contact, answer_text(a), proposes, a.comment, when_text(a.at, tz)])
            item.setData(0, CONTACT, a.contact_id)
            item.setForeground(ANSWER, answer_colour(a))
            item.setToolTip(NOTE, a.comment)
            if a.proposes:
                item.setToolTip(PROPOSES, "They propose this time instead: accept it or keep yours")
            self.list.addTopLevelItem(item)
            if a.contact_id == current or (current is None and a.proposes and self.list.currentItem() is None):
                self.list.setCurrentItem(item)
        for column in (WHO, ANSWER, PROPOSES, RECEIVED):
            self.list.resizeColumnToContents(column)
        self._update_buttons()
        has_account = store.conn.execute("SELECT 1 FROM mail_accounts LIMIT 1").fetchone() is not None
        self.send_button.setEnabled(has_account and engagement.status != "cancelled" and self._job is None)
        if not has_account:
            self.send_button.setToolTip("Connect a mailbox first (Edit > Mail accounts…) to send invitations")

    def _selected_contact(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(0, CONTACT))

    def _update_buttons(self) -> None:
        item = self.list.currentItem()
        proposes = item is not None and bool(item.text(PROPOSES))
        self.accept_button.setEnabled(proposes)
        self.decline_button.setEnabled(proposes)
        detail = ""
        if item is not None:
            who, note = item.text(WHO), item.text(NOTE)
            if proposes:
                detail = f"{who} proposes {item.text(PROPOSES)} instead"
            elif item.text(RECEIVED):
                detail = f"{who}: {item.text(ANSWER)[2:].lower()}"
            detail += f": “{note}”" if note else ("." if detail else "")
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def _touched(self) -> Changes:
        ids = frozenset(self.shell.store.engagements.get(self.engagement_id).contact_ids)
        return Changes(engagements=True, follow_ups=True, contacts=True, contact_ids=ids)

    def accept_selected(self) -> None:
        contact_id = self._selected_contact()
        if contact_id is None:
            return
        store, eid = self.shell.store, self.engagement_id

        def said(result: PlanResult) -> None:
            e = store.engagements.get(eid)
            self.shell.show_status(
                f"Moved {e.title} to {when_text(e.start, self.shell.tz) or e.start_date}; {len(result.moved)} open "
                "follow-ups moved with it. Send everyone the update by mail from here.",
                10_000,
            )

        run(
            self.shell.hub,
            self,
            "Accept the new time",
            lambda: answers.accept_proposal(store, eid, contact_id),
            self._touched(),
            then=said,
        )

    def decline_selected(self) -> None:
        contact_id = self._selected_contact()
        if contact_id is None:
            return
        store, eid = self.shell.store, self.engagement_id
        run(
            self.shell.hub,
            self,
            "Keep the time",
            lambda: answers.decline_proposal(store, eid, contact_id),
            self._touched(),
            then=lambda _none: self.shell.show_status("The engagement keeps its time.", 8000),
        )

    def send_invitation(self) -> None:
        """On the worker, with its own connection: the window never waits on SMTP."""
        from followup.mail.sent_log import send_invitation

        eid, store = self.engagement_id, self.shell.store
        self.send_button.setEnabled(False)
        self.sending.setStyleSheet("")
        self.sending.setText("Sending…")
        self.sending.show()
        job = ProgressJob.with_store(
            store.path, store.clock, lambda s, _p, _c: send_invitation(s, eid), what="sending an invitation"
        )
        job.setAutoDelete(False)
        self._job = job

        def sent(result: tuple[str, list[int]]) -> None:
            self._job = None
            account, logged = result
            self.sending.setText(f"Sent from {account} to {len(logged)} contact(s), and logged.")
            self.shell.hub.publish(self._touched() | Changes(touch_points=True))

        def failed(message: str) -> None:
            self._job = None
            self.sending.setStyleSheet(theme.error_style())
            self.sending.setText(message)
            self.send_button.setEnabled(True)

        job.signals.finished.connect(sent)
        job.signals.failed.connect(failed)
        start(job)


def show_answers(shell: Shell, engagement_id: int) -> None:
    dialog = AnswersDialog(shell, engagement_id)
    dialog.exec()
    dialog.deleteLater()

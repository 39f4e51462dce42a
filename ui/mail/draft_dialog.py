"""Write a follow-up: the draft from its template, the tone check as you
type (each finding explained, its words marked), then Send (SMTP, logged,
the promise kept), Open in my mail program (mailto:), or Plan a call instead
when the tone check says this is better as a call."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from followup.mail.drafts import Draft, context_for, draft, mailto, send_draft
from followup.mail.tone import check
from followup.store import Store
from ui.ops.jobs import ProgressJob, start
from ui.widgets.counts import plural


class DraftDialog(QDialog):
    def __init__(self, store: Store, follow_up_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Write the follow-up")
        self.setMinimumSize(640, 560)
        self.store, self.follow_up_id = store, follow_up_id
        self.draft = draft(store, follow_up_id)
        fu = store.follow_ups.get(follow_up_id)
        self.context = context_for(store, fu.contact_id)
        self.call_instead = False
        self._job: ProgressJob | None = None
        self.to = QLineEdit(", ".join(self.draft.to))
        self.to.setReadOnly(True)
        self.subject = QLineEdit(self.draft.subject)
        self.body = QPlainTextEdit(self.draft.body)
        self.body.setAccessibleName("Message")
        self.findings = QListWidget()
        self.findings.setAccessibleName("Tone check")
        self.findings.setWordWrap(True)
        self.findings.setMaximumHeight(170)
        self.findings.itemActivated.connect(self._jump)
        self.summary = QLabel("")
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.hide()
        self.send_button = QPushButton("&Send")
        self.send_button.clicked.connect(self._send)
        self.mailto_button = QPushButton("Open in my &mail program")
        self.mailto_button.clicked.connect(self._mailto)
        self.call_button = QPushButton("Plan a &call instead")
        self.call_button.clicked.connect(self._plan_call)
        self.call_button.hide()
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow("To", self.to)
        form.addRow("&Subject", self.subject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.call_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mailto_button)
        buttons.addWidget(cancel)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.findings)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.recheck)
        self.body.textChanged.connect(self._timer.start)
        self.to.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body.setFocus()
        self.recheck()

    def recheck(self) -> None:
        text = self.body.toPlainText()
        found = check(text, "email", self.context)
        self.findings.clear()
        marks = []
        for f in found:
            item = QListWidgetItem(f.message)
            item.setToolTip(f.rule)
            item.setData(256, f.span)
            self.findings.addItem(item)
            if f.span:
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.body.document())
                cursor.setPosition(f.span[0])
                cursor.setPosition(f.span[1], QTextCursor.MoveMode.KeepAnchor)
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor("#d9822b"))
                selection.cursor, selection.format = cursor, fmt
                marks.append(selection)
        self.body.setExtraSelections(marks)
        self.summary.setText(
            "Tone check: it reads well." if not found else f"Tone check: {plural(len(found), 'thing')} to look at"
        )
        self.findings.setVisible(bool(found))
        self.call_button.setVisible(any(f.rule == "better-as-call" for f in found))

    def _jump(self, item: QListWidgetItem) -> None:
        span = item.data(256)
        if span:
            cursor = self.body.textCursor()
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            self.body.setTextCursor(cursor)
            self.body.setFocus()

    def current(self) -> Draft:
        return Draft(self.draft.to, self.subject.text().strip(), self.body.toPlainText())

    def _send(self) -> None:
        """On a worker with its own connection: the window never waits on SMTP."""
        message = self.current()
        self.send_button.setEnabled(False)
        self.error.setText("Sending…")
        self.error.show()
        job = ProgressJob.with_store(
            self.store.path,
            self.store.clock,
            lambda store, _p, _c: send_draft(store, self.follow_up_id, message),
            what="sending a follow-up",
        )
        job.setAutoDelete(False)
        self._job = job

        def failed(text: str) -> None:
            self.send_button.setEnabled(True)
            self.error.setText(text)

        job.signals.finished.connect(lambda _tp: self.accept())
        job.signals.failed.connect(failed)
        start(job)

    def _mailto(self) -> None:
        QDesktopServices.openUrl(QUrl(mailto(self.current())))

    def _plan_call(self) -> None:
        self.call_instead = True
        self.reject()

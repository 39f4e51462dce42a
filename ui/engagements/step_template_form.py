"""A playbook step's mail template: the subject and text that "Write
follow-up" starts from for every follow-up planned from the step ("Thank you
for today", "How is the delivery working for you?"). Every edit is written
straight into the step being shown and announced with ``changed``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from followup.planning.mail_templates import PLACEHOLDERS, unknown_placeholders
from followup.planning.model import Phase, Step
from ui.style import theme

HELP = "Placeholders: " + " · ".join("{" + name + "}" for name in PLACEHOLDERS)
HELP_TIP = "\n".join("{" + name + "}: " + what for name, what in PLACEHOLDERS.items())


def starting_text(step: Step) -> tuple[str, str]:
    """A template to start from: a greeting, a line after the step's title, a closing."""
    if step.phase == Phase.AFTER:
        return "Following up on the {engagement}", "Hi {first},\n\nThank you for the {engagement}. \n\nBest,\n{me}\n"
    return "The {engagement}", "Hi {first},\n\nA short note about the {engagement} on {when}. \n\nBest,\n{me}\n"


class TemplateForm(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step: Step | None = None
        self._loading = False
        self.subject = QLineEdit()
        self.subject.setPlaceholderText("e.g. Thank you for today (empty: no template)")
        self.subject.setToolTip("The subject of the mail written for this step's follow-ups")
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(
            "The mail, as you would write it: Hi {first}, … Best, {me}\n"
            "Empty: Followup writes one from the step's title."
        )
        self.body.setToolTip("The text of the mail; the tone check runs on it when you write the follow-up")
        self.body.setTabChangesFocus(True)
        self.body.setMinimumHeight(110)
        self.help = QLabel(HELP)
        self.help.setWordWrap(True)
        self.help.setToolTip(HELP_TIP)
        self.help.setStyleSheet(f"color: {theme.muted().name()};")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.error_style())
        self.problem.hide()
        self.start_button = QPushButton("Start from a usual text")
        self.start_button.setAutoDefault(False)
        self.start_button.setToolTip("Fill in a greeting, a first line and a closing to edit")
        self.start_button.clicked.connect(self._on_start_clicked)
        form = QFormLayout(self)
        form.addRow("Sub&ject", self.subject)
        form.addRow("Messa&ge", self.body)
        form.addRow("", self.help)
        form.addRow("", self.problem)
        form.addRow("", self.start_button)
        self.subject.textChanged.connect(self._write)
        self.body.textChanged.connect(self._write)
        self.set_step(None)

    def tab_chain(self) -> list[QWidget]:
        return [self.subject, self.body, self.start_button]

    def has_template(self) -> bool:
        return bool(self._step and (self._step.mail_subject.strip() or self._step.mail_body.strip()))

    def set_step(self, step: Step | None) -> None:
        self._step = step
        self._loading = True
        try:
            self.subject.setText(step.mail_subject if step else "")
            self.body.setPlainText(step.mail_body if step else "")
        finally:
            self._loading = False
        self.setEnabled(step is not None)
        self._show_problem()

    def _show_problem(self) -> None:
        wrong = unknown_placeholders(self.subject.text() + "\n" + self.body.toPlainText())
        self.problem.setText(
            f"{{{wrong[0]}}} is not a placeholder: check its spelling (the playbook is not saved with it)."
            if wrong
            else ""
        )
        self.problem.setVisible(bool(wrong))
        self.start_button.setVisible(not self.body.toPlainText().strip())

    def _on_start_clicked(self) -> None:
        if self._step is None:
            return
        subject, body = starting_text(self._step)
        if not self.subject.text().strip():
            self.subject.setText(subject)
        self.body.setPlainText(body)
        self.body.setFocus()

    def _write(self) -> None:
        self._show_problem()
        if self._loading or self._step is None:
            return
        self._step.mail_subject = self.subject.text()
        self._step.mail_body = self.body.toPlainText()
        self.changed.emit()

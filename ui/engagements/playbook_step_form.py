"""The form for one step of a playbook: when it falls (phase, anchor, days,
time, minutes), what it says, and how it reaches the person. Every edit is
written straight into the step being shown and announced with ``changed``."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from followup.domain import Channel
from followup.planning.model import NO_CHANNEL, PREFERRED, Anchor, Phase, Step
from ui.style import theme
from ui.widgets.when_text import time_format, time_text

MAX_DAYS = 3650
MAX_MINUTES = 60 * 24 * 366

PLACEHOLDERS = "Placeholders: {first} · {contact} · {engagement} · {organisation}"
PLACEHOLDERS_TIP = (
    "{first}: their first name\n{contact}: their full name\n{engagement}: the engagement's title\n"
    "{organisation}: their organisation"
)


def step_line(step: Step) -> str:
    """'Before · 1 working day before the start at 09:00 · Prepare for the {engagement}'."""
    mail = "✉ " if step.mail_subject.strip() else ""  # it has a mail template (first: long lines are cut)
    return f"{mail}{Phase(step.phase).label} · {step.describe(time_text)} · {step.title.strip() or '(no title yet)'}"


def blank_step(first: bool) -> Step:
    """A new step: preparing the day before for the first, a check after for the rest."""
    if first:
        return Step(Phase.BEFORE, "", days=-1, working_days=True, at=time(9, 0))
    return Step(Phase.AFTER, "", anchor=Anchor.END, days=1, at=time(10, 0))


class StepList(QListWidget):
    """The steps of a playbook, one line each; edits the list of steps it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: list[Step] = []
        self.setToolTip("The follow-ups this playbook plans, in order; select one to edit it below")
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_steps(self, steps: list[Step]) -> None:
        self._steps = steps
        self.blockSignals(True)
        self.clear()
        for row in range(len(steps)):
            self.addItem(QListWidgetItem())
            self._label(row)
        self.setCurrentRow(0 if steps else -1)
        self.blockSignals(False)
        self.currentRowChanged.emit(self.currentRow())

    def current_step(self) -> Step | None:
        row = self.currentRow()
        return self._steps[row] if 0 <= row < len(self._steps) else None

    def relabel_current(self) -> None:
        if self.current_step() is not None:
            self._label(self.currentRow())

    def _label(self, row: int) -> None:
        item = self.item(row)
        item.setText(step_line(self._steps[row]))
        item.setToolTip(step_line(self._steps[row]))

    def add_step(self) -> None:
        """A blank step after the selected one (at the end if none is)."""
        row = self.currentRow() + 1 if self.currentRow() >= 0 else self.count()
        self._steps.insert(row, blank_step(first=not self._steps))
        self.insertItem(row, QListWidgetItem())
        self._label(row)
        self.setCurrentRow(row)

    def remove_step(self) -> None:
        row = self.currentRow()
        if row < 0:
            return
        del self._steps[row]
        self.blockSignals(True)
        self.takeItem(row)
        self.setCurrentRow(min(row, self.count() - 1))
        self.blockSignals(False)
        self.currentRowChanged.emit(self.currentRow())

    def move_step(self, delta: int) -> None:
        row = self.currentRow()
        if row < 0 or not 0 <= row + delta < len(self._steps):
            return
        steps = self._steps
        steps[row], steps[row + delta] = steps[row + delta], steps[row]
        self.blockSignals(True)
        self.insertItem(row + delta, self.takeItem(row))
        self.setCurrentRow(row + delta)
        self.blockSignals(False)
        self.currentRowChanged.emit(row + delta)


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class StepForm(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Selected step", parent)
        self._step: Step | None = None
        self._loading = False

        self.phase = QComboBox()
        for phase in Phase:
            self.phase.addItem(phase.label, phase)
        self.phase.setToolTip("Before, during or after the engagement: how the follow-up is grouped")
        self.anchor = QComboBox()
        self.anchor.addItem("the start", Anchor.START)
        self.anchor.addItem("the end", Anchor.END)
        self.anchor.setToolTip("Count from the start of the engagement or from its end")
        self.days = QSpinBox()
        self.days.setRange(-MAX_DAYS, MAX_DAYS)
        self.days.setMinimumWidth(110)
        self.days.setToolTip("Days from the start or end: negative is before (-1 = the day before), 0 = the same day")
        self.working_days = QCheckBox("Count wor&king days only")
        self.working_days.setToolTip("Skip weekends when counting the days (-1 before a Monday is the Friday)")
        self.at_set_time = QCheckBox("At a set t&ime")
        self.at_set_time.setToolTip("Put the follow-up at a time of day, e.g. 09:00, after moving by the days")
        self.at = QTimeEdit(QTime(9, 0))
        self.at.setDisplayFormat(time_format())
        self.at.setToolTip("The time of day, on your clock (on theirs for calls, video calls and visits)")
        self.minutes = QSpinBox()
        self.minutes.setRange(-MAX_MINUTES, MAX_MINUTES)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" min")
        self.minutes.setMinimumWidth(110)
        self.minutes.setToolTip("Minutes to add at the end: 120 = 2 hours after, -30 = half an hour before")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Thank {first} for the {engagement} (required)")
        self.title_edit.setToolTip("The follow-up's title; the placeholders below are filled in for each plan")
        self.help = QLabel(PLACEHOLDERS)
        self.help.setStyleSheet(f"color: {theme.muted().name()};")
        self.help.setToolTip(PLACEHOLDERS_TIP)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("What to do or say: shown with the follow-up")
        self.notes.setToolTip("Guidance shown with every follow-up made from this step")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(50)
        self.channel = QComboBox()
        self.channel.addItem("Their preferred channel", PREFERRED)
        self.channel.addItem("No channel (my own work)", NO_CHANNEL)
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.channel.setToolTip(
            "How the follow-up reaches them; calls, video calls and visits land in their working hours"
        )
        self.per_contact = QCheckBox("One for e&very person")
        self.per_contact.setToolTip(
            "With several people in the engagement, make one follow-up for each of them rather than one in all"
        )

        when = QHBoxLayout()
        when.addWidget(self.phase)
        when.addSpacing(theme.SPACING)
        when.addWidget(_buddy("Counted &from", self.anchor))
        when.addWidget(self.anchor)
        when.addStretch(1)
        days = QHBoxLayout()
        days.addWidget(self.days)
        days.addSpacing(theme.SPACING)
        days.addWidget(self.working_days)
        days.addStretch(1)
        at = QHBoxLayout()
        at.addWidget(self.at_set_time)
        at.addWidget(self.at)
        at.addSpacing(2 * theme.SPACING)
        at.addWidget(_buddy("E&xtra minutes", self.minutes))
        at.addWidget(self.minutes)
        at.addStretch(1)
        reach = QHBoxLayout()
        reach.addWidget(self.channel)
        reach.addSpacing(theme.SPACING)
        reach.addWidget(self.per_contact)
        reach.addStretch(1)

        form = QFormLayout(self)
        form.addRow(_buddy("P&hase", self.phase), when)
        form.addRow(_buddy("&Days", self.days), days)
        form.addRow("Time", at)
        form.addRow("&Title", self.title_edit)
        form.addRow("", self.help)
        form.addRow("N&otes", self.notes)
        form.addRow(_buddy("&Channel", self.channel), reach)

        for combo in (self.phase, self.anchor, self.channel):
            combo.currentIndexChanged.connect(self._write)
        for spin in (self.days, self.minutes):
            spin.valueChanged.connect(self._write)
        for box in (self.working_days, self.at_set_time, self.per_contact):
            box.toggled.connect(self._write)
        self.at.timeChanged.connect(self._write)
        self.title_edit.textChanged.connect(self._write)
        self.notes.textChanged.connect(self._write)
        self.set_step(None)

    def tab_chain(self) -> list[QWidget]:
        return [
            self.phase,
            self.anchor,
            self.days,
            self.working_days,
            self.at_set_time,
            self.at,
            self.minutes,
            self.title_edit,
            self.notes,
            self.channel,
            self.per_contact,
        ]

    def step(self) -> Step | None:
        return self._step

    def set_step(self, step: Step | None) -> None:
        """Show ``step`` (None: an empty, disabled form)."""
        self._step = step
        self._loading = True
        try:
            shown = step or Step(Phase.BEFORE, "")
            self.phase.setCurrentIndex(list(Phase).index(Phase(shown.phase)))
            self.anchor.setCurrentIndex(0 if shown.anchor == Anchor.START else 1)
            self.days.setValue(shown.days)
            self.working_days.setChecked(shown.working_days)
            self.at_set_time.setChecked(shown.at is not None)
            self.at.setTime(QTime(shown.at.hour, shown.at.minute) if shown.at else QTime(9, 0))
            self.minutes.setValue(shown.minutes)
            self.title_edit.setText(shown.title)
            self.notes.setPlainText(shown.notes)
            at = self.channel.findData(shown.channel)
            if at < 0:  # a channel this version does not know: keep it as it is
                self.channel.addItem(shown.channel, shown.channel)
                at = self.channel.count() - 1
            self.channel.setCurrentIndex(at)
            self.per_contact.setChecked(shown.per_contact)
        finally:
            self._loading = False
        self.setEnabled(step is not None)
        self._sync()

    def _sync(self) -> None:
        self.at.setEnabled(self.at_set_time.isChecked())
        self.days.setSuffix(" day" if abs(self.days.value()) == 1 else " days")

    def _write(self, *_: object) -> None:
        self._sync()
        step = self._step
        if self._loading or step is None:
            return
        step.phase = Phase(self.phase.currentData())
        step.anchor = Anchor(self.anchor.currentData())
        step.days = self.days.value()
        step.working_days = self.working_days.isChecked()
        t = self.at.time()
        step.at = time(t.hour(), t.minute()) if self.at_set_time.isChecked() else None
        step.minutes = self.minutes.value()
        step.title = self.title_edit.text()
        step.notes = self.notes.toPlainText()
        step.channel = str(self.channel.currentData())
        step.per_contact = self.per_contact.isChecked()
        self.changed.emit()

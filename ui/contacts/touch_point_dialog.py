"""Log (or edit) a touch point: when, how, what was said, how they were."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Channel, Direction, Mood, TouchPoint
from followup.planning.model import FollowUp
from ui.widgets.datetime_edit import datetime_edit, from_qdatetime
from ui.widgets.save_errors import error_label, saved


class TouchPointDialog(QDialog):
    def __init__(
        self,
        touch_point: TouchPoint,
        contact_name: str,
        preferred: Channel,
        tz: ZoneInfo,
        save: Callable[[TouchPoint], None],
        parent: QWidget | None = None,
        *,
        promises: Sequence[FollowUp] = (),
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._tp = touch_point
        self._tz = tz
        self._save = save
        editing = touch_point.id is not None
        self.setWindowTitle(
            f"Edit touch point with {contact_name}" if editing else f"Log a touch point with {contact_name}"
        )
        self.setMinimumWidth(520)

        self.when = datetime_edit(touch_point.at, tz)
        self._initial_when = self.when.dateTime()
        self.when.setToolTip(f"When it happened, in your time zone ({tz.key})")
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel)
        self.channel.setCurrentIndex(list(Channel).index(touch_point.channel if editing else preferred))
        self.direction = QComboBox()
        for direction in Direction:
            self.direction.addItem(direction.label, direction)
        self.direction.setCurrentIndex(list(Direction).index(touch_point.direction))
        self.summary = QLineEdit(touch_point.summary)
        self.summary.setPlaceholderText("What it was about, in a line (required)")
        self.summary.setAccessibleName("Summary")
        self.notes = QPlainTextEdit(touch_point.notes)
        self.notes.setPlaceholderText("What was said, what was promised, what you noticed…")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(110)
        self.mood = QComboBox()
        self.mood.addItem("Not noted", None)
        for mood in Mood:
            self.mood.addItem(mood.label, mood)
        if touch_point.mood:
            self.mood.setCurrentIndex(list(Mood).index(touch_point.mood) + 1)
        self.mood.setToolTip("How they were: their state, their pace")
        self.mood.setAccessibleName("Mood")
        self.satisfaction = QComboBox()
        self.satisfaction.addItem("Not rated", None)
        for score in range(1, 6):
            self.satisfaction.addItem("★" * score + "☆" * (5 - score) + f"  ({score})", score)
        if touch_point.satisfaction:
            self.satisfaction.setCurrentIndex(touch_point.satisfaction)
        self.satisfaction.setToolTip("How satisfied they seemed, 1 to 5")
        self.satisfaction.setAccessibleName("Satisfaction")
        self.needs_reply = QCheckBox("They are waiting for a reply from me")
        self.needs_reply.setChecked(touch_point.needs_reply)
        self.referral = QComboBox()
        self.referral.addItem("No referral", None)
        self.referral.addItem("I asked them for a referral", "asked")
        self.referral.addItem("They referred someone to me", "received")
        self.referral.setCurrentIndex(max(0, self.referral.findData(touch_point.referral)))
        self.referral.setToolTip("Referrals asked and received are counted in Insights")
        self.difficult = QCheckBox("It was a difficult conversation")
        self.difficult.setChecked(touch_point.difficult)
        self.advice = QLabel("Difficult conversations go better as a call or a meeting than in writing.")
        self.advice.setObjectName("difficultAdvice")
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet("color: #b26a00;")
        self.error = error_label()

        how = QHBoxLayout()
        how.addWidget(self.channel, 1)
        how.addWidget(self.direction, 1)
        state = QHBoxLayout()
        state.addWidget(self.mood, 1)
        satisfaction_label = QLabel("Sa&tisfaction")
        satisfaction_label.setBuddy(self.satisfaction)
        state.addWidget(satisfaction_label)
        state.addWidget(self.satisfaction, 1)
        form = QFormLayout()
        from ui.widgets.when_field import WhenField

        self.when_field = WhenField(self.when, tz, now or (lambda: datetime.now(UTC)))
        form.addRow("&When", self.when_field)
        how_label = QLabel("&How")
        how_label.setBuddy(self.channel)
        form.addRow(how_label, how)
        form.addRow("&Summary", self.summary)
        form.addRow("&Notes", self.notes)
        mood_label = QLabel("Th&ey were")
        mood_label.setBuddy(self.mood)
        form.addRow(mood_label, state)
        form.addRow("&Referral", self.referral)
        form.addRow("", self.needs_reply)
        form.addRow("", self.difficult)
        form.addRow("", self.advice)
        # The open reply promises this message may answer: closed only when ticked,
        # so a newsletter never closes anyone's question by accident.
        self.answer_boxes: list[tuple[QCheckBox, FollowUp]] = []
        self._answers_touched = False
        for fu in promises if not editing else ():
            title = fu.title if len(fu.title) <= 70 else fu.title[:69] + "…"
            box = QCheckBox(f"This answers: {title}")
            box.setToolTip(f"{fu.title}\n\nTicked, this reply promise is kept by this touch point")
            box.clicked.connect(self._on_answer_clicked)
            self.answer_boxes.append((box, fu))
            form.addRow("", box)
        self.remind_after = QCheckBox("And remind me…")
        self.remind_after.setToolTip("After logging, set a one-off reminder (e.g. to send what you promised)")
        if not editing:
            form.addRow("", self.remind_after)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save" if editing else "Log it")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.summary.textChanged.connect(self._update_state)
        self.channel.currentIndexChanged.connect(self._update_state)
        self.difficult.toggled.connect(self._update_state)
        self.channel.currentIndexChanged.connect(self._default_answers)
        self.direction.currentIndexChanged.connect(self._default_answers)
        self._update_state()
        self._default_answers()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.summary.setFocus()

    def _update_state(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.summary.text().strip()))
        channel = Channel(self.channel.currentData())
        self.advice.setVisible(self.difficult.isChecked() and channel.written)

    def _on_answer_clicked(self) -> None:
        self._answers_touched = True

    def _default_answers(self) -> None:
        """Ticked for a message from me on the promise's channel, or a call or
        meeting (which answers whatever was asked); unticked otherwise."""
        if self._answers_touched:
            return
        channel = Channel(self.channel.currentData())
        direction = Direction(self.direction.currentData())
        for box, fu in self.answer_boxes:
            mine = direction in (Direction.OUT, Direction.MET)
            box.setEnabled(mine)
            live = channel in (Channel.PHONE, Channel.VIDEO, Channel.IN_PERSON)
            box.setChecked(mine and (live or fu.channel == channel.value))

    def answers(self) -> list[int]:
        """The reply promises ticked as answered by this touch point."""
        return [fu.id for box, fu in self.answer_boxes if box.isChecked() and box.isEnabled() and fu.id is not None]

    def edited(self) -> TouchPoint:
        return TouchPoint(
            id=self._tp.id,
            contact_id=self._tp.contact_id,
            # Untouched, the time stays exactly as stored (seconds, and the
            # second of two repeated autumn hours, which the edit cannot show).
            at=self._tp.at
            if self.when.dateTime() == self._initial_when
            else from_qdatetime(self.when.dateTime(), self._tz),
            tz=self._tz.key,
            channel=Channel(self.channel.currentData()),
            direction=Direction(self.direction.currentData()),
            summary=self.summary.text(),
            notes=self.notes.toPlainText(),
            mood=Mood(self.mood.currentData()) if self.mood.currentData() else None,
            needs_reply=self.needs_reply.isChecked(),
            difficult=self.difficult.isChecked(),
            satisfaction=self.satisfaction.currentData(),
            referral=self.referral.currentData(),
        )

    def accept(self) -> None:
        if not self.when_field.valid():
            return
        if saved(lambda: self._save(self.edited()), self.error):
            super().accept()

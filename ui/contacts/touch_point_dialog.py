"""Log (or edit) a touch point: when, how, what was said, how they were."""

from __future__ import annotations

from collections.abc import Callable
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
from ui.style import theme
from ui.widgets.datetime_edit import datetime_edit, from_qdatetime
from ui.widgets.save_errors import saved


class TouchPointDialog(QDialog):
    def __init__(
        self,
        touch_point: TouchPoint,
        contact_name: str,
        preferred: Channel,
        tz: ZoneInfo,
        save: Callable[[TouchPoint], None],
        parent: QWidget | None = None,
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
        self.satisfaction = QComboBox()
        self.satisfaction.addItem("Not rated", None)
        for score in range(1, 6):
            self.satisfaction.addItem("★" * score + "☆" * (5 - score) + f"  ({score})", score)
        if touch_point.satisfaction:
            self.satisfaction.setCurrentIndex(touch_point.satisfaction)
        self.satisfaction.setToolTip("How satisfied they seemed, 1 to 5")
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
        self.error = QLabel()
        self.error.setObjectName("errorLabel")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.hide()

        how = QHBoxLayout()
        how.addWidget(self.channel, 1)
        how.addWidget(self.direction, 1)
        state = QHBoxLayout()
        state.addWidget(self.mood, 1)
        state.addWidget(self.satisfaction, 1)
        form = QFormLayout()
        form.addRow("&When", self.when)
        how_label = QLabel("&How")
        how_label.setBuddy(self.channel)
        form.addRow(how_label, how)
        form.addRow("&Summary", self.summary)
        form.addRow("&Notes", self.notes)
        form.addRow("They were", state)
        form.addRow("&Referral", self.referral)
        form.addRow("", self.needs_reply)
        form.addRow("", self.difficult)
        form.addRow("", self.advice)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Save" if editing else "Log it")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.summary.textChanged.connect(self._update_state)
        self.channel.currentIndexChanged.connect(self._update_state)
        self.difficult.toggled.connect(self._update_state)
        self._update_state()

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.summary.setFocus()

    def _update_state(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.summary.text().strip()))
        channel = Channel(self.channel.currentData())
        self.advice.setVisible(self.difficult.isChecked() and channel.written)

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
        if saved(lambda: self._save(self.edited()), self.error):
            super().accept()

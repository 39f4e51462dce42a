"""Tidy overdue…: snooze, in one go, what has been overdue for long. Opened
pre-filled (stay-in-touch nudges due more than 90 days ago, for a week), so
that after an import of 3,000 contacts it takes one click to confirm. With
``count_later`` the count of each choice comes from the worker (50 ms at
100,000 contacts): "Counting…" meanwhile, Snooze offered once it is in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from followup.engine.bulk_follow_ups import Tidy
from followup.errors import FollowupError

# count_later(tidy, then): then(how many match, or what is wrong with the choice) comes later
CountLater = Callable[[Tidy, Callable[[int | str], None]], None]

SNOOZE_FOR = (("a day", 1), ("3 days", 3), ("a week", 7), ("2 weeks", 14), ("a month", 30), ("3 months", 90))


class TidyDialog(QDialog):
    """``count(tidy)`` says how many follow-ups a choice would snooze (shown live)."""

    def __init__(
        self,
        count: Callable[[Tidy], int],
        parent: QWidget | None = None,
        tidy: Tidy | None = None,
        count_later: CountLater | None = None,
    ) -> None:
        super().__init__(parent)
        tidy = tidy or Tidy()
        self._count, self._count_later = count, count_later
        self.setWindowTitle("Tidy overdue follow-ups")
        self.setMinimumWidth(460)
        intro = QLabel(
            "Snooze what has been overdue for long, so that Today shows what needs you now. "
            "Nothing is closed: each comes back when its snooze ends, and Ctrl+Z undoes it all."
        )
        intro.setWordWrap(True)
        self.nudges = QRadioButton("Stay-in-touch &nudges only")
        self.every = QRadioButton("&Every overdue follow-up")
        which = QButtonGroup(self)
        for button in (self.nudges, self.every):
            which.addButton(button)
        (self.nudges if tidy.nudges_only else self.every).setChecked(True)
        self.older = QSpinBox()
        self.older.setObjectName("tidyOlderThan")
        self.older.setRange(0, 3650)
        self.older.setValue(tidy.older_than_days)
        self.older.setPrefix("more than ")
        self.older.setSuffix(" days ago")
        self.older.setAccessibleName("Due more than this many days ago")
        self.snooze_for = QComboBox()
        self.snooze_for.setObjectName("tidySnoozeFor")
        self.snooze_for.setAccessibleName("Snooze them for")
        for text, days in SNOOZE_FOR:
            self.snooze_for.addItem(text, days)
        found = self.snooze_for.findData(tidy.snooze_days)
        if found < 0:
            self.snooze_for.addItem(f"{tidy.snooze_days} days", tidy.snooze_days)
            found = self.snooze_for.count() - 1
        self.snooze_for.setCurrentIndex(found)
        form = QFormLayout()
        kinds = QVBoxLayout()
        kinds.setSpacing(2)
        kinds.addWidget(self.nudges)
        kinds.addWidget(self.every)
        form.addRow("Which", kinds)
        form.addRow("&Due", self.older)
        form.addRow("&Snooze them for", self.snooze_for)
        self.found = QLabel()
        self.found.setObjectName("tidyCount")
        font = self.found.font()
        font.setBold(True)
        self.found.setFont(font)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton("Snooze", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("tidySnooze")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.found)
        layout.addWidget(self.buttons)
        for signal in (self.nudges.toggled, self.older.valueChanged, self.snooze_for.currentIndexChanged):
            signal.connect(self._update)
        self._update()

    def tidy(self) -> Tidy:
        return Tidy(self.older.value(), self.nudges.isChecked(), int(self.snooze_for.currentData()))

    def _update(self, *_args: object) -> None:
        chosen = self.tidy()
        if self._count_later is not None:
            self.found.setText("Counting…")
            self.ok_button.setEnabled(False)
            self._count_later(chosen, lambda found: self._show(chosen, found))
            return
        try:
            self._show(chosen, self._count(chosen))
        except FollowupError as error:
            self._show(chosen, str(error))

    def _show(self, chosen: Tidy, n: int | str) -> None:
        if chosen != self.tidy():
            return  # the choice changed meanwhile: its own count follows
        if isinstance(n, str):
            self.found.setText(n)
            self.ok_button.setEnabled(False)
            return
        what = "stay-in-touch nudge" if self.nudges.isChecked() else "follow-up"
        self.found.setText(f"{n:,} {what}{'s' * (n != 1)} match." if n else f"No overdue {what} matches.")
        self.ok_button.setEnabled(n > 0)
        self.ok_button.setText(f"Snooze {n:,}" if n else "Snooze")

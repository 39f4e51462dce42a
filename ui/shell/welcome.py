"""The first-run page: what Followup does, and three ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.style import theme


class WelcomePage(QWidget):
    add_contact_requested = Signal()
    import_contacts_requested = Signal()
    import_meetings_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel("Welcome to Followup")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lines = QLabel(
            "Everyone you work with is a customer: clients, suppliers, colleagues, your manager.<br>"
            "Log every call, email and meeting, and what you noticed and promised.<br>"
            "Followup reminds you to prepare, to reply within a day, and to stay in touch."
        )
        lines.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lines.setWordWrap(True)
        lines.setStyleSheet(f"color: {theme.muted().name()};")
        bigger = lines.font()
        bigger.setPointSizeF(bigger.pointSizeF() * 1.1)
        lines.setFont(bigger)

        self.add_button = QPushButton("Add your first contact")
        self.add_button.setToolTip("Create a contact (Ctrl+N)")
        self.add_button.setDefault(True)
        self.add_button.setAutoDefault(True)
        self.import_button = QPushButton("Import your contacts…")
        self.import_button.setToolTip("From a vCard file, or a Google or Outlook contacts export (Ctrl+Shift+I)")
        self.meetings_button = QPushButton("Import meetings from a calendar…")
        self.meetings_button.setToolTip("From an .ics file exported from Outlook or Google Calendar, or an invite")
        self.demo_button = QPushButton("Explore with demo data")
        self.demo_button.setToolTip("Fill Followup with 60 made-up contacts and their history, to look around")
        buttons_all = (self.add_button, self.import_button, self.meetings_button, self.demo_button)
        width = max(240, *(b.sizeHint().width() + 24 for b in buttons_all))
        for button in buttons_all:
            button.setMinimumHeight(button.sizeHint().height() + 10)
            button.setFixedWidth(width)
        self.add_button.clicked.connect(self.add_contact_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.import_button.clicked.connect(self.import_contacts_requested)
        self.meetings_button.clicked.connect(self.import_meetings_requested)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addSpacing(theme.MARGIN)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        more = QHBoxLayout()
        more.addStretch(1)
        more.addWidget(self.meetings_button)
        more.addSpacing(theme.MARGIN)
        more.addWidget(self.demo_button)
        more.addStretch(1)

        hint = QLabel("Tip: Ctrl+N adds a contact, Ctrl+L logs a touch point, Ctrl+F finds anyone.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet(f"color: {theme.muted().name()};")

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(theme.MARGIN)
        layout.addWidget(lines)
        layout.addSpacing(theme.MARGIN * 2)
        layout.addLayout(buttons)
        layout.addSpacing(theme.SPACING)
        layout.addLayout(more)
        layout.addSpacing(theme.MARGIN * 2)
        layout.addWidget(hint)
        layout.addStretch(3)

"""The bar above the contacts list while several contacts are selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from ui.style import theme


class SelectionBar(QWidget):
    """Above the list while several contacts are selected: how many, and the
    actions most used on a selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsSelectionBar")
        self.count = QLabel()
        self.count.setObjectName("selectionCount")
        font = self.count.font()
        font.setBold(True)
        self.count.setFont(font)
        self.tag_button = QPushButton("&Tag…")
        self.more_button = QToolButton()
        self.more_button.setText("More")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setToolTip("Clear the selection (Esc)")
        self.clear_button.setAccessibleName("Clear the selection")
        self.clear_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.SPACING, 2, 2, 2)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.count, 1)
        layout.addWidget(self.tag_button)
        layout.addWidget(self.more_button)
        layout.addWidget(self.clear_button)
        self.setAutoFillBackground(True)
        tint = QApplication.palette().color(QPalette.ColorRole.Highlight)
        self.setStyleSheet(
            f"#contactsSelectionBar {{ background: rgba({tint.red()}, {tint.green()}, {tint.blue()}, 0.18);"
            " border-radius: 4px; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # a plain QWidget paints no style sheet
        self.hide()

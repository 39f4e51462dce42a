"""User text is shown as text, never as markup.

A QLabel, a tooltip or a message box given a string that merely *looks* like
HTML (Qt.AutoText guesses) renders it: a contact named
``<h1 style='color:red'>x</h1><img src="...">`` became a heading and loaded a
local image. Every string that comes from the user or an imported file goes
through one of these.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain(label: QLabel) -> QLabel:
    """The label shows its text as typed (never guessed to be HTML)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def tip(text: str) -> str:
    """A tooltip that shows ``text`` as typed: tooltips have no text format of
    their own, so the text is escaped inside explicit rich text (line breaks kept)."""
    if not text:
        return ""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def escape(text: str) -> str:
    """For a string placed inside rich text we build ourselves."""
    return html.escape(text)


def plain_message(parent: QWidget | None, title: str, text: str) -> None:
    """A warning whose text (which names user data) is shown as typed."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()

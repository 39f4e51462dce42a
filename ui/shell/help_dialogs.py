"""Help > Keyboard shortcuts and Help > About."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from followup import paths


def shortcuts_html(actions: list[QAction]) -> str:
    rows = []
    for action in actions:
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            name = action.text().replace("&", "").rstrip("…")
            rows.append(
                f"<tr><td style='padding-right:24px'>{html.escape(name)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            )
    extra = [
        ("Move from the search box into the list", "Down"),
        ("Open the selected contact's timeline", "Enter"),
        ("Clear the search", "Esc"),
        ("Delete the selected touch point", "Delete"),
    ]
    rows += [f"<tr><td style='padding-right:24px'>{a}</td><td><b>{b}</b></td></tr>" for a, b in extra]
    return "<table>" + "".join(rows) + "</table>"


def show_shortcuts(parent: QWidget, actions: list[QAction]) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Keyboard shortcuts")
    box.setText(shortcuts_html(actions))
    box.exec()


def show_about(parent: QWidget, version: str, data_dir: Path) -> None:
    QMessageBox.about(
        parent,
        "About Followup",
        f"<h3>Followup {html.escape(version)}</h3>"
        "<p>Keep your promises to the people you work with.</p>"
        f"<p>Data folder: <code>{html.escape(str(data_dir))}</code><br>"
        f"Log file: <code>{html.escape(str(paths.log_path(data_dir)))}</code></p>",
    )

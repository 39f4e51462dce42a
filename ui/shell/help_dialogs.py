"""Help > Keyboard shortcuts and Help > About."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from followup import paths


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    """The (what, keys) rows of ``ui.shell.actions.help_rows`` as one table."""
    cells = [
        f"<tr><td style='padding-right:24px'>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for what, keys in rows
    ]
    return "<table>" + "".join(cells) + "</table>"


def show_shortcuts(parent: QWidget, rows: list[tuple[str, str]]) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("Keyboard shortcuts")
    box.setText(shortcuts_html(rows))
    box.exec()
    return box


def show_about(parent: QWidget, version: str, data_dir: Path) -> None:
    QMessageBox.about(
        parent,
        "About Followup",
        f"<h3>Followup {html.escape(version)}</h3>"
        "<p>Keep your promises to the people you work with.</p>"
        f"<p>Data folder: <code>{html.escape(str(data_dir))}</code><br>"
        f"Log file: <code>{html.escape(str(paths.log_path(data_dir)))}</code></p>",
    )

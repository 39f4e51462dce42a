"""What the calendar dialogs share: the .ics file filter and the folder each
remembers (their error colour is theme.error_style(), as everywhere)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from followup.changes import Changes
from followup.store import Store
from ui.ops.operations import run

ICS_FILTER = "Calendar files (*.ics);;All files (*)"


def remembered_folder(store: Store, key: str) -> str:
    """The folder saved under ``key`` if it still exists, else the home folder."""
    value = store.settings.get(key)
    return value if isinstance(value, str) and Path(value).is_dir() else str(Path.home())


def remember_folder(store: Store, key: str, folder: Path, parent: QWidget, title: str) -> None:
    """Where the next file dialog starts. UI memory: no view shows it, nobody to tell."""
    run(None, parent, title, lambda: store.settings.set(key, str(folder)), Changes())

"""What the calendar dialogs share: the .ics file filter, the folder each
remembers, and the colour of an error message."""

from __future__ import annotations

from pathlib import Path

from followup.store import Store

ICS_FILTER = "Calendar files (*.ics);;All files (*)"
ERROR_STYLE = "color: #c62828;"


def remembered_folder(store: Store, key: str) -> str:
    """The folder saved under ``key`` if it still exists, else the home folder."""
    value = store.settings.get(key)
    return value if isinstance(value, str) and Path(value).is_dir() else str(Path.home())

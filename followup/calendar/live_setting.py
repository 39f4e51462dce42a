"""Where the live calendar file goes, or that it is off: one setting.

Apart from ``live_file`` (which imports the calendar writer and icalendar):
the window asks after every write whether the file is on, and with it off
that question cost the first write of a session ~0.2 s of imports.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.store import Store

SETTING = "calendar_live_file"  # the path, or "" / absent for off


def live_path(store: Store) -> Path | None:
    value = store.settings.get(SETTING)
    return Path(value).expanduser() if isinstance(value, str) and value.strip() else None


def set_live_path(store: Store, path: Path | str | None) -> None:
    store.settings.set(SETTING, str(path) if path else "")

"""Whether the live calendar file is on is read without importing the
calendar writer: the window asks after every write, and importing
``followup.calendar.live_file`` (icalendar with it) took ~0.2 s of the GUI
thread at the first write of every session, with the file off."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from pathlib import Path
from followup.clock import SystemClock
from followup.store import Store
from followup.calendar import live_setting

store = Store.open(Path(sys.argv[1]), SystemClock())
print(live_setting.live_path(store))
live_setting.set_live_path(store, Path(sys.argv[2]))
print(live_setting.live_path(store))
print(sorted(m for m in sys.modules if m.startswith(("icalendar", "followup.calendar.live_file"))))
"""


def test_the_live_file_setting_is_read_without_the_calendar_writer(tmp_path: Path) -> None:
    # GIVEN a fresh database, in a process of its own (nothing imported yet)
    db, ics = tmp_path / "followup.db", tmp_path / "open.ics"
    # WHEN the live file's setting is read, set, and read again
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(db), str(ics)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    # THEN it reads off, then the path set, and neither icalendar nor the writer was imported
    assert out == ["None", str(ics), "[]"]


def test_the_writer_module_still_answers_with_the_same_setting(tmp_path: Path, store) -> None:  # type: ignore[no-untyped-def]
    from followup.calendar import live_file, live_setting

    live_file.set_live_path(store, tmp_path / "a.ics")
    assert live_setting.live_path(store) == tmp_path / "a.ics"
    assert live_file.SETTING == live_setting.SETTING == "calendar_live_file"

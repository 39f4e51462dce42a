"""What the window's start-up imports (issue 16): what the first frame does
not need stays off it, and no dataclass on it pays for a docstring computed
from its signature (dataclasses does that with inspect for a class without
one: ~0.4 ms each, 31 of them at start-up)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Imported as main.py does before the window is built, in a process of its own:
# what this test session has imported already does not count.
PROBE = """
import dataclasses, json, sys
from ui.ops.pyside_import_check import install
install()
import ui.app
auto_docs = sorted(
    f"{name}.{attr}"
    for name, module in list(sys.modules.items())
    if name.split(".")[0] in ("followup", "ui")
    for attr, value in list(vars(module).items())
    if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name
    and (value.__doc__ or "").startswith(value.__name__ + "(")
)
print(json.dumps({"modules": sorted(sys.modules), "auto_docs": auto_docs}))
"""


# The window built as at a start on Contacts, over a database with a contact, not shown:
# what its constructor imports (the first frame's work), before anything runs after it.
WINDOW_PROBE = """
import json, sys
from pathlib import Path
from ui.ops.pyside_import_check import install
install()
from ui.app import make_application
from followup.clock import SystemClock
from followup.domain import Contact
from followup.store import Store
from ui.shell.window import MainWindow
app = make_application()
folder = Path(sys.argv[1])
store = Store.open(folder / "followup.db", SystemClock())
store.contacts.add(Contact(name="Ana Lima"))
window = MainWindow(store, SystemClock(), folder, initial_view="contacts")
import PySide6.QtWidgets
made = sorted(name for name in vars(PySide6.QtWidgets) if name.startswith("Q"))  # PySide makes a class on first import
print(json.dumps({"modules": sorted(sys.modules), "shown": window.tabs.currentWidget() is window.splitter, "made": made}))
"""


def start_up_imports(probe: str = PROBE, *args: str) -> dict[str, list[str]]:
    env = {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_the_start_up_leaves_out_what_the_first_frame_does_not_need() -> None:
    # GIVEN the window's modules imported as at start-up
    found = start_up_imports()
    modules = set(found["modules"])
    assert "ui.shell.window" in modules and "ui.contacts.panel" in modules  # the probe saw the start-up
    # THEN the contact page (built on first use), Insights (built when its tab is first shown),
    # Today (built when the window opens on it, else after the first paint), the dialog keys (installed once the window has painted) and uuid (a calendar UID) are not among them
    for later in (
        "ui.contacts.page",
        "ui.contacts.timeline_delegate",
        "followup.insights",
        "ui.insights.view",
        "ui.today.model",
        "ui.today.view",
        "ui.today.controller",
        "ui.widgets.dialog_keys",
        "ui.widgets.window_watch",
        "uuid",
    ):
        assert later not in modules, later
    # and every dataclass loaded has a docstring of its own
    assert found["auto_docs"] == []


def test_a_window_opening_on_contacts_imports_neither_today_nor_the_actions_engines(tmp_path: Path) -> None:
    # GIVEN the window built as it is on a start on Contacts (not shown: nothing after the first frame ran)
    found = start_up_imports(WINDOW_PROBE, str(tmp_path))
    modules = set(found["modules"])
    assert found["shown"] is True and "ui.contacts.list_loader" in modules  # the probe built that window
    # THEN Today (built after the first paint) and what only an action needs (planning, logging a
    # touch point, a reminder, merging, the duplicates, the organisations, a bulk action's engine,
    # dialogs and long writes) were not imported for it
    for later in (
        "ui.today.model",
        "ui.today.view",
        "ui.today.controller",
        "ui.today.new_meetings",
        "followup.engine.follow_ups",
        "followup.engine.plans",
        "followup.engine.engagement_edit",
        "followup.meeting_reminders",
        "followup.engine.replies",
        "followup.engine.touch_points",
        "followup.engine.reminders_one_off",
        "followup.engine.merge_undo",
        "followup.merge_preview",
        "followup.duplicates",
        "followup.organisations",
        "followup.engine.bulk_contacts",
        "ui.contacts.bulk_dialogs",
        "ui.ops.long_write",
    ):
        assert later not in modules, later
    # AND PySide did not make its QStyle class, with the enums of every metric and hint: 5.5 ms
    # of the start, made when Python first meets a style (a findChild on the application, whose
    # children include it; the style setStyle hands back). The bare window never makes it either.
    assert "QStyle" not in found["made"]

"""Quit quits, even with a tray (ui.app.Application notes the Quit; no event
filter on the application, which was called for every event to every
object). In a process of its own: a Quit in this test session would close
every window of the session and stop its event loops."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QSystemTrayIcon, QWidget
from followup.clock import SystemClock
from followup.store import Store
from ui.app import make_application
from ui.reminders import service as reminders

QSystemTrayIcon.isSystemTrayAvailable = staticmethod(lambda: True)  # a tray host, as on a desktop
data = Path(sys.argv[1])
app = make_application()
store = Store.open(data / "followup.db", SystemClock())
service = reminders.setup_reminders(app, store, SystemClock(), data)
assert service.tray is not None
service.tray.isVisible = lambda: True  # offscreen has no tray host to show it in
seen = {"keeps_running_before": service.keeps_running(), "hidden": 0, "closed": 0}

class Window(QWidget):  # as MainWindow.closeEvent
    def closeEvent(self, event):
        if service.keeps_running():
            event.ignore(); self.hide(); seen["hidden"] += 1; return
        seen["closed"] += 1
        super().closeEvent(event)

window = Window(); window.show()
QTimer.singleShot(300, window.close)  # the window's close button: to the tray
QTimer.singleShot(450, window.show)  # opened again from the tray
QTimer.singleShot(600, app.quit)  # Quit (the menu, the tray's Quit, SIGTERM)
QTimer.singleShot(8000, lambda: app.exit(3))  # a quit refused: the loop would run on
seen["rc"] = app.exec()
service.stop(); store.close()
print(json.dumps(seen))
"""


def test_close_hides_to_the_tray_and_quit_closes_for_real(tmp_path: Path) -> None:
    # GIVEN the application with a tray, and a main window shown
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    # WHEN its close button is pressed, it is opened again, then Quit is asked for
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.splitlines()[-1])
    # THEN the close hid it (reminders keep coming), and Quit closed it and ended the loop at once
    assert seen == {"keeps_running_before": True, "hidden": 1, "closed": 1, "rc": 0}, out.stderr

"""A phone's view of the follow-ups Followup publishes: start Radicale on
127.0.0.1, publish a demo database's open follow-ups to it through a real
sync, read the tasks back with the `caldav` library as a phone's tasks app
(DAVx5 + Tasks.org, Apple Reminders) would, and draw them as such an app
lists them: a PNG to look at.

    python tools/phone_tasks_view.py OUT.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "caldav")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def published_tasks(folder: Path) -> list[tuple[str, datetime, bool]]:
    from caldav_servers import PASSWORD, USER, start_radicale

    from followup import demo
    from followup.caldav import accounts as acc
    from followup.caldav.credentials import FILE_ENV, save_password
    from followup.caldav.sync import sync_all
    from followup.clock import FixedClock
    from followup.store import Store

    server = start_radicale(folder / "radicale")
    try:
        os.environ[FILE_ENV] = str(folder / "passwords.json")  # a throwaway: no keyring needed for a picture
        store = Store.open(folder / "followup.db", FixedClock(datetime(2026, 11, 23, 9, 30, tzinfo=UTC)))
        store.settings.set("user_tz", "Europe/Lisbon")
        demo.generate(store, contacts=30)
        save_password(server.url, USER, PASSWORD)
        acc.add_account(store, acc.CALDAV, server.url, USER, publish=True, now=store.clock.now())
        report = sync_all(store)
        assert not report.errors, report.errors
        store.close()
        principal = server.client().principal()
        cal = next(c for c in principal.calendars() if c.get_display_name() == "Followup")
        tasks = []
        for todo in cal.todos(include_completed=True):
            comp = todo.icalendar_component
            due = comp["DUE"].dt
            if not isinstance(due, datetime):
                due = datetime(due.year, due.month, due.day, tzinfo=UTC)
            tasks.append((str(comp["SUMMARY"]), due, str(comp.get("STATUS", "")) == "COMPLETED"))
        return sorted(tasks, key=lambda t: t[1])
    finally:
        server.stop()


def draw(tasks: list[tuple[str, datetime, bool]], out: Path) -> None:
    from zoneinfo import ZoneInfo

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QCheckBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

    app = QApplication.instance() or QApplication([])
    phone = QWidget()
    phone.setFixedSize(390, 780)
    phone.setStyleSheet("background: #fafafa; font-size: 14px;")
    layout = QVBoxLayout(phone)
    head = QLabel(f"Followup  ·  {len(tasks)} tasks")
    head.setStyleSheet("font-size: 20px; font-weight: bold; padding: 12px 4px;")
    layout.addWidget(head)
    body = QWidget()
    rows = QVBoxLayout(body)
    tz = ZoneInfo("Europe/Lisbon")
    for title, due, done in tasks[:14]:
        row = QFrame()
        row.setStyleSheet("QFrame { background: white; border-radius: 8px; }")
        inner = QVBoxLayout(row)
        box = QCheckBox(title)
        box.setChecked(done)
        box.setStyleSheet("font-size: 14px;")
        when = QLabel(due.astimezone(tz).strftime("%a %d %b, %H:%M"))
        overdue = due < datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
        when.setStyleSheet(f"color: {'#c62828' if overdue else '#666'}; padding-left: 24px;")
        inner.addWidget(box)
        inner.addWidget(when)
        rows.addWidget(row)
    rows.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidget(body)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    layout.addWidget(scroll)
    phone.show()
    app.processEvents()
    phone.grab().save(str(out))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "phone-tasks.png")
    with tempfile.TemporaryDirectory() as tmp:
        tasks = published_tasks(Path(tmp))
    draw(tasks, out)
    print(f"{len(tasks)} tasks read back from the server; drawn to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

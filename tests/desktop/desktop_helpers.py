"""Helpers for the end-to-end tests in a real desktop session (tools/desktop-session.sh):
the real app as a subprocess on Xvfb, talking to dunst and a StatusNotifier
tray over a private D-Bus session bus. Skipped anywhere else."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "shots"
IN_SESSION = os.environ.get("FOLLOWUP_IN_DESKTOP_SESSION") == "1"
WITH_NOTIFICATIONS = os.environ.get("FOLLOWUP_SESSION_NOTIFICATIONS") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="needs tools/desktop-session.sh (Xvfb, D-Bus, dunst, a tray)")
    for item in items:
        if "desktop" in item.keywords and not IN_SESSION:
            item.add_marker(skip)


def wait_for(predicate: Callable[[], object], timeout: float = 15.0, what: str = "condition") -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def gdbus(*args: str) -> str:
    return subprocess.run(["gdbus", "call", "--session", *args], capture_output=True, text=True, check=True).stdout


def sni_items() -> list[str]:
    out = gdbus(
        "-d", "org.kde.StatusNotifierWatcher", "-o", "/StatusNotifierWatcher",
        "-m", "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierWatcher", "RegisteredStatusNotifierItems",
    )  # fmt: skip
    return re.findall(r"'([^']+)'", out)


def sni_menu_labels(item: str) -> list[str]:
    """The labels of the SNI item's menu as exported over DBusMenu (what the
    tray host draws), mnemonics removed, in order, submenus included."""
    service, _, path = item.partition("/")
    out = gdbus(
        "-d", service, "-o", "/" + (path or "StatusNotifierItem"),
        "-m", "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierItem", "Menu",
    )  # fmt: skip
    menu_path = re.findall(r"objectpath '([^']+)'", out)[0]
    layout = gdbus(
        "-d", service, "-o", menu_path, "-m", "com.canonical.dbusmenu.GetLayout", "--", "0", "-1", "['label']"
    )
    return [label.replace("_", "") for label in re.findall(r"'label': <'([^']*)'>", layout)]


def sni_tooltip(item: str) -> str:
    """The SNI item's ToolTip property (icon name, pixmaps, title, text): the
    title, as the tray host reads it."""
    service, _, path = item.partition("/")
    out = gdbus(
        "-d", service, "-o", "/" + (path or "StatusNotifierItem"),
        "-m", "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierItem", "ToolTip",
    )  # fmt: skip
    texts = re.findall(r"'([^']*)'", out)
    return " | ".join(t for t in texts if t)


def _dunst_history() -> list[dict[str, dict[str, object]]]:
    history = json.loads(subprocess.run(["dunstctl", "history"], capture_output=True, text=True, check=True).stdout)
    return history["data"][0]  # type: ignore[no-any-return]


_seen_up_to = 0  # dunst's history outlives a test (1.9 cannot clear it): ids up to this are older


@pytest.fixture(autouse=True)
def _new_dunst_history() -> None:
    """dunst_summaries() in a test sees only that test's notifications."""
    global _seen_up_to
    if IN_SESSION and WITH_NOTIFICATIONS:
        subprocess.run(["dunstctl", "close-all"], check=True)
        time.sleep(0.2)
        _seen_up_to = max((int(str(n["id"]["data"])) for n in _dunst_history()), default=0)


def dunst_summaries() -> list[str]:
    """Every notification dunst has shown in this test (closing them moves them to history)."""
    subprocess.run(["dunstctl", "close-all"], check=True)
    time.sleep(0.2)
    return [str(n["summary"]["data"]) for n in _dunst_history() if int(str(n["id"]["data"])) > _seen_up_to]


def map_state(window_name: str) -> str:
    """The X map state of the app's top-level window called ``window_name``
    (IsViewable when shown); "absent" before Qt created it."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True).stdout
    ids = re.findall(rf'^\s+(0x[0-9a-f]+) "{re.escape(window_name)}": \("main.py"', tree, re.MULTILINE)
    states = []
    for window_id in ids:
        out = subprocess.run(["xwininfo", "-id", window_id], capture_output=True, text=True).stdout
        if match := re.search(r"Map State: (\w+)", out):
            states.append(match.group(1))
    return "IsViewable" if "IsViewable" in states else (states[0] if states else "absent")


def screenshot(name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    out = SHOTS / name
    subprocess.run(["import", "-window", "root", str(out)], check=True)
    return out


@dataclass
class Seeded:
    db: Path
    data_dir: Path

    def add_due(self, title: str, minutes_ago: float = 5, contact: str = "Ana Lima") -> int:
        sys.path.insert(0, str(ROOT))
        from followup.domain import Contact
        from followup.planning.model import FollowUp, Source
        from followup.store import Store

        store = Store.open(self.db)
        try:
            existing = [r for r in store.contacts.rows() if r.name == contact]
            cid = existing[0].id if existing else store.contacts.add(Contact(name=contact, tz="UTC"))
            due = datetime.now(UTC) - timedelta(minutes=minutes_ago)
            fu = FollowUp(contact_id=cid, title=title, source=Source.MANUAL, due=due, tz="UTC", channel="email")
            return store.follow_ups.add(fu)
        finally:
            store.close()

    def query(self, sql: str, *args: object) -> list[tuple[object, ...]]:
        import sqlite3

        conn = sqlite3.connect(self.db)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def log(self) -> str:
        path = self.data_dir / "followup.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture
def seeded(tmp_path: Path) -> Seeded:
    """A data folder whose reminders are never held back (no quiet hours, every day)."""
    sys.path.insert(0, str(ROOT))
    from followup.store import Store

    data = tmp_path / "data"
    data.mkdir()
    db = data / "followup.db"
    store = Store.open(db)
    for key, value in {"user_tz": "UTC", "quiet_hours_enabled": False, "remind_on_working_days_only": False}.items():
        store.settings.set(key, value)
    store.close()
    return Seeded(db, data)


class App:
    def __init__(self, data_dir: Path, *, background: bool = False) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="xcb")
        env.pop("FOLLOWUP_BACKGROUND", None)
        if background:
            env["FOLLOWUP_BACKGROUND"] = "1"
        self.output = (data_dir / "stdout.txt").open("a")
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)],
            cwd=ROOT,
            env=env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.output.close()


@pytest.fixture
def launch() -> Iterator[Callable[..., App]]:
    apps: list[App] = []

    def start(data_dir: Path, **kwargs: bool) -> App:
        app = App(data_dir, **kwargs)
        apps.append(app)
        return app

    yield start
    for app in apps:
        app.stop()


def second_launch(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )

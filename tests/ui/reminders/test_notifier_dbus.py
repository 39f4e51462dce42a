"""The D-Bus notification path, as far as it runs offscreen: without a session
bus the notifier keeps its old paths (plyer, the tray, the reminders window),
and only our own notifications' actions open the reminders window. The real
round trip with dunst is in tests/desktop/test_notification_click_desktop.py."""

from __future__ import annotations

import os

import pytest

from followup.clock import FixedClock
from followup.store import Store
from ui.reminders.notifier import DBusNotifications, Notifier, notification_icon
from ui.reminders.service import ReminderService

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")), reason="needs a process without a session bus"
)


def test_without_a_session_bus_dbus_is_unavailable(qtbot) -> None:  # type: ignore[no-untyped-def]
    dbus = DBusNotifications()
    assert not dbus.available and dbus.last_error == "no session bus"
    assert dbus.notify("title", "body", "") == 0


def test_without_a_session_bus_the_notifier_falls_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    notifier = Notifier(None, None, use_plyer=False, use_dbus=True)
    assert notifier.dbus is None
    with qtbot.waitSignal(notifier.failed) as blocker:
        notifier.notify("Send the proposal", "5 min late")
    assert blocker.args == ["Send the proposal"]


def test_callers_that_choose_plyer_do_not_get_dbus(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert Notifier(None, None, use_plyer=False).dbus is None


def test_only_our_notifications_are_answered(qtbot) -> None:  # type: ignore[no-untyped-def]
    dbus = DBusNotifications()
    seen: list[tuple[int, str]] = []
    dbus.activated.connect(lambda nid, key: seen.append((nid, key)))
    dbus.ids.update({7, 8})
    dbus._on_action_invoked(99, "default")  # another app's
    dbus._on_action_invoked(7, "default")
    dbus._on_action_invoked(7, "default")  # answered once
    dbus._on_closed(8, 2)
    dbus._on_action_invoked(8, "default")  # closed: no longer ours to answer
    assert seen == [(7, "default")]


def test_a_click_on_a_notification_shows_the_reminders_window(
    qtbot,  # type: ignore[no-untyped-def]
    store: Store,
    clock: FixedClock,
) -> None:
    notifier = Notifier(None, None, use_plyer=False)
    service = ReminderService(store, clock, notifier)
    qtbot.addWidget(service.window)
    assert not service.window.isVisible()
    notifier._on_activated(3, "default")
    assert service.window.isVisible()
    service.stop()


def test_the_notification_icon_is_the_apps_png() -> None:
    icon = notification_icon(None)
    assert icon.endswith("followup-128.png") and os.path.exists(icon)

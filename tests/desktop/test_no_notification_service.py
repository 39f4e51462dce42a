"""With no notification service on the bus (tools/desktop-session.sh
--no-notifications): plyer fails, the tray's message is tried, and the
reminders window shows the reminder; nothing is lost."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from desktop_helpers import (
    IN_SESSION,
    WITH_NOTIFICATIONS,
    App,
    Seeded,
    map_state,
    screenshot,
    sni_items,
    sni_tooltip,
    wait_for,
)

pytestmark = [
    pytest.mark.desktop,
    pytest.mark.skipif(not IN_SESSION or WITH_NOTIFICATIONS, reason="needs a session without a notification service"),
]


def test_without_a_notification_service_the_window_shows_the_reminder(
    seeded: Seeded, launch: Callable[..., App]
) -> None:
    # GIVEN a follow-up due, and no org.freedesktop.Notifications on the bus
    fid = seeded.add_due("Send Ana the proposal")
    # WHEN the app starts
    launch(seeded.data_dir, background=True)
    # THEN plyer's failure is noticed, the tray's message is used instead...
    wait_for(lambda: "using the tray's message" in seeded.log(), what="the tray fallback")
    # (logged once the tray's message has been handed over: with no service on the bus that
    # can take a moment, and the line was read too early once at load 9)
    wait_for(lambda: "notified via tray" in seeded.log(), what="the tray's message sent")
    # ...and the reminders window shows it, even with the main window in the tray
    wait_for(lambda: map_state("Reminders · Followup") == "IsViewable", what="the reminders window")
    screenshot("no-notification-service.png")
    # with no notification service, Qt shows the tray's message in the tray
    # item's tooltip (what the tray host shows on hover) for its timeout...
    items = wait_for(sni_items, what="the tray icon")
    assert "Send Ana the proposal · Ana Lima" in sni_tooltip(items[0])  # type: ignore[index]
    # ...and then the tooltip is the due count again
    wait_for(lambda: "1 follow-up due" in sni_tooltip(items[0]), timeout=30, what="the due count")  # type: ignore[index]
    # nothing is lost: it is notified once (stored) and waits in the window
    assert seeded.query("SELECT notified_wake_utc = wake_utc FROM follow_ups WHERE id = ?", fid) == [(1,)]
    waiting = json.loads(str(seeded.query("SELECT value FROM settings WHERE key = 'reminders_waiting'")[0][0]))
    assert str(fid) in waiting

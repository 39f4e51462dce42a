"""The real app in a real session: notifications reach dunst, the tray icon is
registered with its due count, one instance only, and restarts neither repeat
nor drop a reminder. Run by tools/desktop-session.sh (see the Makefile)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
from desktop_helpers import (
    WITH_NOTIFICATIONS,
    App,
    Seeded,
    dunst_summaries,
    map_state,
    screenshot,
    second_launch,
    sni_items,
    sni_menu_labels,
    sni_tooltip,
    wait_for,
)

pytestmark = [
    pytest.mark.desktop,
    pytest.mark.skipif(not WITH_NOTIFICATIONS, reason="this session has no notification daemon"),
]


def delivered(seeded: Seeded, n: int = 1) -> Callable[[], bool]:
    return lambda: seeded.log().count("notified via ") >= n


def test_a_due_follow_up_reaches_dunst_and_the_tray_shows_the_count(seeded: Seeded, launch: Callable[..., App]) -> None:
    # GIVEN two follow-ups due a few minutes ago
    seeded.add_due("Send Ana the proposal")
    seeded.add_due("Call Bruno back", contact="Bruno Costa")
    # WHEN the app starts
    launch(seeded.data_dir)
    wait_for(delivered(seeded, 2), what="two notifications")
    wait_for(lambda: map_state("Reminders · Followup") == "IsViewable", what="the reminders window")
    time.sleep(0.5)  # let dunst draw before the picture
    screenshot("notification-and-reminders-window.png")
    # THEN dunst showed one notification each, titled with what and who
    assert sorted(dunst_summaries()) == ["Call Bruno back · Bruno Costa", "Send Ana the proposal · Ana Lima"]
    assert "notified via dbus" in seeded.log()  # Qt's own D-Bus, with a "default" action
    # and the tray icon is registered with the watcher, its tooltip saying how many are due
    items = wait_for(sni_items, what="a registered StatusNotifierItem")
    assert len(items) == 1  # type: ignore[arg-type]
    assert "2 follow-ups due" in wait_for(lambda: sni_tooltip(items[0]), what="a tooltip")  # type: ignore[index,operator]


def test_a_second_launch_raises_the_first_and_nothing_is_notified_twice(
    seeded: Seeded, launch: Callable[..., App]
) -> None:
    # GIVEN the app running in the tray only (as at login), with one reminder delivered
    seeded.add_due("Send the contract")
    launch(seeded.data_dir, background=True)
    wait_for(delivered(seeded), what="the notification")
    assert map_state("Followup") != "IsViewable", seeded.log()  # the log says why it was shown
    # WHEN it is launched again
    result = second_launch(seeded.data_dir)
    # THEN the second exits 0 at once and the first window comes forward
    assert result.returncode == 0, result.stderr
    assert "already running" in result.stderr
    wait_for(lambda: map_state("Followup") == "IsViewable", what="the main window to be shown")
    # and it was the second launch that asked (the log says why the window came forward)
    assert "a second launch asked for the main window" in seeded.log()
    assert "the tray icon asked" not in seeded.log() and "asked to open a contact" not in seeded.log(), seeded.log()
    time.sleep(1)
    assert dunst_summaries().count("Send the contract · Ana Lima") == 1
    assert seeded.log().count("notified via ") == 1


def test_after_a_restart_only_what_came_due_while_closed_is_notified(
    seeded: Seeded, launch: Callable[..., App]
) -> None:
    # GIVEN a run that delivered one reminder, then quit
    seeded.add_due("Already reminded")
    app = launch(seeded.data_dir)
    wait_for(delivered(seeded), what="the first notification")
    app.stop()
    assert dunst_summaries().count("Already reminded · Ana Lima") == 1
    # WHILE it was closed, five follow-ups came due
    for i in range(5):
        seeded.add_due(f"Came due {i}", minutes_ago=1)
    # WHEN it starts again
    launch(seeded.data_dir)
    wait_for(delivered(seeded, 2), what="the catch-up notification")
    time.sleep(1)
    # THEN one grouped notification says what happened, and the old one is not repeated
    shown = dunst_summaries()
    assert shown.count("5 follow-ups came due while Followup was closed") == 1
    assert shown.count("Already reminded · Ana Lima") == 1
    # every one of them waits in the reminders window, as stored
    waiting = seeded.query("SELECT value FROM settings WHERE key = 'reminders_waiting'")
    assert len(json.loads(str(waiting[0][0]))) == 6


def test_the_tray_menu_offers_the_due_reminders(seeded: Seeded, launch: Callable[..., App]) -> None:
    """The real tray menu, as the tray host reads it (DBusMenu), and a picture of it."""
    import subprocess

    # GIVEN two follow-ups due
    seeded.add_due("Send Ana the proposal")
    seeded.add_due("Call Bruno back", contact="Bruno Costa")
    # WHEN the app runs in the tray and has delivered them
    launch(seeded.data_dir, background=True)
    wait_for(delivered(seeded, 2), what="notifications")
    dunst_summaries()  # clear the screen of notifications
    items = wait_for(sni_items, what="the tray icon")
    # THEN the menu the tray host gets opens Followup, shows both reminders (newest first), snoozes, pauses and quits
    labels = wait_for(lambda: sni_menu_labels(items[0]), what="the tray menu")  # type: ignore[index]
    assert labels[:2] == ["Open Followup", "Show reminders (2)"], labels
    assert [x for x in labels if "·" in x] == ["Call Bruno back · Bruno Costa", "Send Ana the proposal · Ana Lima"]
    for entry in ("Snooze all for an hour", "Pause reminders", "For an hour", "Until tomorrow", "Quit Followup"):
        assert entry in labels, labels
    time.sleep(1)
    # gtk-sni-tray-standalone --top --end: the icon is the bar's last, at the top right
    subprocess.run(["xdotool", "mousemove", "1262", "16", "click", "3"], check=True)
    time.sleep(1)
    screenshot("tray-menu.png")
    subprocess.run(["xdotool", "key", "Escape"], check=False)

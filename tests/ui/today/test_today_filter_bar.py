"""Today filtered by kind or channel: a small control beside the title,
remembered across restarts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Kind
from followup.engine.reminders_one_off import add_reminder
from followup.store import Store
from ui.shell.window import MainWindow


def _titles(window: MainWindow) -> list[str]:
    return sorted(fu.title for fu in window.today_model.listed())


def test_today_by_kind_and_channel_is_remembered(
    qtbot, window: MainWindow, store: Store, clock: FixedClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a client and a supplier with overdue reminders, Today shown
    client = store.contacts.add(Contact("Ana Lima", Kind.CLIENT))
    supplier = store.contacts.add(Contact("Bo Berg", Kind.SUPPLIER, preferred_channel=Channel.PHONE))
    now = clock.now()
    add_reminder(store, client, "Send the quote", now - timedelta(hours=2), channel="email")
    add_reminder(store, supplier, "Call about the delivery", now - timedelta(hours=1))
    window.reload_contacts()
    window.registry.go_today.trigger()
    window.today.refresh()
    bar = window.today.filter_bar
    assert _titles(window) == ["Call about the delivery", "Send the quote"]
    # WHEN the user picks Clients
    bar.kind.setCurrentIndex(bar.kind.findData(Kind.CLIENT))
    # THEN only the client's follow-up shows, and the summary counts only it
    assert _titles(window) == ["Send the quote"]
    assert window.today_view.summary.text().startswith("1 overdue")
    # WHEN All kinds and Phone are chosen THEN a follow-up without a channel goes by the contact's preferred one
    bar.kind.setCurrentIndex(0)
    bar.channel.setCurrentIndex(bar.channel.findData(Channel.PHONE))
    assert _titles(window) == ["Call about the delivery"]
    # WHEN nothing is due for the choice THEN Today says so, and how to see everything
    bar.kind.setCurrentIndex(bar.kind.findData(Kind.CLIENT))
    assert _titles(window) == []
    assert window.today_view.stack.currentWidget() is window.today_view.empty
    assert "Nothing is due for clients by phone call." in window.today_view.empty.text()
    bar.kind.setCurrentIndex(0)
    # WHEN the window opens again THEN the filter is as it was left
    again = MainWindow(store, clock, tmp_path)
    qtbot.addWidget(again)
    assert again.today.filter_bar.channel.currentData() == Channel.PHONE
    assert again.today.filter_bar.kind.currentData() is None
    again.today.refresh()
    assert _titles(again) == ["Call about the delivery"]
    again.tasks.wait(10_000)
    again.close()

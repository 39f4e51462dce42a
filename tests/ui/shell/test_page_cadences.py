"""The contact page keeps the rhythms of Settings between opens (issue 16: they
were read from the database on every contact opened), and a change of them,
made here or by another process, shows on the next contact opened."""

from __future__ import annotations

from pathlib import Path

from followup.clock import FixedClock
from followup.domain import Contact, Kind
from followup.preferences import Preferences
from followup.settings_table import setting
from followup.store import Store
from ui.shell.settings_dialog import SettingsDialog
from ui.shell.window import MainWindow


def _two_clients(window: MainWindow, store: Store) -> tuple[int, int]:
    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, tz="UTC"))
    bo = store.contacts.add(Contact(name="Bo Li", kind=Kind.CLIENT, tz="UTC"))
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    return ana, bo


def _rhythm(window: MainWindow) -> str:
    return window.contact_page.channel_value.text().split(" · ", 1)[1]


def test_a_rhythm_changed_in_settings_shows_on_the_next_contact_opened(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store
) -> None:
    # GIVEN a client's page, in touch every 30 days (the default for clients)
    ana, bo = _two_clients(window, store)
    window.open_contact(ana)
    assert _rhythm(window) == "in touch every 30 days"
    window.open_contact(bo)

    # WHEN Settings gives clients a rhythm of 10/20 days
    dialog = SettingsDialog(window.store, window, hub=window.hub, set_autostart=lambda _on: None)
    qtbot.addWidget(dialog)
    dialog.work.cadences["client"].setText("10/20")
    dialog.accept()

    # THEN the next client opened is in touch every 10 days
    window.open_contact(ana)
    assert _rhythm(window) == "in touch every 10 days"


def test_a_rhythm_changed_by_another_process_shows_on_the_next_contact_opened(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, db_path: Path, clock: FixedClock
) -> None:
    # GIVEN a client's page, in touch every 30 days
    ana, bo = _two_clients(window, store)
    window.open_contact(ana)
    assert _rhythm(window) == "in touch every 30 days"
    window.open_contact(bo)

    # WHEN another process (`followup config`, another window) gives clients 12/24 days
    other = Store.open(db_path, clock)
    try:
        Preferences.save(other, {"cadence_client": setting("cadence_client").parse("12/24")})
    finally:
        other.close()
    window.hub.poll()  # (its timer would, within a second)

    # THEN the next client opened is in touch every 12 days
    window.open_contact(ana)
    assert _rhythm(window) == "in touch every 12 days"


def _list_tip(window: MainWindow, name: str) -> str:
    from PySide6.QtCore import Qt

    from ui.contacts.model import LAST_TOUCHED

    model = window.contacts_model
    row = next(r for r in range(model.rowCount()) if model.contact_at(r).name == name)
    return str(model.data(model.index(row, LAST_TOUCHED), Qt.ItemDataRole.ToolTipRole))


def test_the_lists_last_touched_follows_a_rhythm_changed_in_settings(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store
) -> None:
    # GIVEN the list, a client's Last touched against the clients' rhythm (30 days by default)
    _two_clients(window, store)
    assert "Stay in touch every 30 days" in _list_tip(window, "Ana Lima")
    changed: list[int] = []
    window.contacts_model.dataChanged.connect(lambda *_: changed.append(1))

    # WHEN Settings gives clients a rhythm of 10/20 days
    dialog = SettingsDialog(window.store, window, hub=window.hub, set_autostart=lambda _on: None)
    qtbot.addWidget(dialog)
    dialog.work.cadences["client"].setText("10/20")
    dialog.accept()

    # THEN the list's colours and tips follow it at once (they kept the rhythms read at start-up)
    qtbot.waitUntil(lambda: "Stay in touch every 10 days" in _list_tip(window, "Ana Lima"))
    assert changed  # the view is told: what it shows is painted again


def test_the_lists_last_touched_follows_a_rhythm_changed_by_another_process(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store, db_path: Path, clock: FixedClock
) -> None:
    # GIVEN the list, a client's Last touched against the clients' rhythm
    _two_clients(window, store)
    assert "Stay in touch every 30 days" in _list_tip(window, "Bo Li")
    # WHEN another process gives clients 12/24 days
    other = Store.open(db_path, clock)
    try:
        Preferences.save(other, {"cadence_client": setting("cadence_client").parse("12/24")})
    finally:
        other.close()
    window.hub.poll()
    # THEN the list follows it
    qtbot.waitUntil(lambda: "Stay in touch every 12 days" in _list_tip(window, "Bo Li"))

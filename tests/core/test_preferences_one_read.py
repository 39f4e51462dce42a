"""Preferences are read in one statement (issue 16): one per setting (some
thirty) gave the GUI thread's lock on the interpreter away at each, and with
the worker busy in Python each took it back up to a switch interval later:
the contact page, refilled after a bulk action, waited 40-60 ms for them."""

from __future__ import annotations

from followup.preferences import Preferences
from followup.store import Store


def test_preferences_are_read_in_one_statement_and_say_what_is_stored(store: Store) -> None:
    # GIVEN settings stored one key each (a cadence, the zone, a bad value left behind the app's back)
    store.settings.set("cadence_client", [10, 20])
    store.settings.set("user_tz", "Europe/Lisbon")
    store.settings.set("user_name", "Ana")
    with store.transaction() as conn:
        conn.execute("INSERT INTO settings(key, value) VALUES ('work_start', '{not json')")
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    # WHEN the preferences are loaded
    try:
        prefs = Preferences.load(store)
    finally:
        store.conn.set_trace_callback(None)
    # THEN one statement read them, and they say what is stored (the bad value: its default)
    assert len(statements) == 1
    assert prefs.cadence_for("client") == (10, 20)
    assert prefs.user_tz == "Europe/Lisbon"
    assert prefs.user_name == "Ana"
    assert prefs.work_start == Preferences().work_start

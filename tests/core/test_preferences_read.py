"""Preferences are read from the settings table in one statement (they are
read on every contact opened, every plan, every view compiled), and read the
same as key by key: defaults for what is missing or unreadable."""

from __future__ import annotations

from followup.domain import Kind
from followup.preferences import Preferences
from followup.store import Store


def test_preferences_are_read_in_one_statement(store: Store) -> None:
    # GIVEN a database with some settings of its own
    Preferences.save(store, {"reply_window_hours": 8, "cadence_client": [10, 20]})
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        # WHEN the preferences are read
        prefs = Preferences.load(store)
    finally:
        store.conn.set_trace_callback(None)
    # THEN what was saved is read back, the rest are defaults, and one statement did it
    assert prefs.reply_window_hours == 8 and prefs.cadence_for(Kind.CLIENT) == (10, 20)
    assert prefs.user_tz == "Europe/Lisbon"
    assert len([s for s in statements if "settings" in s]) == 1, statements


def test_a_setting_written_behind_the_apps_back_reads_as_its_default(store: Store) -> None:
    # GIVEN a setting whose stored text is not JSON, and one of the wrong type
    default = Preferences.load(store)
    with store.transaction() as conn:
        conn.execute("INSERT INTO settings(key, value) VALUES ('reply_window_hours', '{not json')")
        conn.execute("INSERT INTO settings(key, value) VALUES ('work_start', '42')")
    # WHEN the preferences are read THEN each is its default, nothing fails
    prefs = Preferences.load(store)
    assert prefs.reply_window_hours == default.reply_window_hours
    assert prefs.work_start == default.work_start

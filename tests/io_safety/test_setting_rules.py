"""One set of rules for settings: restore checks a backup with them, and the
app falls back to the default for a stored value that breaks them."""

from __future__ import annotations

import json

import pytest

from followup import setting_rules
from followup.preferences import Preferences
from followup.settings_table import SETTINGS
from followup.store import Store


def test_every_default_passes_its_own_rule() -> None:
    for setting in SETTINGS:
        assert setting_rules.is_valid(setting.key, json.loads(json.dumps(setting.default))), setting.key


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("reply_window_hours", '"soon"'),
        ("working_days", "[0, 9]"),
        ("work_start", '"25:99"'),
        ("cadence_client", "{nope"),
        ("user_tz", '"Mars/Olympus"'),
    ],
)
def test_a_bad_stored_setting_falls_back_to_the_default(store: Store, key: str, text: str) -> None:
    # GIVEN a stored value that breaks its rule (written behind the app's back)
    store.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", (key, text))
    # WHEN the preferences are read THEN they are the defaults, not an exception
    prefs = Preferences.load(store)
    assert prefs == Preferences(user_tz=prefs.user_tz)

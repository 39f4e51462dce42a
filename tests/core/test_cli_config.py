"""config [KEY [VALUE]] [--json]: every setting, with the Settings dialog's
validation (followup/settings_table.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import Cli, make_data_dir

from followup.clock import FixedClock
from followup.preferences import Preferences
from followup.settings_table import SETTINGS
from followup.store import Store


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    return make_data_dir(tmp_path / "data", clock, settings={"user_tz": "Europe/Berlin"})


def prefs(data_dir: Path, clock: FixedClock) -> Preferences:
    with Store.open(data_dir / "followup.db", clock) as store:
        return Preferences.load(store)


def test_config_json_lists_every_setting_with_its_value(cli: Cli) -> None:
    # GIVEN a fresh database WHEN config --json THEN every setting of the table, with defaults
    data = cli("config", "--json").data
    assert set(data) == {s.key for s in SETTINGS}
    assert (data["quiet_start"], data["working_days"], data["reply_window_client"]) == ("20:00", [0, 1, 2, 3, 4], None)
    assert data["user_tz"] == "Europe/Berlin"


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("user_email", "me@example.com", "me@example.com"),
        ("quiet_start", "21:00", "21:00"),
        ("working_days", "mon,tue,wed,thu", "mon,tue,wed,thu"),
        ("reply_window_client", "4 working hours", "4 working hours"),
        ("reply_window_supplier", "48h", "48h"),
        ("cadence_client", "20/40", "20/40"),
        ("first_day_of_week", "sunday", "sun"),
        ("reminders_enabled", "off", "off"),
        ("engagement_reminder_minutes", "10", "10"),
    ],
)
def test_config_key_value_sets_it_and_config_key_shows_it(
    cli: Cli, key: str, value: str, shown: str, data_dir: Path, clock: FixedClock
) -> None:
    # GIVEN a setting WHEN it is set THEN it says so, config KEY shows it, and the app reads it
    result = cli("config", key, value)
    assert result.code == 0, result.err
    assert result.out == f"{key} = {shown}\n"
    assert cli("config", key).out == f"{shown}\n"
    p = prefs(data_dir, clock)
    if key == "reply_window_client":
        assert p.reply_window_for("client") == (4, True)
    if key == "cadence_client":
        assert p.cadence_for("client") == (20, 40)
    if key == "quiet_start":
        assert str(p.quiet_start) == "21:00:00"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("user_email", "not-an-email"), "not an email address"),
        (("quiet_start", "25:00"), "HH:MM"),
        (("work_start", "18:00"), "must start before it ends"),
        (("working_days", "funday"), "not a day"),
        (("cadence_client", "60/30"), "ideal <= limit"),
        (("reply_window_client", "soon"), "4 working hours"),
        (("user_tz", "Mars/Olympus"), "Unknown time zone"),
        (("nonsense", "1"), "There is no setting 'nonsense'"),
    ],
)
def test_config_refuses_bad_values_like_the_dialog_and_changes_nothing(
    cli: Cli, argv: tuple[str, ...], message: str
) -> None:
    before = cli("config", "--json").data
    result = cli("config", *argv)
    assert result.code != 0 and message in result.err and "Traceback" not in result.err
    assert cli("config", "--json").data == before


def test_a_clients_reply_window_in_working_hours_sets_the_promise(cli: Cli, data_dir: Path, clock: FixedClock) -> None:
    from followup.domain import Contact, Kind

    # GIVEN clients get an answer within 4 working hours (Berlin, 09:00-17:30, Mon-Fri)
    with Store.open(data_dir / "followup.db", clock) as store:
        store.contacts.add(Contact("Ana Lima", kind=Kind.CLIENT, tz="Europe/Berlin"))
    assert cli("config", "reply_window_client", "4 working hours").code == 0
    # WHEN Ana's question of Friday 11-20 at 16:00 Berlin is logged
    result = cli(
        "log", "Ana Lima", "--channel", "email", "--direction", "in", "--needs-reply", "--summary", "Q",
        "--at", "2026-11-20T16:00", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    # THEN 1.5 h count on Friday and 2.5 h on Monday: the reply is due Monday 11:30 Berlin
    (promise,) = result.data["follow_ups_opened"]
    due = [f for f in cli("due", "--until", "2026-11-30", "--json").data if f["id"] == promise]
    assert [f["due"] for f in due] == ["2026-11-23T11:30:00+01:00"]

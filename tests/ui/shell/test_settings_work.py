"""The Settings dialog reads and checks its fields with the settings table,
as `config` does (issue 12/13)."""

from __future__ import annotations

from followup.preferences import Preferences
from followup.store import Store
from ui.shell.settings_dialog import SettingsDialog


def test_per_kind_rhythms_and_reply_windows_are_saved(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the Settings dialog WHEN a client's reply window is 4 working hours and a supplier's rhythm 20/40
    dialog = SettingsDialog(store, set_autostart=lambda _on: None)
    qtbot.addWidget(dialog)
    assert dialog.work.windows["client"].text() == "default"
    dialog.work.windows["client"].setText("4 working hours")
    dialog.work.cadences["supplier"].setText("20/40")
    dialog.work.first_day.setCurrentIndex(6)
    dialog.accept()
    # THEN the app reads them
    prefs = Preferences.load(store)
    assert prefs.reply_window_for("client") == (4, True)
    assert prefs.cadence_for("supplier") == (20, 40)
    assert prefs.first_day_of_week == 6


def test_a_bad_field_is_shown_and_nothing_is_saved(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the dialog WHEN a rhythm is unreadable and the zone unknown, and OK is pressed
    dialog = SettingsDialog(store, set_autostart=lambda _on: None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.work.cadences["client"].setText("often")
    dialog.quiet_on.setChecked(False)
    dialog.accept()
    # THEN the dialog stays open and says why, and nothing was written
    assert dialog.isVisible()
    assert "30/60" in dialog.error.text()
    assert store.settings.get("quiet_hours_enabled") is None
    # AND a working day that ends before it starts is refused too
    dialog.work.cadences["client"].setText("30/60")
    from PySide6.QtCore import QTime

    dialog.work.work_end.setTime(QTime(8, 0))
    dialog.accept()
    assert "must start before it ends" in dialog.error.text()

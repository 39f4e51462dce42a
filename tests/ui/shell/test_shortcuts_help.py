"""Menus, toolbar and Help > Keyboard shortcuts come from one registry of actions."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QToolBar

from ui.shell.actions import MENUS, TOOLBAR, key_text
from ui.shell.window import MainWindow


def help_keys(window: MainWindow) -> set[str]:
    """Each key Help lists (a row may list several: "Ctrl+Q, Ctrl+W")."""
    return {key for _what, keys in window.shortcut_rows() for key in keys.split(", ")}


def live_shortcuts(window: MainWindow) -> set[str]:
    """Every key the open window answers to through a QAction or a QShortcut."""
    keys = set()
    for action in window.findChildren(QAction):
        keys |= {key_text(k) for k in action.shortcuts()}
    for shortcut in window.findChildren(QShortcut):
        keys.add(key_text(shortcut.key()))
    keys.discard("")
    return keys


def test_every_shortcut_of_the_window_is_in_help(window) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the open window WHEN its actions' shortcuts are gathered THEN Help lists each of them
    assert live_shortcuts(window) - help_keys(window) == set()
    assert {"S", "R", "Del", "Ctrl+D", "Ctrl+Shift+R", "Ctrl+,"} <= live_shortcuts(window)  # the check sees view keys


def test_every_registry_shortcut_is_in_help_and_every_help_row_is_a_real_key(window) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the registry WHEN Help is built THEN each action with a shortcut has its row, and each row a key
    rows = dict(window.shortcut_rows())
    for action in window.registry.all():
        keys = ", ".join(key_text(k) for k in action.shortcuts())
        if keys:
            assert rows[action.text().replace("&", "").rstrip("…")] == keys
    assert all(keys and not QKeySequence(keys.split(", ")[0]).isEmpty() for keys in rows.values())


def test_help_names_the_keys_that_were_missing(qtbot, modal, window) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window WHEN Help > Keyboard shortcuts opens
    seen: list[str] = []
    run = modal(lambda box: seen.append(box.text()), QMessageBox)
    window.registry.shortcuts.trigger()
    qtbot.waitUntil(lambda: run.done)
    run.check()
    # THEN it lists Reminders, Settings, Done and Today's own keys
    text = seen[0]
    for keys in ("Ctrl+Shift+R", "Ctrl+,", "Ctrl+D", "Ctrl+/"):
        assert f"<b>{keys}</b>" in text
    for what, keys in (
        ("Today: snooze", "S"),
        ("Today: reschedule", "R"),
        ("Today: skip", "Del"),
        ("Today: open", "Enter"),
    ):
        assert what in text and f"<b>{keys}</b>" in text


def test_menus_and_toolbar_hold_every_action_of_the_registry(window) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window WHEN its menus and toolbar are read
    in_menus = [a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions() if not a.isSeparator()]  # type: ignore[union-attr]
    # THEN each menu holds exactly the actions the table names, and every action is in some menu
    expected = [getattr(window.registry, n) for _title, names in MENUS for n in names if n is not None]
    assert in_menus == expected
    assert set(window.registry.all()) <= set(in_menus)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert [a for a in toolbar.actions() if not a.isSeparator()] == [getattr(window.registry, n) for n in TOOLBAR if n]

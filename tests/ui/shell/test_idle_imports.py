"""The everyday dialogs' modules are imported while the user is idle after the
first frame, a module a turn, so that the first Ctrl+D, R or new contact of a
session does not pay for its import (ui/shell/idle_imports.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from ui.shell import idle_imports
from ui.shell.idle_imports import IdleImports
from ui.shell.window import MainWindow
from ui.widgets import activity


@pytest.fixture
def idle(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Seconds since the user's last input, as the app sees it: typing (0) until a test says otherwise."""
    since = [0.0]
    monkeypatch.setattr(activity, "idle_for", lambda: since[0])
    return since


@pytest.fixture
def probes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Two modules of a test's own, never imported yet."""
    names = ["idle_probe_one", "idle_probe_two"]
    for name in names:
        (tmp_path / f"{name}.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield names
    for name in names:
        sys.modules.pop(name, None)


def test_the_modules_are_imported_a_turn_each_and_only_while_the_user_is_idle(qapp, idle, probes) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    imports = IdleImports(parent, probes)
    imports.start()
    assert imports.timer.isActive()
    # WHILE the user types THEN nothing is imported, and it tries again a little later
    for _ in range(3):
        imports.step()
        assert imports.timer.isActive() and imports.timer.interval() == IdleImports.RETRY_MS
    assert not any(name in sys.modules for name in probes)
    # WHEN the user pauses THEN each turn imports one module, in order
    idle[0] = IdleImports.IDLE_S
    imports.step()
    assert probes[0] in sys.modules and probes[1] not in sys.modules
    assert imports.timer.isActive() and imports.timer.interval() == 0  # the next one, a turn later
    imports.timer.stop()
    imports.step()
    assert imports.imported == probes and imports.done()
    assert not imports.timer.isActive()  # nothing left: no next turn


def test_a_module_imported_meanwhile_is_not_imported_again(qapp, idle, probes) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the first module imported by its dialog opening before the user paused
    parent = QObject()
    imports = IdleImports(parent, probes)
    __import__(probes[0])
    idle[0] = IdleImports.IDLE_S
    # WHEN the user pauses THEN only the other one is imported by the idle imports
    while not imports.done():
        imports.step()
    assert imports.imported == [probes[1]]


def test_the_window_imports_the_everyday_dialogs_once_painted_and_idle(qtbot, idle, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window, painted WHEN the user pauses THEN every module of the list is imported
    idle[0] = IdleImports.IDLE_S
    qtbot.waitUntil(lambda: window.findChild(IdleImports, "idleImports") is not None, timeout=5_000)
    imports = window.findChild(IdleImports, "idleImports")
    assert isinstance(imports, IdleImports)
    qtbot.waitUntil(imports.done, timeout=5_000)
    assert all(name in sys.modules for name in idle_imports.MODULES)

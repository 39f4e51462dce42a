"""The Insights view is built while the user is idle, once the window has
painted, so that the first switch to its tab does not build it; its figures
are still read only when the tab is shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui.insights.view import InsightsView
from ui.shell.insights_slot import IDLE_S, InsightsSlot, built
from ui.shell.window import MainWindow
from ui.widgets import activity


@pytest.fixture
def idle(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Seconds since the user's last input, as the app sees it: typing (0) until a test says otherwise."""
    since = [0.0]
    monkeypatch.setattr(activity, "idle_for", lambda: since[0])
    return since


def _slot(qtbot, window: MainWindow) -> InsightsSlot:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.findChild(InsightsSlot) is not None, timeout=5_000)  # once painted
    slot = window.findChild(InsightsSlot)
    assert isinstance(slot, InsightsSlot) and slot.polling()
    return slot


def test_insights_is_built_while_the_user_is_idle_and_computed_when_shown(qtbot, idle, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    slot = _slot(qtbot, window)
    # WHILE the user types THEN nothing is built
    for _ in range(3):
        slot.step()
    assert not built(window)
    # WHEN the user pauses THEN the view is built in two steps (the import, then the view)
    idle[0] = IDLE_S
    slot.step()
    assert not built(window)
    slot.step()
    assert built(window) and not slot.polling()
    view = window.findChild(InsightsView)
    assert isinstance(view, InsightsView) and not view.isVisible()
    assert view.insights is None and view.stale  # its figures are not read until it is shown
    # WHEN the user switches to Insights THEN that view is shown and reads its figures
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        window.registry.go_insights.trigger()
    assert window.insights_view is view and view.isVisible() and view.insights is not None
    view.wait()


def test_a_hidden_window_waits_to_be_shown_again(qtbot, idle, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    slot = _slot(qtbot, window)
    idle[0] = IDLE_S
    window.hide()  # closed to the tray
    slot.step()
    assert not slot.polling() and not built(window)
    window.show()
    QApplication.processEvents()
    assert slot.polling()
    slot.step()
    slot.step()
    assert built(window)


def test_a_switch_before_the_pause_builds_it_at_once(qtbot, idle, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    slot = _slot(qtbot, window)
    window.registry.go_insights.trigger()
    assert built(window)
    slot.step()  # nothing left to do
    assert not slot.polling()
    assert len(window.findChildren(InsightsView)) == 1
    window.insights_view.wait()

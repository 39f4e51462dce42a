"""The Insights view is built a slice at a time while the user is idle, once
the window has painted, so that the first switch to its tab does not build
it; a switch before then shows the page and builds the rest a slice a turn;
its figures are still read only when the tab is shown."""

from __future__ import annotations

from ui.insights.view import InsightsView
from ui.shell import insights_slot
from ui.shell.insights_slot import SlicedBuild, built
from ui.shell.window import MainWindow


def _slot(qtbot, window: MainWindow) -> SlicedBuild:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.findChild(SlicedBuild) is not None, timeout=5_000)  # once painted
    slot = window.findChild(SlicedBuild)
    assert isinstance(slot, SlicedBuild) and slot.waiting()
    return slot


def test_insights_is_built_a_slice_at_a_time_while_the_user_is_idle(qtbot, idle, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    slot = _slot(qtbot, window)
    # WHILE the user types THEN nothing is built
    for _ in range(3):
        slot.step()
    assert slot.slices == [] and window.insights_built is None
    # WHEN the user pauses THEN each step is one slice: the modules one by one,
    # then the view's frame, then its parts one by one
    idle[0] = SlicedBuild.IDLE_S
    names = []
    while not slot.done():
        slot.step()
        assert len(slot.slices) == len(names) + 1
        names.append(slot.slices[-1][0])
    assert names[: len(insights_slot.MODULES)] == list(insights_slot.MODULES)
    frame = names.index("make its frame")
    assert [n for n in names[frame + 1 :] if n.startswith("make part")] == [
        f"make part {i} of {insights_slot.PARTS}" for i in range(1, insights_slot.PARTS + 1)
    ]
    assert built(window)
    view = window.findChild(InsightsView)
    assert isinstance(view, InsightsView) and not view.isVisible()
    assert view.insights is None and view.stale  # its figures are not read until it is shown
    # WHEN the user switches to Insights THEN that view is shown and reads its figures
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        window.registry.go_insights.trigger()
    assert window.insights_view is view and view.isVisible() and view.insights is not None
    assert len(window.findChildren(InsightsView)) == 1
    view.wait()


def test_a_hidden_window_waits_to_be_shown_again(qtbot, idle, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    slot = _slot(qtbot, window)
    idle[0] = SlicedBuild.IDLE_S
    window.hide()  # closed to the tray
    slot.step()
    assert not slot.waiting() and slot.slices == []
    window.show()
    # WHEN it is shown again THEN the slices go on
    qtbot.waitUntil(lambda: len(slot.slices) > 0, timeout=5_000)


def test_a_switch_before_the_pause_shows_the_page_and_builds_the_rest_a_slice_a_turn(
    qtbot, idle, demo_window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    slot = _slot(qtbot, window)
    # GIVEN the user never paused: nothing built
    # WHEN they switch to Insights
    window.registry.go_insights.trigger()
    # THEN the switch itself builds nothing
    assert window.tabs.currentWidget() is window.insights_page
    assert slot.slices == [] and window.insights_built is None
    # AND the rest is built a slice at a time in the next turns, the user still typing
    qtbot.waitUntil(lambda: built(window), timeout=10_000)
    assert "make its frame" in [name for name, _cpu in slot.slices]
    view = window.insights_built
    assert view is not None
    # AND its figures are read and shown
    parts = (view.cards["reply"], view.weekly_chart, view.kind_table, view.internal_tree)
    qtbot.waitUntil(lambda: view.insights is not None and all(part.isVisible() for part in parts), timeout=10_000)
    assert len(window.findChildren(InsightsView)) == 1
    view.wait()


def test_the_whole_view_asked_for_midway_is_built_at_once(qtbot, idle, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    slot = _slot(qtbot, window)
    idle[0] = SlicedBuild.IDLE_S
    while window.insights_built is None:
        slot.step()
    assert not window.insights_built.is_complete()
    # WHEN something asks for the view while its parts are being made THEN it gets all of it
    view = window.insights_view
    assert view.is_complete() and view.internal_tree.parent() is not None
    while not slot.done():
        slot.step()
    assert len(window.findChildren(InsightsView)) == 1


def test_figures_arriving_before_the_parts_are_made_make_them(qtbot, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    view = InsightsView(window.store.path, window.clock, parts_later=True)
    qtbot.addWidget(view)
    assert view.make_part() == "figure cards" and not view.is_complete()
    with qtbot.waitSignal(view.insights_ready, timeout=10_000):
        view.refresh()
    assert view.is_complete()
    assert view.kind_table.rowCount() > 0 and view.cards["reply"].value.text() != "—"
    view.wait()


def test_a_window_hidden_while_the_rest_is_built_waits_to_be_shown_again(qtbot, idle, demo_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = demo_window
    slot = _slot(qtbot, window)
    # GIVEN a switch to Insights before the pause: the rest is being built a slice a turn
    window.registry.go_insights.trigger()
    # WHEN the window is closed to the tray before the next slice
    window.hide()
    slot.step()
    # THEN nothing more is built until it is shown again
    assert slot.slices == [] and not slot.waiting()
    window.show()
    qtbot.waitUntil(lambda: built(window), timeout=10_000)
    window.insights_view.wait()

"""The Insights view, built a slice at a time before its tab is first shown.

Importing the Insights modules and building the view (cards, charts, tables,
the lists of silences) was 40-110 ms of the GUI thread at the first switch to
the tab at 100,000 contacts (issue 16: every interaction within a frame).
Start-up does not pay it either: the first frame does not show Insights.

After the first frame it is built in slices (``SlicedBuild``, as the contact
page is: ui/shell/contact_page_slot.py): a module imported, the view's frame
made (its title, the period, Export, an empty grid), then its cards, charts,
tables and lists of silences a part each, then laid out at the tabs' size,
unseen. Each slice is a few milliseconds of the GUI thread in an event-loop
turn of its own, run once the user has left the keyboard and mouse for
``IDLE_S``. The figures are not read until the tab is shown.

A switch to the tab before then (``shown``) shows the page as it is and
finishes the slices in the next turns, one a turn whatever the user does
(the warm-ups left out); the figures are asked for as soon as the frame is
made, and the sections appear as they are made. Whoever asks for the whole
view (``view``: the window's ``insights_view``) gets it at once.
"""

from __future__ import annotations

import importlib
from functools import partial
from typing import TYPE_CHECKING

from ui.widgets.idle_steps import Step, WhileShown

if TYPE_CHECKING:
    from ui.insights.view import InsightsView
    from ui.shell.window import MainWindow

# What the view needs, imported a module a slice (each ~0.5-5 ms), the leaves first.
MODULES = (
    "followup.insights.period",
    "followup.insights.figures",
    "followup.insights.activity",
    "followup.insights.health",
    "followup.insights.queries",
    "followup.insights.formatting",
    "csv",
    "followup.outfile",
    "followup.insights.export",
    "followup.insights.who",
    "ui.insights.widgets",
    "ui.insights.charts",
    "ui.insights.cards",
    "ui.insights.sections",
    "ui.insights.silences",
    "ui.insights.who",
    "ui.insights.view_parts",
    "ui.insights.view",
)
PARTS = 4  # the view's parts made a slice each (ui/insights/view_parts.py)


def built(w: MainWindow) -> bool:
    """Is the whole Insights view built (the frame and every part)?"""
    view = w.insights_built
    return view is not None and view.is_complete()


class SlicedBuild(WhileShown):
    """Builds the window's Insights view a slice at a time (``start``); the
    rest in the next turns once its tab is shown (``hurry``), or at once (``finish``)."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w, "insightsBuild")
        self._w = w
        steps: list[Step] = [(name, partial(_import, name), True) for name in MODULES]
        steps += [
            ("warm up the charts' painting", _warm_up_charts, False),
            ("make its frame", self._make_frame, True),
            *((f"make part {i + 1} of {PARTS}", self._make_part, True) for i in range(PARTS)),
            ("lay it out at the tabs' size, unseen", self._lay_out, False),
        ]
        self.set_steps(steps)  # a warm-up is not needed to show the view

    def finish(self) -> InsightsView:
        """The rest of the view, now; the warm-ups are left out."""
        self.run_needed()
        view = self._w.insights_built
        assert view is not None
        return view

    def _make_frame(self) -> None:
        if self._w.insights_built is None:
            _make(self._w, parts_later=True)

    def _make_part(self) -> None:
        if (view := self._w.insights_built) is not None:
            view.make_part()

    def _lay_out(self) -> None:
        """Polished and laid out at the size it will be shown at, unless it is shown already."""
        w, view = self._w, self._w.insights_built
        page, shown = w.insights_page, w.tabs.currentWidget()
        if view is None or shown is None or shown is page:
            return
        view.ensurePolished()
        page.setGeometry(shown.geometry())
        if (layout := page.layout()) is not None:
            layout.activate()


def _import(name: str) -> None:
    importlib.import_module(name)


def _warm_up_charts() -> None:
    from ui.insights import charts

    charts.warm_up()


def _make(w: MainWindow, parts_later: bool) -> InsightsView:
    """The view's frame (and its parts, unless ``parts_later``), wired and on its page;
    its figures asked for if its tab is shown."""
    from ui.insights.view import InsightsView

    view = InsightsView(w.store.path, w.clock, w, hub=w.hub, parts_later=parts_later)
    view.log_requested.connect(w.contact_actions.log_touch_point)
    view.plan_requested.connect(w.engagements.plan_engagement)
    view.open_requested.connect(w.open_contact)
    layout = w.insights_page.layout()
    assert layout is not None
    layout.addWidget(view)
    w.insights_built = view
    if w.tabs.currentWidget() is w.insights_page:
        view.refresh_if_stale()
    return view


def builder(w: MainWindow) -> SlicedBuild:
    """The window's builder of its Insights view (made on first use)."""
    found = w.findChild(SlicedBuild, "insightsBuild")
    return found if found is not None else SlicedBuild(w)


def build_in_slices(w: MainWindow) -> None:
    """Build the view a slice at a time from now (after the first paint), while the user is idle."""
    if not built(w):
        builder(w).start()


def view(w: MainWindow) -> InsightsView:
    """The whole view, built now if need be (what is left of it, if it is being built in slices)."""
    found = w.insights_built
    if found is None:
        found = builder(w).finish()
    found.complete()
    return found


def shown(w: MainWindow) -> None:
    """Its tab is shown: the figures asked for, or the rest of the view built
    a slice a turn (or at once before the window is shown: its first frame shows it)."""
    found = w.insights_built
    if found is None and not w.isVisible():
        found = view(w)
    if found is None or not found.is_complete():
        builder(w).hurry()
    if found is not None:
        found.refresh_if_stale()

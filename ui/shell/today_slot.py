"""The Today view, built at once when the window opens on it, else a slice at
a time once the window has painted.

Importing Today's modules and building its view, model and controller was
15-20 ms of the GUI thread on every start (issue 16: a cold start at 10,000
contacts 1.66x the bare window, against 1.5x), though a window opening on
Contacts does not show it. Such a window builds it after its first frame, as
Insights is built (ui/shell/insights_slot.py): a module imported a slice,
then the view, its model and controller wired into the window, then the
panels above its list (replies to invitations, new meetings), each in an
event-loop turn of its own while the user is idle.

Whoever asks for a part (the window's ``today_view``, ``today_model`` and
``today``: a key, a menu, the tray's Done) gets the whole view at once; a
switch to its tab before then builds the rest before the tab is painted.
"""

from __future__ import annotations

import importlib
import sqlite3
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from ui.widgets.idle_steps import Step, WhileShown

if TYPE_CHECKING:
    from ui.shell.window import MainWindow
    from ui.today.controller import TodayController
    from ui.today.model import TodayModel
    from ui.today.view import TodayView

# What the view needs, imported a module a slice (each ~0.2-8 ms), the leaves first.
MODULES = (
    "ui.today.rows_diff",
    "ui.today.when",
    "ui.today.model",
    "ui.today.filter_bar",
    "ui.today.new_meetings",
    "ui.today.view",
    "followup.engine.today_filter",
    "ui.today.bulk",
    "ui.today.controller",
)
REPLIES = "the replies to invitations"


class Today(NamedTuple):
    model: TodayModel
    view: TodayView
    controller: TodayController


def built(w: MainWindow) -> bool:
    """Is Today built, with its panels?"""
    return w.today_built is not None and not _pending(w)


def parts(w: MainWindow) -> Today:
    """Today's model, view and controller, built now if need be (its panels too)."""
    if w.today_built is None or _pending(w):
        builder(w).run_needed()
    assert w.today_built is not None
    return w.today_built


def build_now(w: MainWindow) -> None:
    """For a window that opens on Today: its first frame shows it. The panel
    of replies to invitations is hidden while none waits, as it most often
    is: it is then left to after the first paint (its modules and widgets
    were 6 ms of the GUI thread, a fifth of what Today adds to a start)."""
    if w.today_built is None and not _answers_wait(w):
        builder(w).run_needed(leave=(REPLIES,))
        w.after_paint.add(lambda: build_in_slices(w))
    else:
        parts(w)


def _answers_wait(w: MainWindow) -> bool:
    from followup.mail.answers_today import any_for_today

    try:
        return any_for_today(w.store)
    except sqlite3.Error:  # (a database being restored, without the answers' tables: the panel copes)
        return True


def build_in_slices(w: MainWindow) -> None:
    """A slice at a time from now (after the first paint), while the user is idle."""
    if not built(w):
        builder(w).start()


def builder(w: MainWindow) -> SlicedBuild:
    """The window's builder of Today (made on first use)."""
    found = w.findChild(SlicedBuild, "todayBuild")
    return found if found is not None else SlicedBuild(w)


def stop(w: MainWindow) -> None:
    """No more slices (the window has gone); what is left is built if Today is asked for."""
    found = w.findChild(SlicedBuild, "todayBuild")
    if found is not None:
        found.timer.stop()


def _pending(w: MainWindow) -> bool:
    found = w.findChild(SlicedBuild, "todayBuild")
    return found is not None and not found.done()


class SlicedBuild(WhileShown):
    """Builds the window's Today a slice at a time (``start``), or the rest at once (``run_needed``);
    paused in the tray (asked for there, it is built at once)."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w, "todayBuild")
        steps: list[Step] = [(name, partial(importlib.import_module, name), True) for name in MODULES]
        steps += [
            ("make the view, its model and controller", partial(_make, w), True),
            (REPLIES, partial(_add_replies, w), True),
            ("the new meetings", partial(_add_new_meetings, w), True),
        ]
        self.set_steps(steps)


def _make(w: MainWindow) -> None:
    from ui.shell.narrow import fit_today
    from ui.today.controller import TodayController
    from ui.today.model import TodayModel
    from ui.today.view import TodayView

    model = TodayModel(w.clock.now, w.tz)
    view = TodayView(model, w.today_page)
    controller = TodayController(view, w)
    layout = w.today_page.layout()
    assert layout is not None
    layout.addWidget(view)
    view.show()  # (a child made after its parent was shown is not shown with it; else a turn later, by the layout)
    w.today_built = Today(model, view, controller)
    view.calendar_requested.connect(lambda fu, how: w.io.follow_up_to_calendar(fu.id, how))
    view.open_contact_requested.connect(w.open_contact)
    view.plan_requested.connect(lambda: w.engagements.plan_engagement())
    fit_today(w, view)
    if w.tabs.currentWidget() is w.today_page and w.pages.currentWidget() is w.tabs:
        controller.refresh_if_stale()


def _add_replies(w: MainWindow) -> None:
    from ui.mail.invitation_replies import InvitationRepliesPanel

    assert w.today_built is not None
    # Made in the view, where it shows (made without a parent, a panel with answers showed as a window of
    # its own until put in the view, and only a turn of the event loop later in it, when the window was shown)
    replies = InvitationRepliesPanel(w, w.today_built.view)  # found with today_view.findChild
    w.today_built.view.add_banner(replies)
    replies.open_requested.connect(lambda eid: w.engagements.engagement_action(eid, "answers"))


def _add_new_meetings(w: MainWindow) -> None:
    from ui.today.new_meetings import NewMeetingsPanel

    assert w.today_built is not None
    w.new_meetings = NewMeetingsPanel(w.store, w.hub, w.today_built.view)  # (made where it shows, as above)
    w.today_built.view.add_banner(w.new_meetings)

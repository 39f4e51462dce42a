"""The everyday dialogs made ready while the user is idle after the first frame.

The dialogs a user opens from the keyboard (Ctrl+D's, R's and S's time,
logging a touch point, a contact's, planning an engagement) are imported
when first opened, so that start-up does not pay for them. The first of each
then paid its import, 1-9 ms of the GUI thread, on top of its own time; and
the first of Today's two paid twice the instructions of the next ones
(issue 16: 35.1 M against 17.2 M, from Ctrl+D to the dialog painted), most
of it PySide learning the Python type of each object in it (a combo box's
list and its frame, ...) as the dialog keys' filter was handed them.

So, a step a slice, each in an event-loop turn of its own, once the user has
left the keyboard and mouse for ``IDLE_S`` (ui/widgets/idle_steps.py, as the
contact page and Insights are built: ui/shell/contact_page_slot.py,
ui/shell/insights_slot.py), their
modules are imported, and Today's two dialogs are made once, unseen, and
each object in them looked at from Python, then let go: the first Ctrl+D
is then 20.3 M instructions to painted, the first R 19.1 M (29.3 before).
Then the time zones a contact can have are listed (the tz database's
folder walked, ~7 ms once a process) and a contact's dialog is made once
the same way: the first New contact or Edit contact of a session at 100,000
contacts went from 20 ms of the GUI thread to painted to 11 ms, as the next
ones (bench/bench_dialogs.py).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QWidget

from ui.widgets.idle_steps import IdleSteps, Step

MODULES = (
    "ui.today.follow_up_dialogs",  # Ctrl+D
    "ui.widgets.when_field",  # R, S then "Pick a time…"
    "ui.widgets.datetime_edit",
    "ui.contacts.touch_point_dialog",  # log a touch point
    "ui.contacts.dialog",  # a new contact, edit a contact
    "ui.engagements.plan_dialog",  # plan an engagement
    "ui.widgets.pick_contact_dialog",  # log a touch point with no contact shown: with whom?
)
_SOME_TIME = datetime(2026, 1, 5, 9, tzinfo=UTC)  # what the unseen dialogs hold: never read


class DialogWarmUp(IdleSteps):
    """Imports ``modules`` not imported yet, then makes Today's dialogs once,
    unseen, over ``window``: a step a turn while the user is idle (``start``)."""

    def __init__(self, window: QWidget, modules: Iterable[str] = MODULES, dialogs: bool = True) -> None:
        super().__init__(window, "dialogWarmUp")
        steps: list[Step] = [
            (f"import {name}", partial(_import, name), True) for name in modules if name not in sys.modules
        ]
        if dialogs:
            steps += [
                ("make Ctrl+D's dialog once, unseen", partial(_make_once, _done_dialog, window), True),
                (
                    "make the dialog that picks a time once, unseen",
                    partial(_make_once, _pick_time_dialog, window),
                    True,
                ),
                ("list the time zones a contact can have", _time_zones, True),
                ("make the contact dialog once, unseen", partial(_make_once, _contact_dialog, window), True),
            ]
        self.set_steps(steps)

    @property
    def done_steps(self) -> list[str]:
        return [name for name, _cpu in self.slices]


def _import(name: str) -> None:
    if name not in sys.modules:  # (opened meanwhile)
        importlib.import_module(name)


def _make_once(make: Callable[[QWidget], QDialog], window: QWidget) -> None:
    """Made, never shown, each object in it looked at from Python, then let go.
    (Painting it into a picture as well saved 0.1-0.2 M more instructions: left out.)"""
    dialog = make(window)
    dialog.findChildren(QObject)
    dialog.deleteLater()


def _done_dialog(window: QWidget) -> QDialog:
    from followup.planning.model import FollowUp, Source
    from ui.today.follow_up_dialogs import DoneDialog

    unseen = FollowUp(contact_id=0, title="…", source=Source.MANUAL, due=None, channel="email", contact_name="…")
    return DoneDialog(unseen, _SOME_TIME, ZoneInfo("UTC"), window)


def _time_zones() -> None:
    from ui.contacts.dialog import all_zones

    all_zones()  # (the tz database's folder walked: ~7 ms, once a process)


def _contact_dialog(window: QWidget) -> QDialog:
    from followup.domain import Contact
    from ui.contacts.dialog import ContactDialog

    # ("Referred by" looks for people only as the user types, and nobody types in this one:
    # were it ever asked, it would find no database there rather than make a file)
    return ContactDialog(Contact(name="", tz="UTC"), Path(os.devnull), lambda _contact: None, window)


def _pick_time_dialog(window: QWidget) -> QDialog:
    from ui.widgets.datetime_edit import PickTimeDialog

    return PickTimeDialog("…", "…", _SOME_TIME, ZoneInfo("UTC"), window, now=lambda: _SOME_TIME)

"""The everyday dialogs' modules, imported while the user is idle after the first frame.

The dialogs a user opens from the keyboard (Ctrl+D's, R's and S's time,
logging a touch point, a contact's, planning an engagement) are imported
when first opened, so that start-up does not pay for them. The first of each
then paid its import, 1-9 ms of the GUI thread, on top of the dialog's own
time (issue 16: the session's first Ctrl+D was 16 ms to its dialog running,
the others 4-7; 9.3 ms with its modules imported before). So they are
imported a module a slice, each in an event-loop turn of its own, once the
user has left the keyboard and mouse for ``IDLE_S``, as the contact page and
Insights are built (ui/shell/contact_page_slot.py, ui/shell/insights_slot.py).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer

from ui.widgets import activity

MODULES = (
    "ui.today.follow_up_dialogs",  # Ctrl+D
    "ui.widgets.when_field",  # R, S then "Pick a time…"
    "ui.widgets.datetime_edit",
    "ui.contacts.touch_point_dialog",  # log a touch point
    "ui.contacts.dialog",  # a new contact, edit a contact
    "ui.engagements.plan_dialog",  # plan an engagement
)


class IdleImports(QObject):
    """Imports ``modules`` not imported yet, one a turn while the user is idle (``start``)."""

    IDLE_S = 0.15  # a module is imported once the user has left the keyboard and mouse this long
    RETRY_MS = 50

    def __init__(self, parent: QObject, modules: Iterable[str] = MODULES) -> None:
        super().__init__(parent)
        self.setObjectName("idleImports")
        self.imported: list[str] = []
        self._left = [name for name in modules if name not in sys.modules]
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.step)

    def start(self) -> None:
        if self._left:
            self.timer.start(0)

    def done(self) -> bool:
        return not self._left

    def step(self) -> None:
        """One module, if the user is idle; else try again a little later."""
        if not self._left:
            return
        if activity.idle_for() < self.IDLE_S:
            self.timer.start(self.RETRY_MS)
            return
        name = self._left.pop(0)
        if name not in sys.modules:  # (opened meanwhile)
            importlib.import_module(name)
            self.imported.append(name)
        if self._left:
            self.timer.start(0)  # the next after what is waiting (input, paints)

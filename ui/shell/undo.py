"""Edit > Undo: the window's stack of undo steps.

A feature offers a step through ``Shell.offer_undo``; the step runs through
``ops.run`` (an error is shown once, titled with what was being undone) and
tells the hub what it touched itself. A step may return a sentence saying
what else it changed (a promise open again), shown in the status bar, or the
job it started on the worker (ui/ops/long_write.py): that job says when it is
done, and offers the step again if it was cancelled or failed.

A Ctrl+Z pressed while an action is still being written on the worker
(``ui/ops/pending.py``: a Today action's 10–50 ms at 100,000 contacts, a bulk
action before its progress dialog shows) waits for it: once it has landed and
offered its own step, that step is undone. Undone at once, it would have
undone the action before it. If the write failed, nothing is undone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from followup.changes import Changes
from ui.ops import pending
from ui.ops.changes import ChangesHub
from ui.ops.jobs import ProgressJob
from ui.ops.operations import FAILED, run


class UndoStack(QObject):
    def __init__(
        self, action: QAction, hub: ChangesHub, parent: QWidget, show_status: Callable[[str, int], None]
    ) -> None:
        super().__init__(parent)
        self._action, self._hub, self._parent, self._show_status = action, hub, parent, show_status
        self._steps: list[tuple[str, Callable[[], object]]] = []
        self._pushed = 0  # steps offered so far
        self._asked: tuple[int, bool] | None = None  # a Ctrl+Z waiting for the writes under way: when it came,
        # the steps offered so far and whether an undo of ours was one of those writes
        self._undoing = False  # an undo of ours runs on the worker (ui/ops/long_write.py)
        pending.signals().changed.connect(self._writes_changed)

    def push(self, description: str, undo: Callable[[], object]) -> None:
        self._steps.append((description, undo))
        self._pushed += 1
        self._label()

    def undo(self) -> None:
        if pending.any_pending():
            if self._asked is None:
                self._asked = (self._pushed, self._undoing)
                self._show_status("Undo: waiting for the last change to be saved…", 0)
            return
        if not self._steps:
            return
        description, fn = self._steps.pop()
        said = run(self._hub, self._parent, f"Undo {description}", fn, Changes())
        self._label()
        if isinstance(said, ProgressJob):
            self._undoing = pending.any_pending()
        if said is FAILED or isinstance(said, ProgressJob):
            return
        extra = f" {said}" if isinstance(said, str) and said else ""
        self._show_status(f"Undid {description}.{extra}", 8000)

    def clear(self) -> None:
        """Forget every step (the data they would undo was replaced)."""
        self._steps.clear()
        self._asked = None
        self._label()

    def _writes_changed(self) -> None:
        self._label()
        if not pending.any_pending():
            self._undoing = False
            if self._asked is not None:
                QTimer.singleShot(0, self, self._undo_asked)  # once the reporting write's own slot has returned

    def _undo_asked(self) -> None:
        if self._asked is None or pending.any_pending():
            return
        (pushed, after_undo), self._asked = self._asked, None
        if self._pushed > pushed or after_undo:  # that write's own step, or the one before an undo
            self.undo()
        else:  # the write failed or was cancelled: the step before it is not what Ctrl+Z was for
            self._show_status("Nothing was undone: the last change was not saved.", 8000)

    def _label(self) -> None:
        # while a write is under way, Ctrl+Z is taken: it undoes that write once landed
        self._action.setEnabled(bool(self._steps) or pending.any_pending())
        self._action.setText(f"&Undo {self._steps[-1][0]}" if self._steps else "&Undo")

"""Edit > Undo: the window's stack of undo steps.

A feature offers a step through ``Shell.offer_undo``; the step runs through
``ops.run`` (an error is shown once, titled with what was being undone) and
tells the hub what it touched itself. A step may return a sentence saying
what else it changed (a promise open again), shown in the status bar, or the
job it started on the worker (ui/ops/long_write.py): that job says when it is
done, and offers the step again if it was cancelled or failed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from followup.changes import Changes
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

    def push(self, description: str, undo: Callable[[], object]) -> None:
        self._steps.append((description, undo))
        self._label()

    def undo(self) -> None:
        if not self._steps:
            return
        description, fn = self._steps.pop()
        said = run(self._hub, self._parent, f"Undo {description}", fn, Changes())
        self._label()
        if said is FAILED or isinstance(said, ProgressJob):
            return
        extra = f" {said}" if isinstance(said, str) and said else ""
        self._show_status(f"Undid {description}.{extra}", 8000)

    def clear(self) -> None:
        """Forget every step (the data they would undo was replaced)."""
        self._steps.clear()
        self._label()

    def _label(self) -> None:
        self._action.setEnabled(bool(self._steps))
        self._action.setText(f"&Undo {self._steps[-1][0]}" if self._steps else "&Undo")

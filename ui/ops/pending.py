"""Writes queued on the worker that have not reported yet.

``worker_write`` and ``long_write`` say here when one starts and when one has
reported (after its ``then`` has run): Edit > Undo waits for them, so that a
Ctrl+Z pressed while an action is still being written undoes that action
once it has landed, never the one before it (ui/shell/undo.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Pending(QObject):
    changed = Signal()


_signals: _Pending | None = None


def signals() -> _Pending:
    """The one object whose ``changed`` says a write started or reported."""
    global _signals
    if _signals is None:
        _signals = _Pending()
    return _signals


def changed() -> None:
    if _signals is not None:
        _signals.changed.emit()


def then_changed(report: Callable[..., Any]) -> Callable[..., None]:
    """``report`` (a write's finished, failed or cancelled slot), then ``changed()``, even if it raised."""

    def reported(*args: Any) -> None:
        try:
            report(*args)
        finally:
            changed()

    return reported


def any_pending() -> bool:
    """Whether a write on the worker is still to report."""
    from ui.ops.long_write import running
    from ui.ops.worker_write import writing

    return writing() or running()

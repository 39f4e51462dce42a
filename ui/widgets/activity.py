"""When the user last typed, clicked, scrolled or moved the mouse.

Work that must stall the window for a moment (a full pass of the cycle
collector over 100,000 list rows: 90-140 ms) waits for a pause in the
user's input rather than landing under a keystroke. Each top-level
window's watch (ui/widgets/window_watch.py) notes input here, and the dialog
keys' filter on the application while a dialog is shown (ui/widgets/dialog_keys.py).
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)
_last = [-math.inf]  # time.monotonic() of the last input; none yet: idle for ever


def note() -> None:
    _last[0] = time.monotonic()


def last_input() -> float:
    """``time.monotonic()`` of the last input noted (-inf: none yet). Safe to
    read from the worker: work there stops when it changes."""
    return _last[0]


def idle_for() -> float:
    """Seconds since the last input (infinite before the first); none while a
    popup is open (a menu, a combo box's list, a completer): the user is
    reading or hovering it, and its window, which never takes the focus, is
    not watched for input (ui/widgets/window_watch.py)."""
    if QApplication.activePopupWidget() is not None:
        note()  # idle from when it was last seen open
        return 0.0
    return time.monotonic() - _last[0]

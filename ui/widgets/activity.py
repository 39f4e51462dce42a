"""When the user last typed, clicked, scrolled or moved the mouse.

Work that must stall the window for a moment (a full pass of the cycle
collector over 100,000 list rows: 90-140 ms) waits for a pause in the
user's input rather than landing under a keystroke. The application-wide
event filter (ui/widgets/dialog_keys.py) notes each input event here.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent

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


def idle_for() -> float:
    """Seconds since the last input (infinite before the first)."""
    return time.monotonic() - _last[0]

"""How long work reports how far it got and learns that the user cancelled.

Qt-free: the core's slow functions (imports, exports, demo data) take these as
arguments; the UI's background executor (ui/ops/jobs.py) supplies them.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total)
CancelCheck = Callable[[], bool]  # True: the user cancelled; stop now, write nothing

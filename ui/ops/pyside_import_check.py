"""PySide6's check of every imported module, made cheap (issue 16).

PySide6 6.x (PYSIDE-2029, ``shibokensupport/feature.py``) asks of every
module imported after it whether it uses PySide, to decide which of its
``__feature__`` switches the module sees: it reads the module's whole source
with ``inspect.getsource`` and looks for the word "PySide6". At start-up the
window imports ~180 modules after PySide6, and those reads were ~20-25 ms of
the start (against ~5 ms for a bare Qt window). The same question is
answered here from the file's bytes; anything that is not a plain ``.py``
file (no file, sourceless, unreadable) is left to PySide's own check.
Followup uses no ``__feature__``; the answer is the same either way
(tests/ui/ops/test_pyside_import_check.py compares both on every loaded module).
main.py installs it before it imports the window.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_followup_reads_bytes"


def install() -> None:
    """Replace PySide's check with :func:`uses_pyside` (once; nothing if PySide changed)."""
    import PySide6.QtCore  # noqa: F401  (loads shibokensupport.feature and its import hook)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original) or getattr(original, _MARK, False):
        return
    check = _reading_bytes(original)
    setattr(check, _MARK, True)
    functools.update_wrapper(check, original)  # its name, and PySide's own as __wrapped__ (for the test)
    feature._mod_uses_pyside = check  # type: ignore[attr-defined]


def _reading_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    return uses_pyside

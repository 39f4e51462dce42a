"""PySide6's "does this module use PySide?" check, read from the file's bytes
(ui/ops/pyside_import_check.py), answers as PySide's own for every module."""

from __future__ import annotations

import sys

import ui.app  # noqa: F401  (the window's modules are loaded, as at start-up)
from ui.ops.pyside_import_check import install


def test_the_check_is_installed_and_answers_as_pyside_s_own() -> None:
    # GIVEN the UI loaded and the check installed (as main.py does): PySide's own is kept beside it
    install()
    install()  # a second time changes nothing
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    original = check.__wrapped__
    modules = [m for m in list(sys.modules.values()) if m is not None]
    # WHEN both are asked about every module loaded (ours, the standard library's, PySide's, the tests')
    ours = {m.__name__: check(m) for m in modules}
    theirs = {m.__name__: original(m) for m in modules}
    # THEN they agree on each, and both find PySide in the UI and not in the core
    assert ours == theirs
    assert ours["ui.app"] and ours["ui.shell.window"]
    assert not ours["followup.store.store"] and not ours["json"]

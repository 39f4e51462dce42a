"""Guards against a broken Qt binding.

PySide6 6.12.0 on Python 3.11 returned None from void methods without counting
the reference: None's count ran down and the app aborted ("none_dealloc")
after opening a handful of contacts. pyproject.toml keeps 3.11 on < 6.12; this
test fails if a binding with that bug is ever installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_methods_do_not_leak_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a widget
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    # WHEN a method that returns nothing is called many times
    for _ in range(2000):
        label.setText("x")
    # THEN None's reference count has not run down (on 3.12+ None is immortal
    # and the count is constant anyway)
    assert sys.getrefcount(None) >= before - 50

"""The QLocale the UI tests see: pinned to British English (24-hour, Monday
first, "Mon, 23 Nov 2026") so that no test depends on the machine's locale;
``use_locale`` switches it for one test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QLocale

PINNED = "en_GB"


@contextmanager
def use_locale(name: str) -> Iterator[QLocale]:
    before = QLocale()
    QLocale.setDefault(QLocale(name))
    try:
        yield QLocale()
    finally:
        QLocale.setDefault(before)

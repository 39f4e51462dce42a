"""The faster line folding (followup/calendar/icalendar_fold.py) gives exactly
what icalendar's own folding gives, on every kind of line."""

from __future__ import annotations

import random

import pytest
from icalendar.parser import content_line
from icalendar.parser.string import _foldline as icalendar_foldline

from followup.calendar import icalendar_fold
from followup.calendar.icalendar_fold import foldline

_ALPHABET = "abc XYZ 0123,;:\\^\"'é€日本語🙂\u0301\t"


def _lines() -> list[str]:
    rng = random.Random(16)
    lines = ["", "a", "x" * 73, "x" * 74, "x" * 75, "x" * 76, "x" * 300, "é" * 37, "é" * 38, "🙂" * 19, "🙂" * 40]
    lines += ["x" * 73 + "\\n" + "y" * 80, "x" * 72 + "\\,z" * 40, "^" * 200, "\\" * 151, "x" * 73 + "é" * 3]
    lines += ["DESCRIPTION:" + "Last touch point: Wed 02 Dec 2026\\, email: " * 5]
    for _ in range(3000):
        lines.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 400))))
    return lines


@pytest.mark.parametrize("limit", [75, 10, 6])  # 6: room for an escape and a 4-octet character
def test_the_fast_folding_is_icalendars_folding(limit: int) -> None:
    # GIVEN lines of every length around the limit, in ASCII and in 2-, 3- and 4-octet
    # characters, with backslash and caret escapes at every position
    for line in _lines():
        # WHEN both fold it THEN they agree to the character
        assert foldline(line, limit) == icalendar_foldline(line, limit), line


def test_install_puts_it_where_icalendar_folds_content_lines() -> None:
    # GIVEN the module installed (the calendar export installs it)
    icalendar_fold.install()
    # THEN icalendar's content lines fold with it, and installing again changes nothing
    assert content_line._foldline is foldline
    icalendar_fold.install()
    assert content_line._foldline is foldline

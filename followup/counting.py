"""Counts as people write them: "3,068", "1 reply", "3,068 replies".

The rule the Insights figures (followup/insights/formatting.py), the command
line and the window (ui/widgets/counts.py) share; a module of its own so that
the window's start-up does not import the Insights package to write "1 contact".
"""

from __future__ import annotations


def count(n: int) -> str:
    """``3068`` → ``"3,068"``."""
    return f"{n:,}"


def plural(n: int, one: str, many: str | None = None) -> str:
    """``"1 reply"``, ``"3,068 replies"``."""
    return f"{count(n)} {one if n == 1 else (many or one + 's')}"

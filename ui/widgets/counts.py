"""Counts as people write them: "1 contact", "3,068 contacts", "no touch
points" (issue 15). The rule is the core's (followup/counting.py),
so the window and the command line say the same."""

from __future__ import annotations

from followup.counting import plural

__all__ = ["plural", "plural_or_none"]


def plural_or_none(n: int, one: str, many: str | None = None) -> str:
    """``"no touch points"``, ``"1 touch point"``, ``"12 touch points"``."""
    return f"no {many or one + 's'}" if n == 0 else plural(n, one, many)

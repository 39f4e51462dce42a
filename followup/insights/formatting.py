"""Figures written for people, alike in the Insights view and the CLI.

Counts have thousands separators ("3,068"). A share needs a base to mean
something: below :data:`MIN_SHARE_BASE` it is written as "1 of 1" rather
than "100%", and the 90th percentile of reply times ("9 in 10 within …") is
only given from :data:`MIN_P90_BASE` replies up. The JSON and CSV exports
keep the exact values: these rules are for reading.
"""

from __future__ import annotations

from followup.counting import count, plural

__all__ = [
    "MIN_P90_BASE",
    "MIN_SHARE_BASE",
    "SMALL_P90_TIP",
    "SMALL_SHARE_TIP",
    "count",
    "plural",
    "share_shown",
    "share_text",
]

MIN_SHARE_BASE = 5  # below this, "3 of 4" says more than "75%"
MIN_P90_BASE = 10  # "9 in 10" needs ten to speak of

SMALL_SHARE_TIP = (
    f"Fewer than {MIN_SHARE_BASE} to count from: the plain count is shown, a percentage would say more than it knows."
)
SMALL_P90_TIP = f"The 90th percentile is given from {MIN_P90_BASE} replies up; with fewer it would be one reply's time."


def share_shown(whole: int) -> bool:
    """Is there enough to count from for a percentage?"""
    return whole >= MIN_SHARE_BASE


def share_text(part: int, whole: int) -> str:
    """``"85%"``, or ``"1 of 1"`` when the base is small, or ``"—"`` when there is none."""
    if whole <= 0:
        return "—"
    if not share_shown(whole):
        return f"{count(part)} of {count(whole)}"
    return f"{part / whole:.0%}"

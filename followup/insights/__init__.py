"""Insights: how well promises are kept, figures for a period.

Qt-free; the view in ``ui/insights/view.py`` and the ``insights`` command
both call :func:`compute`.
"""

from followup.insights.figures import Figures, Insights, Outcomes, Silence, Week
from followup.insights.period import Period, parse_period, this_month, this_quarter, this_week
from followup.insights.queries import compute

__all__ = [
    "Figures",
    "Insights",
    "Outcomes",
    "Period",
    "Silence",
    "Week",
    "compute",
    "parse_period",
    "this_month",
    "this_quarter",
    "this_week",
]

"""Insights: how well promises are kept, figures for a period.

Qt-free; the view in ``ui/insights/view.py`` and the ``insights`` command
both call :func:`compute`.

The names below are read from their modules when first asked for (PEP 562),
so that importing one module of the package (``followup.insights.period``)
does not import them all: the window imports the Insights modules one at a
time, a few milliseconds each, while the user is idle (ui/shell/insights_slot.py);
the package's three modules at once were 13 ms of the GUI thread.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.insights.figures import Figures, Insights, Outcomes, Silence, Week
    from followup.insights.period import Period, parse_period, this_month, this_quarter, this_week
    from followup.insights.queries import compute

_MODULE_OF = {
    **dict.fromkeys(("Figures", "Insights", "Outcomes", "Silence", "Week"), "followup.insights.figures"),
    **dict.fromkeys(("Period", "parse_period", "this_month", "this_quarter", "this_week"), "followup.insights.period"),
    "compute": "followup.insights.queries",
}

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


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value  # asked once
    return value

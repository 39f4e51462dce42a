"""The figures as CSV, and as JSON-ready data, for spreadsheets and scripts.

A CSV opened in a spreadsheet runs any cell that starts like a formula, so a
contact called ``=HYPERLINK(...)`` could act on the user's machine (CSV
injection, OWASP). Every cell that starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return is prefixed with a single quote, which spreadsheets
show as text.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from followup import outfile
from followup.insights.figures import Insights

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["section", "figure", "scope", "value"]


def guard_cell(value: object) -> str:
    """A cell's text, made inert if a spreadsheet would read it as a formula."""
    text = "" if value is None else _text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def rows(insights: Insights) -> list[list[object]]:
    """One row per figure: section, figure, scope ("all", a kind, a phase,
    a source, a week or a contact) and value (empty when there is none)."""
    out: list[list[object]] = [
        ["period", "start", "all", insights.period.start.isoformat()],
        ["period", "end", "all", insights.period.end.isoformat()],
        ["period", "now", "all", insights.now.isoformat()],
        ["period", "reply_window_hours", "all", insights.reply_window_hours],
    ]
    scopes = [("all", insights.overall), *insights.by_kind.items()]
    for scope, figures in scopes:
        for name, value in figures.as_dict().items():
            out.append(["figures", name, scope, value])
    for section, groups in (
        ("followups_by_phase", insights.followups_by_phase),
        ("followups_by_source", insights.followups_by_source),
    ):
        for scope, outcomes in groups.items():
            for name in ("on_time", "late", "skipped", "overdue"):
                out.append([section, name, scope, getattr(outcomes, name)])
    for week in insights.weeks:
        scope = week.monday.isoformat()
        for channel, count in sorted(week.by_channel.items()):
            out.append(["touch_points_by_channel", channel, scope, count])
        for kind, count in sorted(week.by_kind.items()):
            out.append(["touch_points_by_kind", kind, scope, count])
        out.append(["satisfaction_by_week", "average", scope, week.satisfaction_average])
    for s in insights.silences:
        out.append([f"{s.health}_contacts", "days_silent", s.name, s.days])
    return out


def to_csv(insights: Insights) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows(insights):
        writer.writerow([guard_cell(cell) for cell in row])
    return buffer.getvalue()


def write_csv(insights: Insights, path: Path | str | outfile.Target) -> None:
    # utf-8-sig: Excel reads accented names right only with the byte-order mark
    outfile.write(path, to_csv(insights).encode("utf-8-sig"))


def _round(value: Any) -> Any:
    return round(value, 2) if isinstance(value, float) else value


def to_json(insights: Insights, tz: ZoneInfo) -> dict[str, Any]:
    """The figures for scripts; hours and shares rounded to two decimals."""

    def local(instant: datetime) -> str:
        return instant.astimezone(tz).isoformat()

    data: dict[str, Any] = {
        "period": {
            "label": insights.period.label,
            "start": local(insights.period.start),
            "end": local(insights.period.end),
        },
        "now": local(insights.now),
        "reply_window_hours": insights.reply_window_hours,
    }
    data.update({k: _round(v) for k, v in insights.overall.as_dict().items()})
    data["by_kind"] = {kind: {k: _round(v) for k, v in f.as_dict().items()} for kind, f in insights.by_kind.items()}
    for key, groups in (
        ("followups_by_phase", insights.followups_by_phase),
        ("followups_by_source", insights.followups_by_source),
    ):
        data[key] = {
            name: {"on_time": o.on_time, "late": o.late, "skipped": o.skipped, "overdue": o.overdue}
            for name, o in groups.items()
        }
    data["weeks"] = [
        {
            "week": w.monday.isoformat(),
            "touch_points": w.total,
            "by_channel": dict(sorted(w.by_channel.items())),
            "by_kind": dict(sorted(w.by_kind.items())),
            "satisfaction_average": _round(w.satisfaction_average),
        }
        for w in insights.weeks
    ]
    data["silences"] = [
        {
            "contact_id": s.contact_id,
            "name": s.name,
            "kind": s.kind,
            "health": s.health,
            "days": s.days,
            "never_touched": s.never_touched,
            "ideal": s.ideal,
            "limit": s.limit,
            "internal": s.internal,
        }
        for s in insights.silences
    ]
    return data

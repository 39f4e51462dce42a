"""The Insights view's charts and tables, filled from the figures
(ui/insights/view.py lays them out)."""

from __future__ import annotations

from followup.domain import Channel, Kind
from followup.insights import Insights
from followup.insights.formatting import SMALL_SHARE_TIP, count, share_text
from ui.insights.charts import HorizontalBarChart, StackedBarChart, TrendChart
from ui.insights.widgets import FigureTable, colour, fill_table, hours_text
from ui.style import theme
from ui.widgets.when_text import date_text

CHANNEL_COLOURS = {
    Channel.EMAIL: "#2f6fdf",
    Channel.PHONE: "#2e8b57",
    Channel.VIDEO: "#8a3fd1",
    Channel.IN_PERSON: "#c77700",
    Channel.TEXT: "#607080",
}


def show_charts(
    weekly_chart: StackedBarChart,
    kind_chart: HorizontalBarChart,
    satisfaction_chart: TrendChart,
    r: Insights,
    over: str,
) -> None:
    """Touch points per week by channel, by kind, and satisfaction per week."""
    weeks = [date_text(w.monday, weekday=False, year=False) for w in r.weeks]
    weekly_chart.set_data(
        weeks,
        [(c.label, colour(CHANNEL_COLOURS[c]), [w.by_channel.get(c.value, 0) for w in r.weeks]) for c in Channel],
    )
    weekly_chart.setToolTip(
        f"Touch points logged in {over}, per calendar week (by its Monday), stacked by channel. "
        "The first and last weeks may be partial."
    )
    kind_chart.set_data(
        [
            (k.label, theme.kind_colour(k), r.by_kind[k.value].touch_points, count(r.by_kind[k.value].touch_points))
            for k in Kind
        ]
    )
    kind_chart.setToolTip(f"Touch points logged in {over}, by the contact's kind.")
    satisfaction_chart.set_data(weeks, [w.satisfaction_average for w in r.weeks])
    satisfaction_chart.setToolTip(
        f"The mean satisfaction score (1 to 5) per week in {over}; gaps are weeks without scores."
    )


def show_kinds(kind_table: FigureTable, r: Insights) -> None:
    """Replies, follow-ups and drift, one row per kind of contact."""
    rows = []
    for kind in Kind:
        f = r.by_kind[kind.value]
        rows.append(
            [
                kind.label + (" (internal)" if kind.internal else ""),
                hours_text(f.reply_time_median_hours),
                share_text(f.replies_within_promise, f.replies_answered),
                count(f.replies_waiting),
                share_text(f.followups_done_on_time, f.followups_due),
                count(f.drifting_contacts),
                count(f.overdue_contacts),
                count(f.touch_points),
            ]
        )
    tips = [
        "",
        "Median time to answer a message that needed one, over replies made in the period",
        f"Replies made in the period within the {r.reply_window_hours}-hour promise. {SMALL_SHARE_TIP}",
        "Messages still waiting for an answer now",
        f"Follow-ups due in the period that were done on time. {SMALL_SHARE_TIP}",
        "Contacts past their ideal interval now",
        "Contacts past their limit now",
        "Touch points logged in the period",
    ]
    fill_table(kind_table, rows, tips)


def show_outcomes(outcome_table: FigureTable, r: Insights, over: str) -> None:
    """Follow-ups that fell due in the period, by phase and by source."""
    rows = []
    for name, outcomes in [
        *((f"Phase: {k.capitalize()}", o) for k, o in r.followups_by_phase.items()),
        *((f"Source: {_SOURCE_LABELS.get(k, k)}", o) for k, o in r.followups_by_source.items()),
    ]:
        rows.append([name, *(count(n) for n in (outcomes.on_time, outcomes.late, outcomes.skipped, outcomes.overdue))])
    fill_table(outcome_table, rows, [])
    outcome_table.setToolTip(
        f"Follow-ups that fell due in {over}, by the phase of their engagement (before, during, after) and by "
        "where they came from; on time means done at or before the due time."
    )


_SOURCE_LABELS = {"plan": "Plans", "cadence": "Stay in touch", "reply": "Reply promises", "manual": "Manual"}

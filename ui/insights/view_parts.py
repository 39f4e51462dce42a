"""The Insights view's parts below its frame, each made on its own.

The view's frame (its title, the period, Export, the scrolled grid) is made
by ``InsightsView``; the figure cards, the charts, the tables and the lists of
silences are each made and placed in the grid by one function here. The
window makes them a part at a time, a few milliseconds each, while the user is
idle or once the tab is shown (ui/shell/insights_slot.py); made at once, the
view was 15-25 ms of the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ui.insights.cards import WHO_HINT
from ui.insights.charts import HorizontalBarChart, StackedBarChart, TrendChart
from ui.insights.silences import SilenceList
from ui.insights.who import WHO
from ui.insights.widgets import FigureCard, figure_table, section

if TYPE_CHECKING:
    from ui.insights.view import InsightsView

CARDS = (
    ("reply", "Median reply time"),
    ("promise", "Replies within the promise"),
    ("waiting", "Waiting for your reply"),
    ("on_time", "Follow-ups on time"),
    ("health", "Drifting away"),
    ("difficult", "Difficult conversations"),
    ("satisfaction", "Satisfaction"),
    ("referrals", "Referrals"),
)
# The grid's rows: the cards take rows 0-1, four columns.
CHARTS_ROW, KINDS_ROW, OUTCOMES_ROW, SILENCES_ROW = 2, 4, 6, 8


def cards(view: InsightsView) -> None:
    view.cards = {key: FigureCard(title) for key, title in CARDS}
    for key in WHO:
        view.cards[key].set_clickable(WHO_HINT)
        view.cards[key].clicked.connect(lambda k=key: view.show_who(k))
    columns, view.card_columns = view.card_columns, 0  # laid out as the view's width asks (resizeEvent)
    view.reflow_cards(columns)


def charts(view: InsightsView) -> None:
    grid, row = view.grid, CHARTS_ROW
    view.weekly_chart = StackedBarChart()
    view.kind_chart = HorizontalBarChart()
    view.satisfaction_chart = TrendChart()
    view.satisfaction_chart.empty_text = "No satisfaction scores in this period."
    grid.addWidget(section("Touch points per week, by channel", view.weekly_chart.toolTip()), row, 0, 1, 2)
    grid.addWidget(section("Touch points by kind of contact"), row, 2, 1, 2)
    grid.addWidget(view.weekly_chart, row + 1, 0, 1, 2)
    grid.addWidget(view.kind_chart, row + 1, 2, 1, 2)  # (satisfaction's is placed with the tables, beside one)


def tables(view: InsightsView) -> None:
    grid = view.grid
    view.kind_table = figure_table(
        ["Kind", "Median reply", "Within promise", "Waiting", "On time", "Drifting", "Overdue", "Touch points"]
    )
    view.outcome_table = figure_table(["", "On time", "Late", "Skipped", "Still open"])
    grid.addWidget(section("By kind of contact"), KINDS_ROW, 0, 1, 4)
    grid.addWidget(view.kind_table, KINDS_ROW + 1, 0, 1, 4)
    grid.addWidget(section("Follow-ups due in the period"), OUTCOMES_ROW, 0, 1, 2)
    grid.addWidget(section("Satisfaction per week"), OUTCOMES_ROW, 2, 1, 2)
    grid.addWidget(view.outcome_table, OUTCOMES_ROW + 1, 0, 1, 2)
    grid.addWidget(view.satisfaction_chart, OUTCOMES_ROW + 1, 2, 1, 2)


def silences(view: InsightsView) -> None:
    view.internal_tree = SilenceList("Internal: colleagues and managers")
    view.external_tree = SilenceList("External: clients, suppliers, partners, others")
    for tree in (view.internal_tree, view.external_tree):
        tree.log_requested.connect(view.log_requested)
        tree.plan_requested.connect(view.plan_requested)
    view.grid.addWidget(section("Longest silences (now)"), SILENCES_ROW, 0, 1, 4)
    view.grid.addWidget(view.internal_tree, SILENCES_ROW + 1, 0, 1, 2)
    view.grid.addWidget(view.external_tree, SILENCES_ROW + 1, 2, 1, 2)


PARTS: tuple[tuple[str, Callable[[InsightsView], None]], ...] = (
    ("figure cards", cards),
    ("charts", charts),
    ("tables", tables),
    ("lists of silences", silences),
)

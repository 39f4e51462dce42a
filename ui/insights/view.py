"""The Insights view: how well promises were kept over a period.

Numbers people read (figure cards), charts people look at (touch points per
week by channel, by kind, satisfaction), the contacts drifting away with a
one-click Log or Plan, and an Export CSV button. Every figure comes from
``followup.insights`` on a worker thread with its own database connection;
the result arrives by signal, so the view never blocks.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from followup.clock import Clock
from followup.domain import Channel, Kind
from followup.insights import Insights, Period, compute, this_month, this_quarter, this_week
from followup.insights.export import write_csv
from followup.insights.period import between_dates, last_days
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone
from ui.insights.charts import HorizontalBarChart, StackedBarChart, TrendChart
from ui.insights.widgets import (
    CustomPeriodDialog,
    FigureCard,
    SilenceList,
    colour,
    figure_table,
    fill_table,
    hours_text,
    percent,
    section,
)
from ui.ops.jobs import TaskRunner
from ui.style import theme

LAST_30, WEEK, MONTH, QUARTER, CUSTOM = "Last 30 days", "This week", "This month", "This quarter", "Custom…"
# Last 30 days first: a rolling window is never empty on a Monday morning.
PERIODS = (LAST_30, WEEK, MONTH, QUARTER, CUSTOM)
CHANNEL_COLOURS = {
    Channel.EMAIL: "#2f6fdf",
    Channel.PHONE: "#2e8b57",
    Channel.VIDEO: "#8a3fd1",
    Channel.IN_PERSON: "#c77700",
    Channel.TEXT: "#607080",
}


class InsightsView(QWidget):
    """Signals: ``log_requested(contact_id)`` and ``plan_requested(contact_id)``
    from a drifting contact's one-click buttons; ``insights_ready(Insights)``
    each time figures arrive; ``failed(str)`` if computing them failed."""

    log_requested = Signal(int)
    plan_requested = Signal(int)
    insights_ready = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._tasks = TaskRunner(db_path, clock, self)
        self._request = 0
        self._custom: tuple[date, date] | None = None
        self.insights: Insights | None = None

        self.title = QLabel("Insights")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel("Computing…")
        self.summary.setStyleSheet(f"color: {theme.muted().name()};")
        self.period_combo = QComboBox()
        self.period_combo.addItems(PERIODS)
        self.period_combo.setAccessibleName("Period")
        self.period_combo.setToolTip("The period the figures cover, on your calendar (weeks start on Monday)")
        self.period_combo.setCurrentIndex(0)
        self.period_combo.activated.connect(self._on_period_combo_activated)
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.setToolTip(
            "Save every figure of this period as a CSV file (cells that would start a formula are quoted)"
        )
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_clicked)

        self.cards = {
            key: FigureCard(title)
            for key, title in (
                ("reply", "Median reply time"),
                ("promise", "Replies within the promise"),
                ("waiting", "Waiting for your reply"),
                ("on_time", "Follow-ups on time"),
                ("health", "Drifting away"),
                ("difficult", "Difficult conversations"),
                ("satisfaction", "Satisfaction"),
                ("referrals", "Referrals"),
            )
        }
        self.weekly_chart = StackedBarChart()
        self.kind_chart = HorizontalBarChart()
        self.satisfaction_chart = TrendChart()
        self.satisfaction_chart.empty_text = "No satisfaction scores in this period."
        self.kind_table = figure_table(
            ["Kind", "Median reply", "Within promise", "Waiting", "On time", "Drifting", "Overdue", "Touch points"]
        )
        self.outcome_table = figure_table(["", "On time", "Late", "Skipped", "Still open"])
        self.internal_tree = SilenceList("Internal: colleagues and managers")
        self.external_tree = SilenceList("External: clients, suppliers, partners, others")
        for tree in (self.internal_tree, self.external_tree):
            tree.log_requested.connect(self.log_requested)
            tree.plan_requested.connect(self.plan_requested)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.summary)
        head.addLayout(titles, 1)
        period_label = QLabel("&Period:")
        period_label.setBuddy(self.period_combo)
        head.addWidget(period_label, 0, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.period_combo, 0, Qt.AlignmentFlag.AlignBottom)
        head.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)

        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, theme.MARGIN, 0)
        grid.setHorizontalSpacing(theme.MARGIN)
        grid.setVerticalSpacing(theme.MARGIN)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 4, i % 4)
        row = 2
        grid.addWidget(section("Touch points per week, by channel", self.weekly_chart.toolTip()), row, 0, 1, 2)
        grid.addWidget(section("Touch points by kind of contact"), row, 2, 1, 2)
        grid.addWidget(self.weekly_chart, row + 1, 0, 1, 2)
        grid.addWidget(self.kind_chart, row + 1, 2, 1, 2)
        grid.addWidget(section("By kind of contact"), row + 2, 0, 1, 4)
        grid.addWidget(self.kind_table, row + 3, 0, 1, 4)
        grid.addWidget(section("Follow-ups due in the period"), row + 4, 0, 1, 2)
        grid.addWidget(section("Satisfaction per week"), row + 4, 2, 1, 2)
        grid.addWidget(self.outcome_table, row + 5, 0, 1, 2)
        grid.addWidget(self.satisfaction_chart, row + 5, 2, 1, 2)
        grid.addWidget(section("Longest silences (now)"), row + 6, 0, 1, 4)
        grid.addWidget(self.internal_tree, row + 7, 0, 1, 2)
        grid.addWidget(self.external_tree, row + 7, 2, 1, 2)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        grid.setRowMinimumHeight(row + 1, 220)
        grid.setRowMinimumHeight(row + 5, 190)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN * 2, theme.MARGIN * 2, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.MARGIN)
        layout.addLayout(head)
        layout.addWidget(self.scroll_area, 1)

    # -- computing ---------------------------------------------------------------

    def period_choice(self) -> str:
        return PERIODS[self.period_combo.currentIndex()]

    def set_period(self, choice: str, custom: tuple[date, date] | None = None) -> None:
        """Choose a period (one of PERIODS; "Custom…" needs ``custom``) and recompute."""
        if choice == CUSTOM:
            if custom is None:
                raise ValueError("a custom period needs its first and last day")
            self._custom = custom
        self.period_combo.setCurrentIndex(PERIODS.index(choice))
        self.refresh()

    def refresh(self) -> None:
        """Compute the figures for the chosen period on the worker; the newest request wins."""
        self._request += 1
        request = self._request
        choice, custom = self.period_choice(), self._custom
        self.summary.setText("Computing…")

        def work(store: Store) -> Insights:
            prefs = Preferences.load(store)
            tz = zone(prefs.user_tz)
            now = store.clock.now()
            period: Period
            if choice == LAST_30:
                period = last_days(30, now)
            elif choice == WEEK:
                period = this_week(now, tz)
            elif choice == MONTH:
                period = this_month(now, tz)
            elif choice == QUARTER or custom is None:
                period = this_quarter(now, tz)
            else:
                period = between_dates(custom[0], custom[1], tz)
            return compute(store, prefs, period, now)

        self._tasks.run(work, lambda result: self._on_computed(request, result), self._on_failed)

    def wait(self, msecs: int = 30_000) -> bool:
        return self._tasks.wait(msecs)

    def _on_period_combo_activated(self, index: int) -> None:
        if PERIODS[index] == CUSTOM:
            today = self._clock.now().date()
            first, last = self._custom or (today - timedelta(days=29), today)
            dialog = CustomPeriodDialog(first, last, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self._custom = dialog.dates()
        self.refresh()

    def _on_failed(self, message: str) -> None:
        self.summary.setText(f"The figures could not be computed: {message}")
        self.failed.emit(message)

    def _on_computed(self, request: int, insights: Insights) -> None:
        if request != self._request:
            return  # a newer period was chosen meanwhile
        self.insights = insights
        self._show(insights)
        self.export_button.setEnabled(True)
        self.insights_ready.emit(insights)

    # -- export ----------------------------------------------------------------

    def export_csv(self, path: Path) -> None:
        if self.insights is not None:
            write_csv(self.insights, path)

    def _on_export_clicked(self) -> None:
        if self.insights is None:
            return
        name = f"followup-insights-{self.insights.period.start:%Y-%m-%d}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export figures", str(Path.home() / name), "CSV files (*.csv)")
        if path:
            self.export_csv(Path(path))
            self.summary.setText(f"{self.summary.text()}  ·  Saved to {path}")

    # -- showing -----------------------------------------------------------------

    def _show(self, r: Insights) -> None:
        f = r.overall
        tz = zone(r.user_tz)
        start, end = r.period.start.astimezone(tz), r.period.until(r.now).astimezone(tz)
        span = f"{start:%a %d %b} to {end:%a %d %b %Y, %H:%M}"
        self.summary.setText(f"{r.period.label}: {span}")
        over = f"{r.period.label.lower()}, {span}"
        window = r.reply_window_hours
        answered = f"{f.replies_answered} repl{'y' if f.replies_answered == 1 else 'ies'}"
        self.cards["reply"].show_figure(
            hours_text(f.reply_time_median_hours),
            f"{answered}; 9 in 10 within {hours_text(f.reply_time_p90_hours)}" if f.replies_answered else "No replies",
            f"From an inbound message that needed an answer to the touch point that answered it, over the "
            f"replies made in {over}: the median, and the 90th percentile.",
        )
        promise_colour = None
        if f.reply_within_promise_share is not None:
            promise_colour = theme.FRESH if f.reply_within_promise_share >= 0.8 else theme.DRIFTING
        self.cards["promise"].show_figure(
            percent(f.reply_within_promise_share),
            f"{f.replies_within_promise} of {f.replies_answered} within {window} hours",
            f"Of the replies made in {over}, the share made within your {window}-hour promise "
            "(the reply window in the preferences).",
            colour(promise_colour).name() if promise_colour else None,
        )
        self.cards["waiting"].show_figure(
            str(f.replies_waiting),
            f"{f.replies_waiting_overdue} past the promise; oldest {hours_text(f.replies_waiting_longest_hours)}"
            if f.replies_waiting
            else "Nobody is waiting",
            "Inbound messages that needed an answer and have none yet, right now, whenever they came in.",
            colour(theme.OVERDUE).name() if f.replies_waiting_overdue else None,
        )
        self.cards["on_time"].show_figure(
            percent(f.followups_done_on_time_share),
            f"{f.followups_done_on_time} of {f.followups_due} due; {f.followups_done_late} late, "
            f"{f.followups_skipped} skipped, {f.followups_overdue} open"
            if f.followups_due
            else "None fell due",
            f"Follow-ups that fell due in {over} (cancelled ones left out): the share done at or before "
            "their due time. Late, skipped and still-open ones count against it.",
        )
        self.cards["health"].show_figure(
            f"{f.drifting_contacts + f.overdue_contacts}",
            f"{f.drifting_contacts} drifting, {f.overdue_contacts} overdue",
            "Right now: contacts past their ideal interval without a touch point (drifting) or past their limit "
            "(overdue). Archived contacts are left out.",
            colour(theme.OVERDUE).name() if f.overdue_contacts else None,
        )
        self.cards["difficult"].show_figure(
            str(f.difficult_conversations),
            f"{f.difficult_live} by call or in person, {f.difficult_conversations - f.difficult_live} written"
            if f.difficult_conversations
            else "None",
            f"Touch points marked difficult in {over}, and how many were calls, video calls or meetings "
            "rather than emails or texts (tone carries better live).",
        )
        self.cards["satisfaction"].show_figure(
            "—" if f.satisfaction_average is None else f"{f.satisfaction_average:.1f} / 5",
            f"from {f.satisfaction_scores} score{'s' if f.satisfaction_scores != 1 else ''}",
            f"The mean of the satisfaction scores (1 to 5) given on touch points in {over}; the trend per week "
            "is charted below.",
        )
        self.cards["referrals"].show_figure(
            f"{f.referrals_asked} / {f.referrals_received}",
            "asked / received",
            f"Touch points in {over} where you asked for a referral, and where they referred someone to you.",
        )
        self._show_charts(r, over)
        self._show_kinds(r)
        self._show_outcomes(r, over)
        self.internal_tree.show_silences(r.internal_silences)
        self.external_tree.show_silences(r.external_silences)

    def _show_charts(self, r: Insights, over: str) -> None:
        weeks = [f"{w.monday:%d %b}" for w in r.weeks]
        self.weekly_chart.set_data(
            weeks,
            [(c.label, colour(CHANNEL_COLOURS[c]), [w.by_channel.get(c.value, 0) for w in r.weeks]) for c in Channel],
        )
        self.weekly_chart.setToolTip(
            f"Touch points logged in {over}, per calendar week (by its Monday), stacked by channel. "
            "The first and last weeks may be partial."
        )
        self.kind_chart.set_data(
            [
                (k.label, theme.kind_colour(k), r.by_kind[k.value].touch_points, str(r.by_kind[k.value].touch_points))
                for k in Kind
            ]
        )
        self.kind_chart.setToolTip(f"Touch points logged in {over}, by the contact's kind.")
        self.satisfaction_chart.set_data(weeks, [w.satisfaction_average for w in r.weeks])
        self.satisfaction_chart.setToolTip(
            f"The mean satisfaction score (1 to 5) per week in {over}; gaps are weeks without scores."
        )

    def _show_kinds(self, r: Insights) -> None:
        rows = []
        for kind in Kind:
            f = r.by_kind[kind.value]
            rows.append(
                [
                    kind.label + (" (internal)" if kind.internal else ""),
                    hours_text(f.reply_time_median_hours),
                    percent(f.reply_within_promise_share),
                    str(f.replies_waiting),
                    percent(f.followups_done_on_time_share),
                    str(f.drifting_contacts),
                    str(f.overdue_contacts),
                    str(f.touch_points),
                ]
            )
        tips = [
            "",
            "Median time to answer a message that needed one, over replies made in the period",
            f"Replies made in the period within the {r.reply_window_hours}-hour promise",
            "Messages still waiting for an answer now",
            "Follow-ups due in the period that were done on time",
            "Contacts past their ideal interval now",
            "Contacts past their limit now",
            "Touch points logged in the period",
        ]
        fill_table(self.kind_table, rows, tips)

    def _show_outcomes(self, r: Insights, over: str) -> None:
        rows = []
        for name, outcomes in [
            *((f"Phase: {k.capitalize()}", o) for k, o in r.followups_by_phase.items()),
            *((f"Source: {_SOURCE_LABELS.get(k, k)}", o) for k, o in r.followups_by_source.items()),
        ]:
            rows.append([name, str(outcomes.on_time), str(outcomes.late), str(outcomes.skipped), str(outcomes.overdue)])
        fill_table(self.outcome_table, rows, [])
        self.outcome_table.setToolTip(
            f"Follow-ups that fell due in {over}, by the phase of their engagement (before, during, after) and by "
            "where they came from; on time means done at or before the due time."
        )


_SOURCE_LABELS = {"plan": "Plans", "cadence": "Stay in touch", "reply": "Reply promises", "manual": "Manual"}

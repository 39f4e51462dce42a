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
from PySide6.QtGui import QResizeEvent
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

from followup.changes import Changes
from followup.clock import Clock
from followup.insights import Insights, Period, compute, parse_period
from followup.insights.export import write_csv
from followup.insights.period import DEFAULT_PERIOD, PERIOD_CHOICES, between_dates
from followup.insights.queries import with_all_silences
from followup.insights.who import Person, drifting, late_follow_ups, waiting_replies
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone
from ui.insights import view_parts
from ui.insights.cards import fill_cards
from ui.insights.charts import HorizontalBarChart, StackedBarChart, TrendChart
from ui.insights.sections import show_charts, show_kinds, show_outcomes
from ui.insights.silences import SILENCES_SHOWN, SilenceList
from ui.insights.who import WHO, WhoDialog
from ui.insights.widgets import CustomPeriodDialog, FigureCard, FigureTable
from ui.ops.changes import ChangesHub
from ui.ops.jobs import TaskRunner
from ui.style import theme
from ui.widgets.plain_text import plain
from ui.widgets.when_text import date_text, datetime_text

CUSTOM = "Custom…"
NARROW = 900  # below this width, two figure cards to a row
# The same choices as the CLI's --period, in the same order, and the same default.
PERIODS = (*(label for _code, label in PERIOD_CHOICES), CUSTOM)
PERIOD_CODES = dict((label, code) for code, label in PERIOD_CHOICES)
DEFAULT_CHOICE = dict(PERIOD_CHOICES)[DEFAULT_PERIOD]


class InsightsView(QWidget):
    """Signals: ``log_requested(contact_id)`` and ``plan_requested(contact_id)``
    from a drifting contact's one-click buttons; ``insights_ready(Insights)``
    each time figures arrive; ``failed(str)`` if computing them failed."""

    log_requested = Signal(int)
    plan_requested = Signal(int)
    open_requested = Signal(int)
    who_shown = Signal(object)  # the WhoDialog opened from a card
    insights_ready = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        db_path: Path,
        clock: Clock,
        parent: QWidget | None = None,
        hub: ChangesHub | None = None,
        parts_later: bool = False,
    ) -> None:
        """``parts_later``: only the frame is made (title, period, Export, the
        empty grid); ``make_part`` makes the rest, as does the figures' arrival."""
        super().__init__(parent)
        self._clock = clock
        # With a hub, the figures follow every change: at once while shown, else when next shown.
        self.stale = True
        if hub is not None:
            hub.changed.connect(self._on_changed)
        self._tasks = TaskRunner(db_path, clock, self)
        self._request = 0
        self._custom: tuple[date, date] | None = None
        self.insights: Insights | None = None

        self.title = QLabel("Insights")
        theme.make_heading(self.title, 1.5)
        self.summary = plain(QLabel("Computing…"))
        self.summary.setStyleSheet(f"color: {theme.muted().name()};")
        self.period_combo = QComboBox()
        self.period_combo.addItems(PERIODS)
        self.period_combo.setAccessibleName("Period")
        self.period_combo.setToolTip("The period the figures cover, on your calendar (weeks start on Monday)")
        self.period_combo.setCurrentIndex(PERIODS.index(DEFAULT_CHOICE))
        self.period_combo.activated.connect(self._on_period_combo_activated)
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.setToolTip(
            "Save every figure of this period as a CSV file (cells that would start a formula are quoted)"
        )
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_clicked)

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
        self.grid = grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, theme.MARGIN, 0)
        grid.setHorizontalSpacing(theme.MARGIN)
        grid.setVerticalSpacing(theme.MARGIN)
        # The cards: four to a row, two when the window is narrow (see resizeEvent)
        self.cards: dict[str, FigureCard] = {}
        self.cards_grid = QGridLayout()
        self.cards_grid.setSpacing(theme.MARGIN)
        self.card_columns = 0
        self.reflow_cards(4)
        grid.addLayout(self.cards_grid, 0, 0, 2, 4)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        grid.setRowMinimumHeight(view_parts.CHARTS_ROW + 1, 220)
        grid.setRowMinimumHeight(view_parts.OUTCOMES_ROW + 1, 190)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN * 2, theme.MARGIN * 2, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.MARGIN)
        layout.addLayout(head)
        layout.addWidget(self.scroll_area, 1)
        # The cards, charts, tables and lists: now, or a part at a time (``make_part``)
        self.weekly_chart: StackedBarChart
        self.kind_chart: HorizontalBarChart
        self.satisfaction_chart: TrendChart
        self.kind_table: FigureTable
        self.outcome_table: FigureTable
        self.internal_tree: SilenceList
        self.external_tree: SilenceList
        self._parts_left = list(view_parts.PARTS)
        if not parts_later:
            self.complete()

    def make_part(self) -> str | None:
        """Make the next of the view's parts (cards, charts, tables, lists); its name, or None if all are made."""
        if not self._parts_left:
            return None
        name, make = self._parts_left.pop(0)
        make(self)
        return name

    def complete(self) -> None:
        """Make every part not made yet."""
        while self.make_part() is not None:
            pass

    def is_complete(self) -> bool:
        return not self._parts_left

    def reflow_cards(self, columns: int) -> None:
        if columns == self.card_columns:
            return
        self.card_columns = columns
        for i, card in enumerate(self.cards.values()):
            self.cards_grid.addWidget(card, i // columns, i % columns)
        for column in range(4):
            self.cards_grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.reflow_cards(2 if event.size().width() < NARROW else 4)
        super().resizeEvent(event)

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

    def _on_changed(self, _changes: Changes) -> None:
        self.stale = True
        if self.isVisibleTo(self.window()):
            self.refresh()

    def refresh_if_stale(self) -> None:
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        """Compute the figures for the chosen period on the worker; the newest request wins."""
        self.stale = False
        self._request += 1
        request = self._request
        choice, custom = self.period_choice(), self._custom
        self.summary.setText("Computing…")

        def work(store: Store) -> Insights:
            prefs = Preferences.load(store)
            tz = zone(prefs.user_tz)
            now = store.clock.now()
            period: Period
            if choice == CUSTOM and custom is not None:
                period = between_dates(custom[0], custom[1], tz)
            else:
                period = parse_period(PERIOD_CODES.get(choice, DEFAULT_PERIOD), now, tz)
            # The view lists each side's longest silences; exports and "Who?" read the rest.
            return compute(store, prefs, period, now, silences_shown=SILENCES_SHOWN)

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
        self.complete()  # (figures that arrive before the parts are all made: rare, and a few ms)
        self._show(insights)
        self.export_button.setEnabled(True)
        self.insights_ready.emit(insights)

    # -- who is behind a card ------------------------------------------------------

    def show_who(self, key: str) -> None:
        """List who is behind the card ``key`` ("waiting", "on_time" or "health"),
        looked up on the worker, in a dialog to act from."""
        r = self.insights
        if r is None or key not in WHO:
            return
        title, explanation, when_header, noun = WHO[key]

        def work(store: Store) -> list[Person]:
            if key == "waiting":
                return waiting_replies(store, r.now, r.reply_window_hours)
            if key == "on_time":
                return late_follow_ups(store, r.period, r.now)
            return drifting(with_all_silences(store, r))

        def done(people: list[Person]) -> None:
            dialog = WhoDialog(
                title,
                explanation,
                when_header,
                people,
                zone(r.user_tz),
                can_plan=key == "health",
                noun=noun,
                date_only=key == "health",
                parent=self,
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open_requested.connect(self.open_requested)
            dialog.log_requested.connect(self.log_requested)
            dialog.plan_requested.connect(self.plan_requested)
            dialog.show()
            self.who_shown.emit(dialog)

        self._tasks.run(work, done, self._on_failed)

    # -- export ----------------------------------------------------------------

    def export_csv(self, path: Path) -> None:
        """Write the figures, with every silence (read on the worker), to ``path``."""
        r = self.insights
        if r is None:
            return

        def work(store: Store) -> None:
            write_csv(with_all_silences(store, r), path)

        def done(_none: None) -> None:
            self.summary.setText(f"{self.summary.text()}  ·  Saved to {path}")

        self._tasks.run(work, done, self._on_failed)

    def _on_export_clicked(self) -> None:
        if self.insights is None:
            return
        name = f"followup-insights-{self.insights.period.start:%Y-%m-%d}.csv"
        path, _ = QFileDialog.getSaveFileName(self, "Export figures", str(Path.home() / name), "CSV files (*.csv)")
        if path:
            self.export_csv(Path(path))

    # -- showing -----------------------------------------------------------------

    def _show(self, r: Insights) -> None:
        tz = zone(r.user_tz)
        start, end = r.period.start.astimezone(tz), r.period.until(r.now).astimezone(tz)
        span = f"{date_text(start, year=False)} to {datetime_text(end)}"
        self.summary.setText(f"{r.period.label}: {span}")
        over = f"{r.period.label.lower()}, {span}"
        fill_cards(self.cards, r, over)
        show_charts(self.weekly_chart, self.kind_chart, self.satisfaction_chart, r, over)
        show_kinds(self.kind_table, r)
        show_outcomes(self.outcome_table, r, over)
        self.internal_tree.show_silences(r.internal_silences, r.silence_count(internal=True))
        self.external_tree.show_silences(r.external_silences, r.silence_count(internal=False))

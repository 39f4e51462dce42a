"""What the Insights view keeps between two arrivals of figures, and when it
lets go: the width of the columns sized to their contents (new rows, a new
font or style, another device pixel ratio), the rows of a list of silences
(new silences, another palette), the cells of a figure table, a chart's
picture (new data)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from followup.insights.figures import Silence
from ui.insights.charts import HorizontalBarChart, StackedBarChart, TrendChart
from ui.insights.silences import SilenceList
from ui.insights.widgets import FigureCard, FigureTable, fill_table
from ui.style.appearance import dark_palette


def _silence(i: int, days: int = 400, name: str = "") -> Silence:
    return Silence(100 + i, name or f"Person {i}", "client", days, False, 30, 60, "overdue", False)


def _fitted(view, column: int) -> int:  # type: ignore[no-untyped-def]
    """The width ResizeToContents would give ``column``."""
    header = view.header() if isinstance(view, SilenceList) else view.horizontalHeader()
    return max(view.sizeHintForColumn(column), header.sectionSizeHint(column))


@pytest.fixture
def tree(qtbot) -> SilenceList:  # type: ignore[no-untyped-def]
    tree = SilenceList("External")
    qtbot.addWidget(tree)
    tree.resize(700, 400)
    tree.show()
    qtbot.waitExposed(tree)
    return tree


@pytest.fixture
def dark_application() -> Iterator[None]:
    before = QApplication.palette()
    QApplication.setPalette(dark_palette())
    yield
    QApplication.setPalette(before)


def test_columns_are_measured_again_for_new_rows(tree: SilenceList) -> None:
    tree.show_silences([_silence(0, days=9)])
    narrow = tree.columnWidth(1)
    assert narrow == _fitted(tree, 1)
    # WHEN longer silences arrive THEN the column is as wide as the longest
    tree.show_silences([_silence(0, days=123_456_789)])
    assert tree.columnWidth(1) == _fitted(tree, 1) > narrow
    assert tree.columnWidth(3) == _fitted(tree, 3) >= tree.buttons_size().width()


def test_columns_are_measured_again_when_the_font_changes(qtbot, tree: SilenceList) -> None:  # type: ignore[no-untyped-def]
    tree.show_silences([_silence(0, days=4_000)])
    before = tree.columnWidth(1)
    font = tree.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    tree.setFont(font)
    qtbot.waitUntil(lambda: tree.columnWidth(1) == _fitted(tree, 1), timeout=2_000)
    assert tree.columnWidth(1) > before


@pytest.mark.parametrize("change", [QEvent.Type.DevicePixelRatioChange, QEvent.Type.StyleChange])
def test_columns_are_measured_again_after_a_change_of_screen_or_style(qtbot, tree: SilenceList, change) -> None:  # type: ignore[no-untyped-def]
    tree.show_silences([_silence(0, days=4_000)])
    right = tree.columnWidth(1)
    tree.setColumnWidth(1, right + 37)  # as measured on another screen, or in another style
    QApplication.sendEvent(tree, QEvent(change))
    qtbot.waitUntil(lambda: tree.columnWidth(1) == right, timeout=2_000)


def test_the_same_silences_again_keep_the_rows_and_the_selection(tree: SilenceList) -> None:
    silences = [_silence(i) for i in range(10)]
    tree.show_silences(silences, 31_000)
    tree.setCurrentItem(tree.topLevelItem(4))
    # WHEN the figures are computed again (a change elsewhere) with the same longest silences
    tree.show_silences(list(silences), 31_000)
    # THEN the user's place in the list is kept
    assert tree.currentItem() is not None and tree.indexOfTopLevelItem(tree.currentItem()) == 4
    # AND new silences, or a new total, are shown
    tree.show_silences(silences[:3], 31_000)
    assert tree.topLevelItemCount() == 4 and tree.topLevelItem(3).text(0) == "and 30,960 more"
    tree.show_silences(silences[:3], 50)
    assert tree.topLevelItem(3).text(0) == "and 10 more"


def test_the_same_silences_in_another_palette_are_coloured_anew(tree: SilenceList, dark_application) -> None:  # type: ignore[no-untyped-def]
    QApplication.setPalette(QPalette(QColor("#f0f0f0")))  # light
    silences = [_silence(0)]
    tree.show_silences(silences)
    light = tree.topLevelItem(0).foreground(1).color()
    QApplication.setPalette(dark_palette())
    tree.show_silences(list(silences))
    assert tree.topLevelItem(0).foreground(1).color() == QColor("#c62828").lighter(140) != light


def test_a_figure_table_is_written_in_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = FigureTable(["", "On time", "Late"])
    qtbot.addWidget(table)
    table.show()
    fill_table(table, [["A", "1", "2"], ["B", "3", "4"]], ["", "tip one", ""])
    width = table.columnWidth(0)
    assert width == _fitted(table, 0)
    # WHEN other figures arrive, a longer name among them
    fill_table(table, [["A much longer name than before", "5", "2"]], ["", "tip two", ""])
    # THEN the cells say so, the names' column fits the longest, and the rows are as many as the figures
    assert table.rowCount() == 1
    assert [table.item(0, j).text() for j in range(3)] == ["A much longer name than before", "5", "2"]
    assert table.item(0, 1).toolTip() == "tip two"
    assert table.columnWidth(0) == _fitted(table, 0) > width
    fill_table(table, [["A", "1", "2"], ["B", "3", "4"]], ["", "tip one", ""])
    assert table.rowCount() == 2 and table.item(1, 0).text() == "B" and table.columnWidth(0) == width


def test_a_card_shows_each_change_and_its_colour_comes_and_goes(qtbot) -> None:  # type: ignore[no-untyped-def]
    card = FigureCard("Waiting")
    qtbot.addWidget(card)
    card.show_figure("3", "2 past the promise", "tip", "#c62828")
    assert card.value.text() == "3" and "#c62828" in card.value.styleSheet()
    card.show_figure("0", "Nobody is waiting", "tip 2")
    assert (card.value.text(), card.note.text(), card.toolTip(), card.value.styleSheet()) == (
        "0",
        "Nobody is waiting",
        "tip 2",
        "",
    )


class _Paints(QObject):
    def __init__(self, widget) -> None:  # type: ignore[no-untyped-def]
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def test_a_chart_is_painted_again_for_new_data_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    weekly, kinds, trend = StackedBarChart(), HorizontalBarChart(), TrendChart()
    data = {
        weekly: (["2 Nov", "9 Nov"], [("Email", QColor("#2f6fdf"), [3, 4])]),
        kinds: ([("Client", QColor("#2f6fdf"), 5.0, "5")],),
        trend: (["2 Nov", "9 Nov"], [4.0, None]),
    }
    other = {
        weekly: (["2 Nov", "9 Nov"], [("Email", QColor("#2f6fdf"), [3, 5])]),
        kinds: ([("Client", QColor("#8a3fd1"), 5.0, "5")],),
        trend: (["2 Nov", "9 Nov"], [4.0, 4.5]),
    }
    for chart, args in data.items():
        qtbot.addWidget(chart)
        chart.resize(360, 200)
        chart.set_data(*args)  # type: ignore[attr-defined]
        paints = _Paints(chart)
        chart.show()
        qtbot.waitUntil(lambda p=paints: p.count > 0, timeout=2_000)  # its first paint
        QApplication.processEvents()
        paints.count = 0
        chart.set_data(*args)  # type: ignore[attr-defined]
        QApplication.processEvents()
        assert paints.count == 0, chart  # the same figures: nothing to paint again
        chart.set_data(*other[chart])  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda p=paints: p.count > 0, timeout=2_000)


def _weekly(qtbot, values: list[int], size: tuple[int, int] = (360, 200)) -> StackedBarChart:  # type: ignore[no-untyped-def]
    chart = StackedBarChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.set_data(["2 Nov", "9 Nov"], [("Email", QColor("#2f6fdf"), values)])
    return chart


def _picture(chart) -> QImage:  # type: ignore[no-untyped-def]
    return chart.grab().toImage()


def test_a_charts_kept_picture_is_dropped_for_new_data_a_new_size_palette_or_font(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = _weekly(qtbot, [3, 4])
    kept = _picture(chart)
    assert chart.picture is not None and _picture(chart) == kept  # painted once, then drawn as kept
    # new data
    chart.set_data(["2 Nov", "9 Nov"], [("Email", QColor("#2f6fdf"), [9, 1])])
    assert _picture(chart) == _picture(_weekly(qtbot, [9, 1])) != kept
    # a new size
    chart.resize(500, 260)
    assert _picture(chart) == _picture(_weekly(qtbot, [9, 1], (500, 260)))
    # another palette (the dark scheme)
    chart.setPalette(dark_palette())
    fresh = _weekly(qtbot, [9, 1], (500, 260))
    fresh.setPalette(dark_palette())
    assert _picture(chart) == _picture(fresh)
    # another font
    font = chart.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    chart.setFont(font)
    fresh = _weekly(qtbot, [9, 1], (500, 260))  # (a fresh one: nothing kept)
    fresh.setPalette(dark_palette())
    fresh.setFont(font)
    assert _picture(chart) == _picture(fresh)


def test_a_charts_kept_picture_is_dropped_on_another_device_pixel_ratio(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    chart = _weekly(qtbot, [3, 4])
    _picture(chart)
    assert chart.picture is not None and chart.picture.devicePixelRatio() == chart.devicePixelRatioF()
    # WHEN the window moves to a screen twice as dense THEN the picture is made again, at twice the pixels
    monkeypatch.setattr(chart, "devicePixelRatioF", lambda: 2.0)
    _picture(chart)
    assert chart.picture.devicePixelRatio() == 2.0
    assert chart.picture.size().toTuple() == (720, 400)

"""What Today's list paints: a section's title is drawn across its whole
row, however narrow the What column (as a first column spanned would be; the
sections are not spanned: a span makes every layout ask the model for each
row's index twice)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from followup.engine.follow_ups import TodayBuckets
from followup.planning.model import FollowUp, Source
from ui.today.model import COLUMNS, SECTION_TIPS, WHAT, WHO, TodayModel
from ui.today.view import TodayView

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def _fu(i: int, hours: int) -> FollowUp:
    return FollowUp(contact_id=i, title=f"Step {i}", source=Source.MANUAL, due=NOW + timedelta(hours=hours), id=i)


def _three_overdue_shown(qtbot, overdue: int) -> tuple[TodayModel, TodayView]:  # type: ignore[no-untyped-def]
    """Today with ``overdue`` follow-ups overdue, 3 of them shown, in a 640 x 400 view on screen."""
    model = TodayModel(lambda: NOW, ZoneInfo("UTC"))
    view = TodayView(model)
    qtbot.addWidget(view)
    model.set_buckets(TodayBuckets([_fu(i, -i) for i in range(1, 4)], [], [], totals=(overdue, 0, 0)))
    view.resize(640, 400)
    view.show()
    qtbot.waitExposed(view)
    return model, view


def test_a_section_title_is_drawn_past_a_narrow_what_column(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today with 1,234 overdue follow-ups, 3 of them shown, in a window whose What column is narrow
    model, view = _three_overdue_shown(qtbot, 1234)
    tree = view.tree
    tree.setColumnWidth(WHO, 300)
    QApplication.processEvents()
    title = tree.visualRect(model.section_index(0))
    assert tree.columnWidth(WHAT) < tree.fontMetrics().horizontalAdvance(model.data(model.section_index(0)))
    # WHEN it is painted
    image = tree.viewport().grab().toImage()
    # THEN the title goes on over the Who column: the row there is not all background
    y0, y1 = title.top() + 2, title.bottom() - 2
    x0 = tree.columnViewportPosition(WHO)
    background = image.pixel(tree.viewport().width() - 2, title.center().y())
    inked = [x for x in range(x0, x0 + 150) for y in range(y0, y1) if image.pixel(x, y) != background]
    assert inked


def test_a_section_says_what_it_holds_over_its_whole_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today's model (its sections' titles drawn across their rows, not spanned)
    model = TodayModel(lambda: NOW, ZoneInfo("UTC"))
    model.set_buckets(TodayBuckets([_fu(1, -1)], [], [], totals=(1, 0, 0)))
    # WHEN the pointer rests on a section's row, over any column
    tips = {model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole) for column in range(len(COLUMNS))}
    # THEN it is told what the section holds, as over its title
    assert tips == {SECTION_TIPS[0]}


def test_rows_are_padded_without_a_style_sheet(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today with three overdue follow-ups, shown
    model, view = _three_overdue_shown(qtbot, 3)
    tree = view.tree
    # THEN each row has 4 px above and below its text, as the style sheet gave
    row = tree.rowHeight(model.index(0, 0, model.section_index(0)))
    assert row >= tree.fontMetrics().height() + 8
    # AND no style sheet does it: under one, Qt draws every item through the sheet's
    # rules (a quarter of each repaint of the list: 9.4 -> 6.9 ms at 100k, alternated)
    assert tree.style().metaObject().className() != "QStyleSheetStyle", tree.style().metaObject().className()
    assert tree.styleSheet() == ""

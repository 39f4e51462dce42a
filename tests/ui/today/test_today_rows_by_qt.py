"""Today's rows are Qt's own items (issue 16: QTreeView lays every row out
again when one comes or goes, asking a Python model ~2,700 times at 900
rows); its texts stay the model's, and nothing about the list changes for
the user: a double-click or F2 on any cell opens the contact, never an editor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from followup.engine.follow_ups import TodayBuckets
from followup.planning.model import FollowUp, Source
from ui.today.model import WHO, TodayModel
from ui.today.view import TodayView

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def _fu(i: int) -> FollowUp:
    return FollowUp(
        contact_id=100 + i, title=f"Step {i}", contact_name=f"Person {i}", source=Source.MANUAL,
        due=NOW - timedelta(hours=i), id=i,
    )  # fmt: skip


def _today(qtbot) -> tuple[TodayModel, TodayView]:  # type: ignore[no-untyped-def]
    model = TodayModel(lambda: NOW, ZoneInfo("UTC"))
    view = TodayView(model)
    qtbot.addWidget(view)
    model.set_buckets(TodayBuckets([_fu(i) for i in range(1, 6)], [], [], totals=(5, 0, 0)))
    view.resize(800, 400)
    view.show()
    qtbot.waitExposed(view)
    return model, view


def test_a_double_click_on_any_cell_opens_its_contact(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today listing five overdue follow-ups
    model, view = _today(qtbot)
    who = model.index(2, WHO, model.section_index(0))
    opened: list[int] = []
    view.open_contact_requested.connect(opened.append)
    # WHEN the user double-clicks the third one's Who
    centre = view.tree.visualRect(who).center()
    QTest.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    # THEN its contact opens, and no editor came up
    assert opened == [103]
    assert view.tree.findChild(QLineEdit) is None


def test_f2_starts_no_editor(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today with a follow-up current
    model, view = _today(qtbot)
    view.tree.setCurrentIndex(model.index(1, WHO, model.section_index(0)))
    view.tree.setFocus()
    # WHEN the user presses F2 (edit, in Qt's item views)
    QTest.keyClick(view.tree, Qt.Key.Key_F2)
    # THEN nothing is edited: the list is read-only
    assert view.tree.findChild(QLineEdit) is None
    assert model.data(model.index(1, WHO, model.section_index(0))) == "Person 2"


def _item_wrappers() -> list[QStandardItem]:
    return [w for w in shiboken6.getAllValidWrappers() if isinstance(w, QStandardItem)]


def test_rows_that_come_and_go_leave_no_python_object_behind(qtbot) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Today with three follow-ups (a Python wrapper of an item that Qt
    # deletes when its row goes outlives it, and is handed back for whatever
    # Qt allocates next at its address: a date edit's calendar came back as a
    # QStandardItem), and the item wrappers there are already, held here (an
    # earlier test's, freed meanwhile, made a count fall from 375 to 255 in CI)
    model, _view = _today(qtbot)
    before = _item_wrappers()
    # WHEN 300 follow-ups come, then all go
    model.set_buckets(TodayBuckets([_fu(i) for i in range(1, 301)], [], [], totals=(300, 0, 0)))
    model.set_buckets(TodayBuckets([], [], [], totals=(0, 0, 0)))
    # THEN no row left a Python object behind
    assert model.count() == 0
    left = [w for w in _item_wrappers() if not any(w is b for b in before)]
    assert left == []

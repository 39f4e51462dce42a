"""The Search notes dialog: its order, its snippet, the keyboard, the dark scheme."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from followup.clock import FixedClock
from followup.domain import Channel, Direction, TouchPoint
from followup.store import Store
from followup.timeutil import zone
from ui.contacts.notes_search import NotesSearchDialog
from ui.style.appearance import dark_palette

SHOTS = Path(os.environ.get("FOLLOWUP_TEST_SHOTS", "/tmp/followup-shots"))


def _log(store: Store, clock: FixedClock, name: str, hours_ago: int, summary: str, notes: str) -> int:
    from followup.domain import Contact

    contact = next((r.id for r in store.contacts.rows() if r.name == name), None)
    if contact is None:
        contact = store.contacts.add(Contact(name=name))
    tp = TouchPoint(
        contact_id=contact,
        at=clock.now() - timedelta(hours=hours_ago),
        channel=Channel.EMAIL,
        direction=Direction.IN,
        summary=summary,
        notes=notes,
        tz="Europe/Lisbon",
    )
    return store.touch_points.add(tp)


def _dialog(qtbot, store: Store) -> NotesSearchDialog:  # type: ignore[no-untyped-def]
    dialog = NotesSearchDialog(lambda q, order: store.touch_points.search(q, order=order), zone("Europe/Lisbon"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_newest_first_then_by_relevance_and_enter_opens_the_selected_one(
    qtbot, store: Store, clock: FixedClock
) -> None:
    # GIVEN an old note that says "budget" three times, logged after a recent one that says it once
    recent = _log(store, clock, "Ana Lima", 2, "Call", "the budget")
    old = _log(store, clock, "Ben Okafor", 500, "Lunch", "budget, budget and the budget again")
    dialog = _dialog(qtbot, store)
    # WHEN the user types the word
    qtbot.keyClicks(dialog.query, "budget")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    # THEN the newest comes first (as the sort says) and is selected
    assert dialog.order.currentText() == "Newest first"
    assert [dialog.model.hit(r).touch_point_id for r in range(2)] == [recent, old]
    assert dialog.results.currentIndex().row() == 0
    # WHEN they sort by relevance THEN the note that says it most comes first
    dialog.order.setCurrentIndex(dialog.order.findText("Most relevant first"))
    assert [dialog.model.hit(r).touch_point_id for r in range(2)] == [old, recent]
    # WHEN they press Down in the search box, then Enter
    dialog.order.setCurrentIndex(0)
    chosen: list[int] = []
    dialog.contact_chosen.connect(chosen.append)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    # THEN the selected (second) result's contact is opened
    assert chosen == [dialog.model.hit(1).contact_id]
    assert dialog.model.hit(1).touch_point_id == old


def test_the_snippet_does_not_repeat_the_summary(qtbot, store: Store, clock: FixedClock) -> None:
    # GIVEN a touch point found by a word of its summary
    _log(store, clock, "Ana Lima", 2, "Quarterly review", "Went well; next one in March")
    dialog = _dialog(qtbot, store)
    # WHEN searched
    dialog.query.setText("quarterly")
    dialog.run_search()
    # THEN the row shows the summary once, and the notes under it
    html = dialog.model.html(dialog.model.hit(0), "#777777")
    assert html.count("Quarterly review") == 1
    assert "Went well" in html


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_selected_row_is_readable_in_the_dark_scheme(qtbot, store: Store, clock: FixedClock) -> None:
    # GIVEN the dialog in the dark scheme with a selected result
    _log(store, clock, "Ana Lima", 2, "Budget call", "Talked about the budget for 2027")
    _log(store, clock, "Ben Okafor", 5, "Budget mail", "Sent the budget sheet")
    dialog = _dialog(qtbot, store)
    dialog.setPalette(dark_palette())
    dialog.resize(560, 300)
    dialog.query.setText("budget")
    dialog.run_search()
    qtbot.waitUntil(
        lambda: dialog.results.visualRect(dialog.model.index(0)).right() < dialog.results.viewport().width()
    )
    # WHEN the results are drawn
    image = dialog.results.viewport().grab().toImage()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "notes-search-dark.png"))
    # THEN the selected row is filled with the highlight colour, and its text has the highlighted-text
    # colour, which reads on it
    palette = dialog.results.palette()
    highlight = palette.color(QPalette.ColorRole.Highlight)
    text = palette.color(QPalette.ColorRole.HighlightedText)
    rect = dialog.results.visualRect(dialog.model.index(0))
    assert image.pixelColor(rect.right() - 3, rect.bottom() - 2) == highlight
    row = [image.pixelColor(x, y) for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())]
    text_pixels = [c for c in row if _contrast(c, highlight) >= 4.5]
    assert len(text_pixels) > 50
    assert _contrast(text, highlight) >= 4.5

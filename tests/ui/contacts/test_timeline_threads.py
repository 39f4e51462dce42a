"""Mail threads in a contact's timeline, and "Needs my reply" on a message,
driven through the real window over a real database (pytest-qt): the mail is
logged by the real ingest, as a sync or an import would."""

from __future__ import annotations

import time

from mail_ui_data import add_ana, thread_of_four
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from window_pages import select

from followup.changes import Changes
from followup.domain import Channel, Direction, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.store import Store
from tests.conftest import NOW
from ui.shell.window import MainWindow


def _summaries(w: MainWindow) -> list[tuple[str, int, bool]]:
    model = w.contact_page.timeline_model
    return [(model.item(r).summary, model.row_info(r).count, model.row_info(r).member) for r in range(model.rowCount())]


def _show_ana(qtbot, window: MainWindow, store: Store) -> int:  # type: ignore[no-untyped-def]
    ana = add_ana(store)
    thread_of_four(store)
    log_touch_point(store, TouchPoint(ana, NOW, Channel.PHONE, Direction.OUT, "Called about the rollout", tz="UTC"))
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    select(qtbot, window, ana)
    return ana


def _menu_choice(text: str, seen: list[list[str]]) -> None:
    """Choose ``text`` in the context menu that is about to open (it runs its own event loop)."""
    deadline = time.monotonic() + 5

    def poll() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            if time.monotonic() < deadline:
                QTimer.singleShot(10, poll)
            return
        actions = [a for a in menu.actions() if not a.isSeparator()]
        seen.append([a.text() for a in actions])
        chosen: list[QAction] = [a for a in actions if a.text() == text]
        if chosen:
            chosen[0].trigger()
        menu.close()

    QTimer.singleShot(0, poll)


def _context_menu(window: MainWindow, row: int, choose: str) -> list[str]:
    timeline = window.contact_page.timeline
    seen: list[list[str]] = []
    _menu_choice(choose, seen)
    pos: QPoint = timeline.visualRect(window.contact_page.timeline_model.index(row, 0)).center()
    timeline.customContextMenuRequested.emit(pos)
    return seen[0] if seen else []


def test_a_thread_is_one_card_with_its_count_that_opens_to_its_messages(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact with a thread of four mails, a single mail and a call
    _show_ana(qtbot, window, store)
    page = window.contact_page
    # THEN the thread is one card (its newest message) with its count; the tab still counts every touch point
    assert _summaries(window) == [
        ("Called about the rollout", 1, False),
        ("Invoice 2026-114", 1, False),
        ("Re: Quote for the rollout", 4, False),
    ]
    assert page.lower_tabs.tabText(0) == "Timeline (6)"
    # WHEN its "4 messages" chip is clicked
    page.timeline.scrollTo(page.timeline_model.index(2, 0))
    qtbot.waitUntil(lambda: bool(page.timeline_delegate._thread_chips))
    [chip] = page.timeline_delegate._thread_chips.values()
    qtbot.mouseClick(page.timeline.viewport(), Qt.MouseButton.LeftButton, pos=chip.center())
    # THEN the three older messages show under it, newest first
    assert _summaries(window)[2:] == [
        ("Re: Quote for the rollout", 4, False),
        ("Re: Quote for the rollout", 1, True),
        ("Re: Quote for the rollout", 1, True),
        ("Quote for the rollout", 1, True),
    ]
    # AND their question I answered says so, where an unanswered one would say "Needs my reply"
    from ui.contacts.timeline_model import ReplyKeptRole

    model = page.timeline_model
    kept = {
        (model.item(r).at.day, model.item(r).summary): model.index(r, 0).data(ReplyKeptRole)
        for r in range(model.rowCount())
    }
    assert kept[(12, "Re: Quote for the rollout")] is True  # their question of the 12th, answered on the 13th
    assert kept[(14, "Invoice 2026-114")] is False
    # AND a refresh (another write) keeps it open
    window.hub.publish(Changes.everything())
    assert len(_summaries(window)) == 6
    # WHEN it is closed from its context menu
    seen = _context_menu(window, 2, "Hide the older messages of this thread")
    assert seen[0] == "Hide the older messages of this thread"
    # THEN it is one card again
    assert [s[0] for s in _summaries(window)] == [
        "Called about the rollout",
        "Invoice 2026-114",
        "Re: Quote for the rollout",
    ]


def test_needs_my_reply_opens_and_withdraws_the_promise_from_the_timeline(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    ana = _show_ana(qtbot, window, store)

    def promises(status: str) -> list[str]:
        rows = store.conn.execute(
            "SELECT f.title FROM follow_ups f JOIN touch_points t ON t.id = f.origin_touch_point_id "
            "WHERE f.source = 'reply' AND f.status = ? AND t.summary = 'Invoice 2026-114'",
            (status,),
        )
        return [r[0] for r in rows]

    # GIVEN the invoice, sent to me in Cc only: the rules opened no promise
    assert promises("open") == []
    # WHEN "Needs my reply" is ticked on its card
    seen = _context_menu(window, 1, "Needs my reply")
    # THEN the reply promise is open, the card says so, and Today has it
    assert "Needs my reply" in seen
    assert len(promises("open")) == 1
    assert store.touch_points.for_contact(ana)[1].needs_reply
    row = [s[0] for s in _summaries(window)].index("Invoice 2026-114")
    assert window.contact_page.timeline_model.item(row).needs_reply
    # WHEN it is unticked
    _context_menu(window, row, "Needs my reply")
    # THEN the promise is withdrawn
    assert promises("open") == [] and len(promises("cancelled")) == 1
    # AND my own messages offer no such choice
    mine = _context_menu(window, 2, "")
    assert "Needs my reply" not in mine and "Show all 4 messages" in mine

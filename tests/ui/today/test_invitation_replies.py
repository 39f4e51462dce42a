"""Who accepted, in the window (pytest-qt, a real database): Today's
"Replies to invitations" and the engagement's answers; a proposed new time
accepted (the engagement and its plan move) or the time kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from mail_ui_data import add_ana, add_bo, answer, plan_kickoff
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from followup.changes import Changes
from followup.mail import answers
from followup.store import Store
from ui.engagements.answers_dialog import AnswersDialog
from ui.mail.invitation_replies import InvitationRepliesPanel
from ui.shell.window import MainWindow

PROPOSED = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def kickoff(window: MainWindow, store: Store) -> int:
    """Bo accepted the kick-off; Ana is tentative and proposes Wednesday afternoon."""
    ana, bo = add_ana(store), add_bo(store)
    eid = plan_kickoff(store, [ana, bo])
    uid = store.engagements.get(eid).uid
    assert answer(store, "Bo Chen", "bo@harbor.example", uid, "REPLY", "ACCEPTED").replies_read == 1
    assert answer(store, "Ana Lima", "ana@acme.example", uid, "COUNTER", "TENTATIVE", 1).replies_read == 1
    window.hub.publish(Changes.everything(external=True))  # as a sync in the background would be noticed
    return eid


def panel(window: MainWindow, qtbot) -> InvitationRepliesPanel:  # type: ignore[no-untyped-def]
    found = window.today_view.findChild(InvitationRepliesPanel)
    assert found is not None
    # Built on demand when no answer waited as the window opened (ui/shell/today_slot.py), it is laid
    # out by the next turn of the event loop, as wide as Today's list, before a user could click it.
    qtbot.waitUntil(lambda: found.width() == window.today_view.stack.width())
    return found


def rows(p: InvitationRepliesPanel) -> list[list[str]]:
    return [[p.list.topLevelItem(r).text(c) for c in range(3)] for r in range(p.list.topLevelItemCount())]


def test_today_shows_the_replies_and_a_proposed_time_is_accepted_there(
    qtbot, window: MainWindow, store: Store, kickoff: int
) -> None:  # type: ignore[no-untyped-def]
    window.registry.go_today.trigger()
    p = panel(window, qtbot)
    # THEN Today says who answered, newest first, and what Ana proposes
    assert p.isVisible() and p.title.text() == "Replies to invitations (2)"
    [ana, bo] = rows(p)
    assert ana[0] == "Ana Lima" and ana[1] == "? Maybe, proposes Wed 02 Dec, 15:00"
    assert bo[:2] == ["Bo Chen", "✓ Accepted"] and bo[2] == "Kick-off (Tue 01 Dec, 10:00)"
    # WHEN Ana's proposal is selected and accepted
    p.list.setCurrentItem(p.list.topLevelItem(0))
    assert p.accept_button.isVisible() and not p.seen_button.isVisible()
    qtbot.mouseClick(p.accept_button, Qt.MouseButton.LeftButton)
    # THEN the engagement moved to the proposed time, and its follow-ups with it
    assert store.engagements.get(kickoff).start == PROPOSED
    assert "Moved Kick-off to Wed 02 Dec, 15:00" in window.statusBar().currentMessage()
    # AND only Bo's acceptance is left; "Got it" takes it out, and the panel goes
    assert [r[0] for r in rows(p)] == ["Bo Chen"]
    assert p.seen_button.isVisible() and not p.accept_button.isVisible()
    qtbot.mouseClick(p.seen_button, Qt.MouseButton.LeftButton)
    assert not p.isVisible()
    assert answers.for_today(store) == []


def test_the_engagement_shows_who_accepted_and_keeps_its_time(
    qtbot, window: MainWindow, store: Store, kickoff: int, modal
) -> None:  # type: ignore[no-untyped-def]
    # WHEN the engagement's answers are opened from Today (Enter on a reply)
    window.registry.go_today.trigger()
    p = panel(window, qtbot)
    seen: dict[str, object] = {}

    def look_and_keep(dialog: QWidget) -> None:
        assert isinstance(dialog, AnswersDialog)
        lines = [
            [dialog.list.topLevelItem(r).text(c) for c in range(4)] for r in range(dialog.list.topLevelItemCount())
        ]
        seen["lines"], seen["summary"] = lines, dialog.summary.text()
        # Ana's line is selected (she proposes a time): keep ours
        assert dialog.list.currentItem().text(0) == "Ana Lima"
        qtbot.mouseClick(dialog.decline_button, Qt.MouseButton.LeftButton)
        seen["after"] = dialog.list.currentItem().text(2), dialog.accept_button.isEnabled()

    run = modal(look_and_keep)
    p.list.setCurrentItem(p.list.topLevelItem(1))
    p.open_selected()
    run.check()
    # THEN each attendee is there with their answer
    assert seen["lines"] == [
        ["Ana Lima", "? Maybe", "Wed 02 Dec 2026, 15:00", "Could we do the afternoon?"],
        ["Bo Chen", "✓ Accepted", "", ""],
    ]
    assert seen["summary"] == "2 of 2 answered: 1 maybe, 1 accepted; 1 proposes a new time"
    # AND keeping the time cleared the proposal, and the engagement did not move
    assert seen["after"] == ("", False)
    assert store.engagements.get(kickoff).start == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def test_who_accepted_opens_from_the_engagement_on_the_contact_page(
    qtbot, window: MainWindow, store: Store, kickoff: int, modal
) -> None:  # type: ignore[no-untyped-def]
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu
    from window_pages import select

    # GIVEN Ana's page, her engagements listed
    window.registry.go_contacts.trigger()
    ana = store.contacts.resolve("Ana Lima")
    select(qtbot, window, ana)
    tree = window.contact_page.engagements_tree
    window.contact_page.lower_tabs.setCurrentWidget(tree)  # (a tab is filled when shown)
    assert tree.topLevelItem(0).text(0) == "Kick-off"
    seen: dict[str, object] = {}
    deadline = time.monotonic() + 5

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            if time.monotonic() < deadline:
                QTimer.singleShot(10, choose)
            return
        [entry] = [a for a in menu.actions() if a.text() == "Who accepted…"]
        entry.trigger()
        menu.close()

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, AnswersDialog)
        seen["title"] = dialog.title.text()
        seen["who"] = [dialog.list.topLevelItem(r).text(0) for r in range(dialog.list.topLevelItemCount())]

    run = modal(look, AnswersDialog)
    # WHEN "Who accepted…" is chosen from the engagement's context menu
    QTimer.singleShot(0, choose)
    tree.customContextMenuRequested.emit(tree.visualItemRect(tree.topLevelItem(0)).center())
    qtbot.waitUntil(lambda: run.done, timeout=5000)
    run.check()
    # THEN the engagement's answers open
    assert seen == {"title": "Kick-off", "who": ["Ana Lima", "Bo Chen"]}

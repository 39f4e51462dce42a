"""The contact page's follow-up and engagement tabs are filled when shown (issue 16).

Opening a contact filled both hidden lists every time (their items, dates and
tooltips), and the first contact opened paid Qt's first tree items too. Now
a hidden tab is filled when the user shows it, with the contact shown then;
its title still counts what it holds."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget

from followup.domain import Contact, Kind
from followup.engine import plans
from followup.planning.model import Engagement
from followup.store import Store
from ui.shell.window import MainWindow


def _planned(store: Store, name: str, title: str) -> int:
    """A contact with an engagement planned (and its open follow-ups)."""
    cid = store.contacts.add(Contact(name=name, kind=Kind.CLIENT, tz="Europe/Lisbon"))
    start = store.clock.now() + timedelta(days=7)
    engagement = Engagement(title, [cid], start=start, end=start + timedelta(hours=1), tz="Europe/Lisbon")
    plans.create(store, engagement, plans.default_playbook(store, [cid]))
    return cid


def _ids(tree: QTreeWidget) -> list[int]:
    return [int(tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)) for i in range(tree.topLevelItemCount())]  # type: ignore[union-attr]


def _opened(window: MainWindow, store: Store) -> tuple[int, int]:
    ana = _planned(store, "Ana Lima", "Kick-off")
    bo = _planned(store, "Bo Li", "Quarterly review")
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    return ana, bo


def test_a_hidden_tab_is_filled_when_shown_with_the_contact_shown_then(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two contacts with plans, the page on its timeline
    ana, bo = _opened(window, store)
    window.open_contact(ana)
    page = window.contact_page
    assert page.lower_tabs.currentIndex() == 0

    # WHEN another is opened, the timeline still in front
    window.open_contact(bo)

    # THEN the hidden lists are not filled, but their tabs count what they hold
    follow_ups = store.follow_ups.for_contact(bo)
    assert follow_ups
    assert page.follow_ups_tree.topLevelItemCount() == 0
    assert page.engagements_tree.topLevelItemCount() == 0
    assert page.lower_tabs.tabText(1) == f"Open follow-ups ({len(follow_ups)})"
    assert page.lower_tabs.tabText(2) == "Engagements (1)"

    # WHEN the follow-ups tab is shown, then the engagements tab
    page.lower_tabs.setCurrentWidget(page.follow_ups_tree)
    # THEN it lists the contact shown now, not the one before
    assert _ids(page.follow_ups_tree) == [fu.id for fu in follow_ups]
    assert page.engagements_tree.topLevelItemCount() == 0  # (still hidden)
    page.lower_tabs.setCurrentWidget(page.engagements_tree)
    assert page.engagements_tree.topLevelItem(0).text(0) == "Quarterly review"  # type: ignore[union-attr]


def test_the_tab_in_front_is_filled_at_once_and_follows_the_next_contact(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, store: Store
) -> None:
    # GIVEN the engagements tab in front, on Ana's page
    ana, bo = _opened(window, store)
    window.open_contact(ana)
    page = window.contact_page
    page.lower_tabs.setCurrentWidget(page.engagements_tree)
    assert page.engagements_tree.topLevelItem(0).text(0) == "Kick-off"  # type: ignore[union-attr]

    # WHEN Bo is opened
    window.open_contact(bo)

    # THEN the tab in front shows Bo's at once; the follow-ups, hidden, wait
    assert page.engagements_tree.topLevelItem(0).text(0) == "Quarterly review"  # type: ignore[union-attr]
    assert page.follow_ups_tree.topLevelItemCount() == 0
    # ... and show Bo's (not Ana's) when shown after Ana and Bo again
    window.open_contact(ana)
    window.open_contact(bo)
    page.lower_tabs.setCurrentWidget(page.follow_ups_tree)
    assert _ids(page.follow_ups_tree) == [fu.id for fu in store.follow_ups.for_contact(bo)]

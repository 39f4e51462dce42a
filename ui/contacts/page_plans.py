"""The contact page's lower tabs of plans: the open (and lately closed)
follow-ups and the engagements, and their right-click menus.

A tab is filled when it is shown (``WhenShown``): opening a contact filled
both lists though they are hidden behind the timeline most of the time (~1 ms
an open at 100,000 contacts, and Qt's first tree items on the first one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QTabWidget, QTreeWidget, QTreeWidgetItem, QWidget

from followup.planning.model import Engagement, FollowUp
from ui.style import theme
from ui.widgets.labels import channel_label
from ui.widgets.plain_text import tip
from ui.widgets.when_text import date_text, datetime_text


def fill_follow_ups(tree: QTreeWidget, follow_ups: list[FollowUp], closed: list[FollowUp], tz: ZoneInfo) -> None:
    """The open follow-ups, then the latest done or skipped ones (muted: they can be reopened)."""
    tree.clear()
    for fu in follow_ups:
        when = (
            f"{date_text(fu.due_date)}, all day"
            if fu.due is None and fu.due_date
            else datetime_text(fu.snoozed_until or fu.due, tz)  # type: ignore[arg-type]
        )
        phase = fu.phase.label if fu.phase else fu.source.label
        item = QTreeWidgetItem(
            [fu.title, when + (" (snoozed)" if fu.snoozed_until else ""), phase, channel_label(fu.channel)]
        )
        item.setToolTip(0, tip(fu.notes or fu.title))
        item.setData(0, Qt.ItemDataRole.UserRole, fu.id)
        tree.addTopLevelItem(item)
    for fu in closed:
        done = "Done" if fu.status.value == "done" else "Skipped"
        when = f"{done} {date_text(fu.completed_at.astimezone(tz))}" if fu.completed_at else done
        phase = fu.phase.label if fu.phase else fu.source.label
        item = QTreeWidgetItem([fu.title, when, phase, channel_label(fu.channel)])
        item.setToolTip(0, f"{done}. Right-click to reopen it.")
        item.setData(0, Qt.ItemDataRole.UserRole, fu.id)
        item.setData(1, Qt.ItemDataRole.UserRole, fu.status.value)
        for column in range(4):
            item.setForeground(column, theme.muted())
        tree.addTopLevelItem(item)


def fill_engagements(
    tree: QTreeWidget, engagements: list[Engagement], follow_ups: list[FollowUp], now: datetime, tz: ZoneInfo
) -> None:
    tree.clear()
    for e in engagements:
        if e.all_day and e.start_date:
            when = f"{date_text(e.start_date)}, all day"
            past = e.start_date < now.astimezone(tz).date()
        else:
            assert e.start is not None
            when = datetime_text(e.start, tz)
            past = e.start < now
        status = "Cancelled" if e.status == "cancelled" else ("Held" if past else "Planned")
        open_count = sum(1 for fu in follow_ups if fu.engagement_id == e.id)
        item = QTreeWidgetItem([e.title, when, status, f"{open_count} open" if open_count else "—"])
        item.setData(0, Qt.ItemDataRole.UserRole, e.id)
        item.setData(1, Qt.ItemDataRole.UserRole, e.status)
        tree.addTopLevelItem(item)


class WhenShown(QObject):
    """Fills the follow-ups and engagements tabs of ``tabs`` when each is
    shown: at once if it is in front, else when the user brings it there,
    with what was given last (the contact shown then)."""

    def __init__(
        self,
        tabs: QTabWidget,
        follow_ups: QTreeWidget,
        engagements: QTreeWidget,
        now: Callable[[], datetime],
        tz: ZoneInfo,
    ) -> None:
        super().__init__(tabs)
        self._tabs, self._follow_ups, self._engagements = tabs, follow_ups, engagements
        self._now, self._tz = now, tz
        self._waiting: dict[QWidget, Callable[[], None]] = {}  # a tab's fill, until it is shown
        tabs.currentChanged.connect(self._on_tabs_current_changed)

    def set(self, follow_ups: list[FollowUp], engagements: list[Engagement], closed: list[FollowUp]) -> None:
        self._waiting = {
            self._follow_ups: partial(fill_follow_ups, self._follow_ups, follow_ups, closed, self._tz),
            # (held or planned as of when it is shown)
            self._engagements: lambda: fill_engagements(
                self._engagements, engagements, follow_ups, self._now(), self._tz
            ),
        }
        self._tabs.setTabText(self._tabs.indexOf(self._follow_ups), f"Open follow-ups ({len(follow_ups)})")
        self._tabs.setTabText(self._tabs.indexOf(self._engagements), f"Engagements ({len(engagements)})")
        self._on_tabs_current_changed(self._tabs.currentIndex())

    def _on_tabs_current_changed(self, index: int) -> None:
        shown = self._tabs.widget(index)
        fill = self._waiting.pop(shown, None) if shown is not None else None
        if fill is not None:
            fill()


def engagement_menu(parent: QWidget, tree: QTreeWidget, pos: QPoint, emit: Callable[[int, str], None]) -> None:
    """Export, invite, edit, reschedule or cancel the engagement under ``pos``."""
    item = tree.itemAt(pos)
    if item is None:
        return
    engagement_id = int(item.data(0, Qt.ItemDataRole.UserRole))
    cancelled = item.data(1, Qt.ItemDataRole.UserRole) == "cancelled"
    menu = QMenu(parent)
    if cancelled:
        menu.addAction("Send the cancellation…", lambda: emit(engagement_id, "ics"))
    else:
        menu.addAction("Add to my calendar…", lambda: emit(engagement_id, "ics"))
        menu.addAction("Invite the contact…", lambda: emit(engagement_id, "invite"))
        menu.addAction("Who accepted…", lambda: emit(engagement_id, "answers"))
        menu.addSeparator()
        menu.addAction("Edit…", lambda: emit(engagement_id, "edit"))
        menu.addAction("Reschedule…", lambda: emit(engagement_id, "reschedule"))
        menu.addAction("Cancel the engagement…", lambda: emit(engagement_id, "cancel"))
    menu.exec(tree.viewport().mapToGlobal(pos))


def follow_up_menu(
    parent: QWidget,
    tree: QTreeWidget,
    pos: QPoint,
    reopen: Callable[[int], None],
    calendar: Callable[[int, str], None],
) -> None:
    """Reopen a closed follow-up; put an open one in a calendar."""
    item = tree.itemAt(pos)
    if item is None:
        return
    fu_id = int(item.data(0, Qt.ItemDataRole.UserRole))
    menu = QMenu(parent)
    if item.data(1, Qt.ItemDataRole.UserRole) in ("done", "skipped"):
        menu.addAction("Reopen", lambda: reopen(fu_id))
    else:
        menu.addAction("Add to calendar…", lambda: calendar(fu_id, "ics"))
        menu.addAction("Add to Google Calendar", lambda: calendar(fu_id, "google"))
        menu.addAction("Add to Outlook", lambda: calendar(fu_id, "outlook"))
    menu.exec(tree.viewport().mapToGlobal(pos))

"""The two large sections of a contact's page, each made on its own: the
details (emails, phones... and "their space") and the lower tabs (the
timeline, the open follow-ups, the engagements).

The page is built after the window's first frame a slice at a time
(ui/shell/contact_page_slot.py); made apart, each section is a slice of its
own, and the page then only puts them together (ui/contacts/page.py). The
page connects their signals to its own slots.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
)

from ui.contacts import details_area
from ui.contacts import page_parts as parts
from ui.contacts.timeline_delegate import TimelineDelegate
from ui.contacts.timeline_expand import TimelineExpander
from ui.contacts.timeline_model import TimelineModel
from ui.style import theme
from ui.widgets.plain_text import plain
from ui.widgets.wrapped_label import WrappedLabel

DELETE_TOUCH_POINT_KEY = QKeySequence.StandardKey.Delete


@dataclass(frozen=True, slots=True)
class Details:
    form: QFormLayout
    emails: QLabel
    phones: QLabel
    channel: QLabel
    zone: QLabel
    tags: QLabel
    referred: QLabel
    dates: QLabel
    addresses: QLabel
    links: QLabel
    space: QLabel
    body: QHBoxLayout  # the details beside "their space"; stacked when narrow
    area: details_area.FittingScrollArea


def details() -> Details:
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
    form.setHorizontalSpacing(theme.MARGIN)
    form.setVerticalSpacing(4)
    values = [parts.value_label() for _ in range(9)]
    for title, widget in zip(
        ("Email", "Phone", "Prefers", "Time zone", "Tags", "Referred by", "Dates", "Address", "Links"),
        values,
        strict=True,
    ):
        form.addRow(parts.field_label(title), widget)

    space = plain(WrappedLabel())
    space.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    space.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    space_box = QFrame()
    space_box.setObjectName("theirSpace")
    space_box.setFrameShape(QFrame.Shape.StyledPanel)
    space_layout = QVBoxLayout(space_box)
    space_title = QLabel("Their space")
    space_title.setToolTip("What has their attention, what stresses them, their pace")
    bold = space_title.font()
    bold.setBold(True)
    space_title.setFont(bold)
    space_layout.addWidget(space_title)
    space_layout.addWidget(space, 1)
    space_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    body = details_area.WatchedHBoxLayout()
    body.setSpacing(theme.MARGIN * 2)
    body.addLayout(form, 3)
    body.addWidget(space_box, 2)
    emails, phones, channel, zone, tags, referred, dates, addresses, links = values
    area = details_area.FittingScrollArea(body)
    return Details(form, emails, phones, channel, zone, tags, referred, dates, addresses, links, space, body, area)


@dataclass(frozen=True, slots=True)
class Lower:
    title: QLabel  # "Touch points (n)", hidden: the tab says it
    model: TimelineModel
    timeline: QListView
    delegate: TimelineDelegate
    expander: TimelineExpander
    delete_touch_point: QAction
    empty: QLabel
    stack: QStackedWidget  # the timeline, or the words for none yet
    follow_ups: QTreeWidget
    engagements: QTreeWidget
    tabs: QTabWidget


def lower(now: Callable[[], datetime], tz: ZoneInfo) -> Lower:
    title = QLabel()
    bold = title.font()
    bold.setBold(True)
    title.setFont(bold)
    title.hide()
    model = TimelineModel()
    timeline = QListView()
    delegate = TimelineDelegate(now, tz, timeline)
    timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    timeline.setObjectName("timeline")
    timeline.setModel(model)
    timeline.setItemDelegate(delegate)
    timeline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    expander = TimelineExpander(timeline, delegate)
    timeline.setAccessibleName("Timeline of touch points")
    timeline.setToolTip("")
    timeline.setFrameShape(QFrame.Shape.NoFrame)
    timeline.setSpacing(0)
    timeline.setResizeMode(QListView.ResizeMode.Adjust)
    # Lay out the cards in batches: the first screenful paints at once (the
    # page sizes the first batch to what shows: ContactPage.lay_out_now) and
    # the rest of a long history (hundreds of cards) follows in the event loop.
    timeline.setLayoutMode(QListView.LayoutMode.Batched)
    timeline.setBatchSize(40)
    delete_tp = QAction("Delete touch point", timeline)
    delete_tp.setShortcut(QKeySequence(DELETE_TOUCH_POINT_KEY))
    delete_tp.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    timeline.addAction(delete_tp)

    empty = QLabel("No touch points yet.\nLog the first call, email or meeting with Ctrl+L.")
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    empty.setStyleSheet(f"color: {theme.muted().name()};")
    stack = QStackedWidget()
    stack.addWidget(timeline)
    stack.addWidget(empty)

    follow_ups = parts.tree(["Follow-up", "Due", "Phase", "Channel"], "Open follow-ups")
    engagements = parts.tree(["Engagement", "When", "Status", "Follow-ups"], "Engagements")
    for tree in (follow_ups, engagements):
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    engagements.setToolTip("Right-click an engagement to export, invite, reschedule or cancel it")
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(stack, "Timeline")
    tabs.addTab(follow_ups, "Open follow-ups")
    tabs.addTab(engagements, "Engagements")
    # the details above take what their text needs first; the tabs the rest (never under 160 px)
    tabs.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    tabs.setMinimumHeight(160)
    return Lower(title, model, timeline, delegate, expander, delete_tp, empty, stack, follow_ups, engagements, tabs)

"""A contact's page: who they are, how they are doing, and the timeline."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Contact, TouchPoint
from followup.planning.model import Engagement, FollowUp
from followup.timeutil import days_ago, zone_info
from ui.contacts import page_parts as parts
from ui.contacts import page_plans as plans
from ui.contacts import page_sections, timeline_menu
from ui.contacts import records as contact_records
from ui.contacts.freshness import freshness, freshness_tip
from ui.style import theme
from ui.widgets import layouts
from ui.widgets.counts import plural
from ui.widgets.plain_text import plain, tip
from ui.widgets.when_text import time_text
from ui.widgets.wrapped_label import WrappedLabel

DELETE_TOUCH_POINT_KEY = page_sections.DELETE_TOUCH_POINT_KEY
SHORTEST_CARD = 40  # px: a card with no note is ~60 (ui/contacts/timeline_delegate.py)
SCROLLED_BATCH = 40  # the timeline scrolled down: as many at once as always (page_sections.py)
LATER_BATCH = 10  # cards measured a turn once the first paint is made (~1 ms: each turn well within a frame)
# The keys of a contact's page, for Help > Keyboard shortcuts.
KEYS: tuple[tuple[str, str | QKeySequence.StandardKey], ...] = (
    ("delete the selected touch point", DELETE_TOUCH_POINT_KEY),
    ("show a long note whole, or short again (a click too); on a whole one, edit it", "Enter"),
)


class ContactPage(QWidget):
    """Shows one contact; asks the window to act through its signals."""

    log_requested = Signal(int)
    edit_requested = Signal(int)
    archive_requested = Signal(int)
    delete_requested = Signal(int)
    contact_link_activated = Signal(int)
    touch_point_edit_requested = Signal(int)
    touch_point_delete_requested = Signal(int)
    touch_point_needs_reply_requested = Signal(int, bool)  # touch point id, needs a reply (mail needs-reply)
    plan_requested = Signal(int)
    organisation_requested = Signal(str)  # the organisation's name, clicked in the header
    engagement_action_requested = Signal(
        int, str
    )  # engagement id, "ics" | "invite" | "answers" | "reschedule" | "cancel"
    follow_up_calendar_requested = Signal(int, str)  # follow-up id, "ics" | "google" | "outlook"
    follow_up_reopen_requested = Signal(int)  # a done or skipped follow-up

    def __init__(
        self,
        now: Callable[[], datetime],
        tz: ZoneInfo,
        parent: QWidget | None = None,
        *,
        details: page_sections.Details | None = None,
        lower: page_sections.Lower | None = None,
    ) -> None:
        """``details`` and ``lower``: the sections, if made already (ui/contacts/page_sections.py)."""
        super().__init__(parent)
        self._now = now
        self._tz = tz
        self.contact: Contact | None = None
        self.cadence: tuple[int, int] = (30, 60)  # (ideal, limit) days, set by the window

        self.photo_label = QLabel()
        self.photo_label.setAccessibleName("Photo")
        self.photo_label.hide()
        self.name_label = plain(WrappedLabel())
        self.name_label.setObjectName("contactName")
        theme.make_heading(self.name_label, 1.6)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.role_label = WrappedLabel()  # rich text for the organisation link; every part is escaped (see show)
        self.role_label.setTextFormat(Qt.TextFormat.RichText)
        self.role_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.role_label.linkActivated.connect(
            lambda _link: self.contact and self.organisation_requested.emit(self.contact.organisation)
        )
        self.kind_label = QLabel()
        self.last_touched_label = QLabel()
        self.last_touched_label.setObjectName("lastTouched")
        big = self.last_touched_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        self.last_touched_label.setFont(big)
        self.last_touched_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.last_touched_label.setToolTip("Days since the last logged touch point, on your calendar")

        self.log_button = QPushButton("Log touch point")
        self.log_button.setToolTip("Log a call, email, meeting or message with this contact (Ctrl+L)")
        self.edit_button = QPushButton("Edit")
        self.edit_button.setToolTip("Edit this contact's details (Ctrl+E)")
        self.archive_button = QPushButton("Archive")
        self.archive_button.setToolTip("Hide this contact from the list without losing anything")
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setToolTip("Delete this contact and their log (you can undo)")
        self.plan_button = QPushButton("Plan engagement")
        self.plan_button.setToolTip("Plan a meeting, delivery or order with them: before, during, after (Ctrl+Shift+E)")
        self.log_button.setDefault(True)
        for button, signal in (
            (self.log_button, self.log_requested),
            (self.edit_button, self.edit_requested),
            (self.archive_button, self.archive_requested),
            (self.delete_button, self.delete_requested),
            (self.plan_button, self.plan_requested),
        ):
            button.clicked.connect(lambda _=False, s=signal: self.contact and s.emit(self.contact.id))

        header = QGridLayout()
        header.setHorizontalSpacing(theme.MARGIN)
        header.addWidget(self.photo_label, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.name_label, 0, 1)
        header.addWidget(self.last_touched_label, 0, 2)
        role_row = QHBoxLayout()
        role_row.addWidget(self.kind_label)
        role_row.addWidget(self.role_label, 1)
        header.addLayout(role_row, 1, 1, 1, 2)
        header.setColumnStretch(1, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.plan_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.delete_button)

        made = details or page_sections.details()
        self.details = made.form
        self.emails_value, self.phones_value, self.channel_value = made.emails, made.phones, made.channel
        self.zone_value, self.tags_value, self.referred_value = made.zone, made.tags, made.referred
        self.dates_value, self.addresses_value, self.links_value = made.dates, made.addresses, made.links
        self.space_label, self.body = made.space, made.body  # (the body stacks when narrow: ui/shell/narrow.py)
        self.details_area = made.area
        self.referred_value.linkActivated.connect(self._on_referred_link_activated)
        self.links_value.linkActivated.connect(self._on_web_link_activated)
        for label in (self.emails_value, self.phones_value):
            label.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))

        tabs = lower or page_sections.lower(now, tz)
        self.timeline_title, self.timeline_model, self.timeline = tabs.title, tabs.model, tabs.timeline
        self.timeline_delegate, self.timeline_expander = tabs.delegate, tabs.expander
        self.timeline_empty, self.timeline_stack = tabs.empty, tabs.stack
        self.follow_ups_tree, self.engagements_tree, self.lower_tabs = tabs.follow_ups, tabs.engagements, tabs.tabs
        self.timeline.customContextMenuRequested.connect(self._on_timeline_context_menu)
        self.timeline.verticalScrollBar().valueChanged.connect(self._on_timeline_scrolled)
        self.timeline.activated.connect(self._on_timeline_activated)
        tabs.delete_touch_point.triggered.connect(self._on_delete_touch_point_triggered)
        self.engagements_tree.customContextMenuRequested.connect(self._on_engagements_context_menu)
        self.follow_ups_tree.customContextMenuRequested.connect(self._on_follow_ups_context_menu)
        self._plans = plans.WhenShown(self.lower_tabs, self.follow_ups_tree, self.engagements_tree, now, tz)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN * 2, theme.MARGIN * 2, theme.MARGIN * 2, theme.MARGIN)
        layout.setSpacing(theme.MARGIN)
        layout.addLayout(header)
        layout.addLayout(buttons)
        layout.addWidget(self.details_area)
        layout.addWidget(self.lower_tabs, 1)

    def sizeHint(self) -> QSize:
        """Its height at the width it has (the stack and the scroll area that
        hold the page ask for the hint at every change: ui/widgets/layouts.py)."""
        hint = layouts.hint_at_shown_width(self)
        return super().sizeHint() if hint is None else hint

    # -- showing ---------------------------------------------------------------

    def show_contact(self, contact: Contact, touch_points: list[TouchPoint], referrer_name: str | None) -> None:
        self.contact = contact
        self.name_label.setText(contact.name)
        role = [html.escape(contact.title)] if contact.title else []
        if contact.organisation.strip():
            role.append(f"<a href='organisation'>{html.escape(contact.organisation)}</a>")
        self.role_label.setText(" · ".join(role))
        self.role_label.setToolTip(
            tip(f"Everyone at {contact.organisation}, and your last touch point with each") if role else ""
        )
        colour = theme.kind_colour(contact.kind).name()
        kind_text = contact.kind.label + (" · internal" if contact.kind.internal else "")
        self.kind_label.setText(
            f"<span style='color:{colour}; font-weight:600'>{html.escape(kind_text)}</span>"
            + (" <i>(archived)</i>" if contact.archived else "")
        )
        self.archive_button.setText("Unarchive" if contact.archived else "Archive")
        self._show_last_touched(contact)
        self.emails_value.setText(parts.links(contact.emails, "mailto:") or parts.none())
        self.phones_value.setText(parts.links(contact.phones, "tel:") or parts.none())
        self.channel_value.setText(
            f"{contact.preferred_channel.label} · in touch every {plural(self.cadence[0], 'day')}"
        )
        local_now = self._now().astimezone(zone_info(contact.tz))
        self.zone_value.setText(f"{html.escape(contact.tz)} · {time_text(local_now)} there now")
        self.tags_value.setText(", ".join(html.escape(t) for t in contact.tags) or parts.none())
        self._show_records(contact)
        if contact.referred_by is not None and referrer_name:
            self.referred_value.setText(f"<a href='contact:{contact.referred_by}'>{html.escape(referrer_name)}</a>")
        else:
            self.referred_value.setText(parts.none())
        space = contact.notes.strip()
        self.space_label.setText(
            space[:4000]
            if space
            else "Nothing noted yet. Edit the contact to note "
            "what has their attention, what stresses them and their pace."
        )
        _set_style(self.space_label, "" if space else f"color: {theme.muted().name()};")
        self.set_touch_points(touch_points)

    def _show_records(self, contact: Contact) -> None:
        """Dates, addresses, links: a row each when there is something to show; the photo beside the name."""
        today = self._now().astimezone(self._tz).date()
        for widget, text in (
            (self.dates_value, contact_records.dates_html(contact, today)),
            (self.addresses_value, contact_records.addresses_html(contact)),
            (self.links_value, contact_records.links_html(contact)),
        ):
            widget.setText(text)
            self.details.setRowVisible(widget, bool(text))
        self.details_area.updateGeometry()
        pixmap = contact_records.photo_pixmap(contact, 64)
        if pixmap is None:
            self.photo_label.clear()
        else:
            self.photo_label.setPixmap(pixmap)
        self.photo_label.setVisible(pixmap is not None)

    def _on_web_link_activated(self, link: str) -> None:
        if link.lower().startswith(contact_records.SAFE_SCHEMES):
            QDesktopServices.openUrl(QUrl(link))

    def set_touch_points(self, touch_points: list[TouchPoint]) -> None:
        self.timeline_delegate.forget_sizes()
        self.timeline_delegate.expanded &= {tp.id for tp in touch_points if tp.id is not None}
        self._first_batch()  # (the timeline lays out as soon as it is shown, if it was not)
        self.timeline_model.set_items(touch_points)
        n = len(touch_points)
        self.timeline_title.setText(f"Touch points ({n})" if n else "Touch points")
        self.lower_tabs.setTabText(0, f"Timeline ({n})")
        self.timeline_stack.setCurrentWidget(self.timeline if n else self.timeline_empty)

    def lay_out_now(self) -> None:
        """Lay the page out to the end now, then measure the timeline's cards
        that show: the first paint shows the page as it stays, and is the only
        one (ui/widgets/layouts.py). Laid out while painting, the timeline asked
        for a second paint; the cards below those in view are measured a batch
        at a time after it."""
        layouts.settle()
        self._first_batch()
        self.timeline.executeDelayedItemsLayout()
        self.timeline.setBatchSize(LATER_BATCH)  # the rest after the paint, a few at a turn

    def _first_batch(self) -> None:
        """The timeline's next layout measures about the cards that fit in it,
        when it shows its newest ones (scrolled down, it keeps its place: all at once)."""
        fits = self.timeline.viewport().height() // SHORTEST_CARD + 2
        self.timeline.setBatchSize(fits if self.timeline.verticalScrollBar().value() == 0 else SCROLLED_BATCH)

    def set_plans(
        self, follow_ups: list[FollowUp], engagements: list[Engagement], closed: list[FollowUp] | None = None
    ) -> None:
        """The contact's open follow-ups (then the latest done or skipped ones,
        which can be reopened) and their engagements with plans: each tab
        filled when it is shown (``page_plans.WhenShown``)."""
        self._plans.set(follow_ups, engagements, closed or [])

    def _show_last_touched(self, contact: Contact) -> None:
        ideal, limit = self.cadence
        fresh = freshness(contact.last_touched_at, contact.created_at, self._now(), self._tz, ideal, limit)
        self.last_touched_label.setText(fresh.long)
        _set_style(self.last_touched_label, f"color: {fresh.colour.name()};")
        days = days_ago(contact.last_touched_at, self._now(), self._tz) if contact.last_touched_at else None
        self.last_touched_label.setToolTip(freshness_tip(fresh, days, ideal, limit))

    # -- slots -----------------------------------------------------------------

    def _on_timeline_scrolled(self, value: int) -> None:
        if value:  # scrolled down: a layout again (a resize) measures as many at once as it always did
            self.timeline.setBatchSize(SCROLLED_BATCH)

    def _on_engagements_context_menu(self, pos: QPoint) -> None:
        plans.engagement_menu(self, self.engagements_tree, pos, self.engagement_action_requested.emit)

    def _on_follow_ups_context_menu(self, pos: QPoint) -> None:
        plans.follow_up_menu(
            self,
            self.follow_ups_tree,
            pos,
            self.follow_up_reopen_requested.emit,
            self.follow_up_calendar_requested.emit,
        )

    def _on_referred_link_activated(self, link: str) -> None:
        if link.startswith("contact:"):
            self.contact_link_activated.emit(int(link.split(":", 1)[1]))

    def _selected_touch_point(self) -> TouchPoint | None:
        index = self.timeline.currentIndex()
        return self.timeline_model.item(index.row()) if index.isValid() else None

    def _on_timeline_activated(self, index: QModelIndex) -> None:
        tp = self.timeline_model.item(index.row())
        if tp.id is not None:
            self.touch_point_edit_requested.emit(tp.id)

    def _on_delete_touch_point_triggered(self) -> None:
        tp = self._selected_touch_point()
        if tp and tp.id is not None:
            self.touch_point_delete_requested.emit(tp.id)

    def _on_timeline_context_menu(self, pos: QPoint) -> None:
        index = self.timeline.indexAt(pos)
        if not index.isValid():
            return
        tp = self.timeline_model.item(index.row())
        menu = QMenu(self)
        timeline_menu.add_entries(menu, self.timeline_model, index.row(), self.touch_point_needs_reply_requested.emit)
        edit = menu.addAction("Edit touch point…")
        delete = menu.addAction("Delete touch point")
        chosen = menu.exec(self.timeline.viewport().mapToGlobal(pos))
        if tp.id is None:
            return
        if chosen is edit:
            self.touch_point_edit_requested.emit(tp.id)
        elif chosen is delete:
            self.touch_point_delete_requested.emit(tp.id)


def _set_style(label: QLabel, sheet: str) -> None:
    """A style sheet set again, even the same, polishes the label again and lays it out anew."""
    if label.styleSheet() != sheet:
        label.setStyleSheet(sheet)

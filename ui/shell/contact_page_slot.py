"""The contact page, built when it is first needed rather than at start-up.

The first frame shows the list and, on the right, a placeholder ("Select a
contact..."): the page is not on it. Importing the page (its timeline
delegate, its parts, the Qt classes they name) and building it was ~100 ms of
a 10,000-contact start (issue 16), so the window builds it on first use
(``MainWindow.contact_page``: a contact selected, opened from Today, a link,
a shortcut) or, failing that, just after the first frame (``after_paint``),
so that the first click does not wait for it.

Until then an empty widget in the page's place holds its room (``PAGE_ROOM``),
so that the window lays out the first frame as with the page built: the narrow
window stacks the list above the page by the page's width (ui/shell/narrow.py).
``tests/ui/shell/test_contact_page_slot.py`` checks that it is the page's own
minimum size in the app's appearance; with other fonts it is near it, and the
window fits the page's own as soon as it is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget

from followup.errors import FollowupError
from followup.preferences import Preferences

if TYPE_CHECKING:
    from ui.contacts.page import ContactPage
    from ui.shell.window import MainWindow

# The contact page's minimumSizeHint with the app's fonts (offscreen, where the
# tests and screenshots run); the placeholder keeps it until the page is built.
PAGE_ROOM = QSize(570, 412)


def keep_room(right: QStackedWidget) -> QWidget:
    """An empty widget, never shown, that gives ``right`` the page's minimum size."""
    room = QWidget()
    room.setMinimumSize(PAGE_ROOM)
    right.addWidget(room)
    return room


def build(w: MainWindow) -> ContactPage:
    """Build the contact page into the right side of the window and wire it."""
    from ui.contacts.page import ContactPage
    from ui.shell import narrow

    page = ContactPage(w.clock.now, w.tz)
    w.right.addWidget(page)
    if w.page_room is not None:  # the page itself holds the room now
        w.right.removeWidget(w.page_room)
        w.page_room.deleteLater()
        w.page_room = None
    narrow.fit_page(w, page)
    _wire(w, page)
    return page


def fill(w: MainWindow, contact_id: int) -> bool:
    """Show this contact on the page (built if need be); False if they are gone."""
    store = w.store
    try:
        contact = store.contacts.get(contact_id)
    except FollowupError:
        return False
    referrer = None
    if contact.referred_by is not None:
        try:
            referrer = store.contacts.row(contact.referred_by).name
        except FollowupError:
            referrer = None
    ideal, limit = Preferences.load(store).cadence_for(contact.kind)
    if contact.cadence_ideal_days and contact.cadence_limit_days:
        ideal, limit = contact.cadence_ideal_days, contact.cadence_limit_days
    page = w.contact_page
    page.cadence = (ideal, limit)
    page.show_contact(contact, store.touch_points.for_contact(contact_id), referrer)
    page.set_plans(
        store.follow_ups.for_contact(contact_id),
        store.engagements.for_contact(contact_id),
        store.follow_ups.recently_closed(contact_id),
    )
    return True


def _wire(w: MainWindow, page: ContactPage) -> None:
    """The page's requests to the code that answers them (as ui/shell/wiring.py for the rest)."""
    from followup.mail.promises import kept_replies
    from followup.store.mail_messages import MailMessagesRepo
    from ui.mail.needs_reply import flip_needs_reply

    page.follow_up_calendar_requested.connect(w.io.follow_up_to_calendar)
    page.engagement_action_requested.connect(w.engagements.engagement_action)
    page.organisation_requested.connect(w.show_organisations)
    page.follow_up_reopen_requested.connect(w.follow_up_actions.reopen)
    page.log_requested.connect(w.contact_actions.log_touch_point)
    page.edit_requested.connect(w.contact_actions.edit_contact)
    page.archive_requested.connect(w.contact_actions.toggle_archived)
    page.delete_requested.connect(w.contact_actions.delete_contact)
    page.contact_link_activated.connect(w.open_contact)
    page.touch_point_edit_requested.connect(w.contact_actions.edit_touch_point)
    page.touch_point_delete_requested.connect(w.contact_actions.delete_touch_point)
    page.plan_requested.connect(w.engagements.plan_engagement)
    # The timeline shows mail threads and which replies were given; "Needs my
    # reply" on a message opens or closes its promise.
    page.timeline_model.thread_source = lambda contact_id: MailMessagesRepo(w.store).thread_keys(contact_id)
    page.timeline_model.kept_source = lambda contact_id: kept_replies(w.store, contact_id)
    page.touch_point_needs_reply_requested.connect(lambda tp_id, on: flip_needs_reply(w, tp_id, on))

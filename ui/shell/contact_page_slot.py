"""The contact page, built when it is first needed rather than at start-up.

The first frame shows the list and, on the right, a placeholder ("Select a
contact..."): the page is not on it. Importing the page (its timeline
delegate, its parts, the Qt classes they name) and building it was ~100 ms of
a 10,000-contact start (issue 16), so the window builds it on first use
(``MainWindow.contact_page``: a contact selected, opened from Today, a link,
a shortcut) or, failing that, after the first frame (``after_paint``), so
that the first click does not wait for it.

After the first frame it is built in slices (``SlicedBuild``): one module
imported, the page made, wired, shown once unseen; each slice a few
milliseconds of the GUI thread, each in an event-loop turn of its own and
only while the user is not typing or clicking (ui/widgets/activity.py). In
one go it was 42 ms at 100,000 contacts, a stall for whatever the user did
just after the window appeared, and the first contact opened paid another
10 ms for what Qt does the first time (its first show, its first dates).
A contact opened before the slices are done finishes them at once, without
the warm-ups, which its own showing does anyway.

Until then an empty widget in the page's place holds its room (``PAGE_ROOM``),
so that the window lays out the first frame as with the page built: the narrow
window stacks the list above the page by the page's width (ui/shell/narrow.py).
``tests/ui/shell/test_contact_page_slot.py`` checks that it is the page's own
minimum size in the app's appearance; with other fonts it is near it, and the
window fits the page's own as soon as it is built.
"""

from __future__ import annotations

import contextlib
import importlib
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize
from PySide6.QtWidgets import QStackedWidget, QWidget

from followup.changes import Changes
from followup.errors import FollowupError
from followup.preferences import Preferences
from ui.widgets.idle_steps import IdleSteps, Step

if TYPE_CHECKING:
    from followup.domain import Contact, Kind
    from ui.contacts import page_sections
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


# What the page needs, imported a module a slice (each ~0.1-2 ms), the leaves first.
MODULES = (
    "ui.contacts.timeline_threads",
    "ui.contacts.timeline_model",
    "ui.contacts.timeline_delegate",
    "ui.contacts.timeline_expand",
    "ui.contacts.timeline_menu",
    "ui.contacts.records",
    "ui.contacts.page_parts",
    "ui.contacts.page_plans",
    "ui.contacts.page_sections",
    "ui.contacts.page",
    "ui.contacts.page_specimen",
    "followup.store.mail_messages",
    "followup.mail.promises",
    "ui.mail.needs_reply",
    "ui.shell.narrow",
)


class Cadences(QObject):
    """The rhythms of Settings, read once and kept until a change says the
    settings moved: the Settings dialog or a restore here, another process
    (the hub's poll says so as a change of everything). Read on every contact
    opened, they were a query and a parse of every setting each time."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self._store = w.store
        self._kept: Preferences | None = None
        w.hub.changed.connect(self._on_hub_changed)

    def for_kind(self, kind: Kind) -> tuple[int, int]:
        if self._kept is None:
            self._kept = Preferences.load(self._store)
        return self._kept.cadence_for(kind)

    def _on_hub_changed(self, changes: Changes) -> None:
        if changes.settings:
            self._kept = None


BANDS = 3  # the page drawn unseen a band at a time: its header, its details, its timeline, roughly


class SlicedBuild(IdleSteps):
    """Builds the window's contact page a slice at a time (``start``), or the
    rest of it at once (``finish``: the page is asked for now)."""

    def __init__(self, w: MainWindow) -> None:
        super().__init__(w, "contactPageBuild")
        self._w = w
        self.page: ContactPage | None = None
        self._details: page_sections.Details | None = None  # the page's sections, made a slice each
        self._lower: page_sections.Lower | None = None
        self._specimen: Contact | None = None  # on the page while it warms up (ui/contacts/page_specimen.py)
        self.cadences = Cadences(w)
        steps: list[Step] = [(name, partial(_import, name), True) for name in MODULES]
        steps += [
            ("lay out rich text once", _rich_text_once, False),
            ("make its details", self._make_details, True),
            ("make its timeline and tabs", self._make_lower, True),
            ("make the page", self._make, True),
            ("put it in the window", self._place, True),
            ("wire it", self._wire, True),
            ("read the rhythms of Settings once", self._read_rhythms, False),
            ("ask the store once what a page asks", self._ask_store, False),
            ("write a date once", _write_dates, False),
            ("fill it with a specimen, unseen", self._fill_specimen, False),
            ("lay it out once, unseen", self._lay_out, False),
            *((f"draw it once, unseen, band {band}", partial(self._draw, band), False) for band in range(BANDS)),
            ("show it once, unseen", self._show_once, False),
            ("forget the specimen", self._forget_specimen, False),
        ]
        self.set_steps(steps)  # a warm-up is not needed to show a contact

    def finish(self) -> ContactPage:
        """The rest of what the page needs, now; the warm-ups are left out."""
        self.run_needed()
        assert self.page is not None
        return self.page

    def _make_details(self) -> None:
        from ui.contacts import page_sections

        self._details = page_sections.details()

    def _make_lower(self) -> None:
        from ui.contacts import page_sections

        self._lower = page_sections.lower(self._w.clock.now, self._w.tz)

    def _make(self) -> None:
        from ui.contacts.page import ContactPage

        self.page = ContactPage(self._w.clock.now, self._w.tz, details=self._details, lower=self._lower)
        self._details = self._lower = None

    def _place(self) -> None:
        from ui.shell import narrow

        w, page = self._w, self.page
        assert page is not None
        w.right.addWidget(page)
        if w.page_room is not None:  # the page itself holds the room now
            w.right.removeWidget(w.page_room)
            w.page_room.deleteLater()
            w.page_room = None
        narrow.fit_page(w, page)

    def _wire(self) -> None:
        assert self.page is not None
        _wire(self._w, self.page)
        self._w._contact_page = self.page  # built: the window shows contacts on it from now on

    def _read_rhythms(self) -> None:
        from followup.domain import Kind

        self.cadences.for_kind(Kind.OTHER)  # kept from now on

    def _ask_store(self) -> None:
        """The page's queries, each asked once of no one (-1): SQLite compiles
        each statement on its first use, not on the first contact opened."""
        store = self._w.store
        with contextlib.suppress(FollowupError):
            store.contacts.get(-1)
        store.touch_points.for_contact(-1)
        store.follow_ups.for_contact(-1)
        store.engagements.for_contact(-1)
        store.follow_ups.recently_closed(-1)
        if self.page is not None:  # the timeline's mail threads and replies kept (wired)
            model = self.page.timeline_model
            for source in (model.thread_source, model.kept_source):
                if source is not None:
                    source(-1)

    def _unseen(self) -> ContactPage | None:
        """The page, if it is hidden and shows no one real (else a warm-up is left out)."""
        page = self.page
        if page is None or self._w.right.currentWidget() is page:
            return None
        return page if page.contact is None or page.contact is self._specimen else None

    def _fill_specimen(self) -> None:
        from ui.contacts import page_specimen

        if (page := self._unseen()) is not None:
            page_specimen.fill(page, self._w.clock.now())
            self._specimen = page.contact

    def _show_once(self) -> None:
        """Show the page and hide it again before anything paints: its first
        show (style, fonts, every child's first show event) is paid here."""
        right, page = self._w.right, self._unseen()
        if page is None:
            return
        shown = right.currentWidget()
        if shown is None:
            return
        right.blockSignals(True)
        try:
            right.setCurrentWidget(page)
            right.setCurrentWidget(shown)
        finally:
            right.blockSignals(False)

    def _lay_out(self) -> None:
        if (page := self._unseen()) is not None and (layout := page.layout()) is not None:
            layout.activate()

    def _draw(self, band: int) -> None:
        from ui.contacts import page_specimen

        if (page := self._unseen()) is not None:
            page_specimen.draw(page, band, BANDS)

    def _forget_specimen(self) -> None:
        from ui.contacts import page_specimen

        if self.page is not None and self._specimen is not None and self.page.contact is self._specimen:
            page_specimen.forget(self.page)
        self._specimen = None


def _import(name: str) -> None:
    importlib.import_module(name)


def _rich_text_once() -> None:
    """Qt's first rich text laid out (its document layout, the fonts it resolves)."""
    from ui.contacts import page_parts

    label = page_parts.value_label()
    label.setText(f"<a href='mailto:x'>x</a> {page_parts.none()}")
    label.heightForWidth(200)


def _write_dates() -> None:
    """The page's first dates and times: the locale's formats, read once."""
    from ui.widgets.when_text import date_text, datetime_text, time_text

    now = datetime.now().astimezone()
    date_text(now.date())
    time_text(now)
    datetime_text(now)


def builder(w: MainWindow) -> SlicedBuild:
    """The window's builder of its page (made on first use)."""
    found = w.findChild(SlicedBuild, "contactPageBuild")
    return found if found is not None else SlicedBuild(w)


def stop(w: MainWindow) -> None:
    """No more slices (the window has gone); what is left is built if the page is asked for."""
    found = w.findChild(SlicedBuild, "contactPageBuild")
    if found is not None:
        found.timer.stop()


def build_in_slices(w: MainWindow) -> None:
    """Build the page a slice at a time from now (after the first paint)."""
    builder(w).start()


def build(w: MainWindow) -> ContactPage:
    """Build the contact page into the right side of the window and wire it
    (what is left of it, if it is being built in slices)."""
    return builder(w).finish()


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
    ideal, limit = builder(w).cadences.for_kind(contact.kind)
    if contact.cadence_ideal_days and contact.cadence_limit_days:
        ideal, limit = contact.cadence_ideal_days, contact.cadence_limit_days
    page = w.contact_page
    # Shown before it is filled: filled while hidden, its first show laid out
    # every line again (~5 ms on the first contact opened). Nothing paints between.
    w.right.setCurrentWidget(page)  # (the window's show_contact does too: filled, it is not shown again)
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

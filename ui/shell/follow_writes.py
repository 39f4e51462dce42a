"""The contacts list and the shown contact follow every write (Today, Insights,
the tray and the live calendar file listen to the hub for themselves): the
list read again, or only the rows of the contacts written; the page filled
again, at once or a frame later (ui/shell/page_again.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.changes import Changes
from followup.errors import FollowupError
from followup.preferences import Preferences
from ui.shell import page_again

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


def on_changed(w: MainWindow, changes: Changes) -> None:
    """The contacts list and the shown contact follow every write (Today, Insights,
    the tray and the live calendar file listen for themselves)."""
    w.page_fresh = None
    if changes.settings:  # the rhythms, against which the list colours Last touched
        w.contacts_model.set_cadences(Preferences.load(w.store).cadences)
    if not (changes.contacts or changes.touch_points or changes.follow_ups or changes.engagements):
        return
    shown = w.shown_contact_id()  # before the list moves (its selection may move with it)
    # A list read before a write to contacts or touch points (last touched) is read again; follow-ups show in no row.
    stale = w.contacts_loader.busy() and (changes.contacts or changes.touch_points)
    welcome = w.pages.currentWidget() is w.welcome
    later = False
    if changes.any_contact or changes.settings or changes.external or stale or welcome:
        w.reload_contacts()  # keeps the page if the contact is still listed (the first leaves the welcome page)
        later = w.contacts_loader.busy()
        gone: set[int] = set()
        shown = w.shown_contact_id()
    else:  # a follow-up shows in no row: only what changed a contact or its last touch
        gone = _follow_rows(w, changes.contact_ids) if changes.contacts or changes.touch_points else set()
    if shown in gone:  # deleted, or archived while archived contacts are hidden
        w.right.setCurrentWidget(w.placeholder)
        w.update_contact_actions()
    elif shown is not None and changes.touches_contact(shown):
        if later:  # the list read on the worker (a bulk write): not in the write's report
            page_again.show_later(w, shown)
        else:
            w.show_contact(shown)
        w.page_fresh = shown


def _follow_rows(w: MainWindow, contact_ids: frozenset[int]) -> set[int]:
    """Update these contacts' rows in the list; the ids that left it (taken out at once)."""
    show_archived, gone = w.registry.show_archived.isChecked(), set()
    for contact_id in sorted(contact_ids):
        try:
            row = w.store.contacts.row(contact_id)
        except FollowupError:
            row = None
        if row is None or (row.archived and not show_archived):
            gone.add(contact_id)
        else:
            w.contacts_model.upsert(row)
    with w.contacts_bulk.told_once():  # the selection bar: once, not for each run of rows gone
        w.contacts_model.remove(*gone)
    return gone

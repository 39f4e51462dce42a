"""The window's wiring: each registry action and each view's request to the
code that answers it (the window, its command objects, the features)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from followup.changes import Changes
from ui.ops.index_upkeep import IndexUpkeep
from ui.shell import insights_slot
from ui.shell import window_dialogs as dialogs
from ui.shell.dialog_warmup import DialogWarmUp
from ui.shell.statistics_refresh import StatisticsRefresh

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


def connect_actions(w: MainWindow) -> None:
    StatisticsRefresh(w.store, w)  # PRAGMA optimize every few hours, the user idle (kept by its parent)
    IndexUpkeep(w.store, w.hub, w.clock, w)  # the search index merged on the worker, the user idle
    w.after_paint.add(lambda: _install_dialog_keys(w))
    w.after_paint.add(
        lambda: insights_slot.build_in_slices(w)
    )  # Insights built while the user is idle, not on first show
    w.after_paint.add(lambda: DialogWarmUp(w).start())  # the everyday dialogs made ready, the user idle
    a = w.registry
    a.new_contact.triggered.connect(w.contact_actions.new_contact)
    a.log_touch_point.triggered.connect(w.contact_actions.log_touch_point)
    a.load_demo.triggered.connect(w.io.load_demo)
    a.remove_demo.triggered.connect(w.io.remove_demo)
    a.quit.triggered.connect(QApplication.quit)
    a.undo.triggered.connect(w.undo_stack.undo)
    a.find.triggered.connect(w._on_find_triggered)
    a.search_notes.triggered.connect(lambda: dialogs.search_notes(w, w.contacts_panel.search.text()))
    a.edit_contact.triggered.connect(lambda: _with_shown(w, w.contact_actions.edit_contact))
    # with several contacts selected in the list, archive and delete act on all of them (ui/contacts/bulk.py)
    a.archive_contact.triggered.connect(
        lambda: (
            w.contacts_bulk.archive()
            if w.contacts_bulk.count() > 1
            else _with_shown(w, w.contact_actions.toggle_archived)
        )
    )
    a.delete_contact.triggered.connect(
        lambda: (
            w.contacts_bulk.delete()
            if w.contacts_bulk.count() > 1
            else _with_shown(w, w.contact_actions.delete_contact)
        )
    )
    a.show_archived.toggled.connect(lambda _on: w.reload_contacts())
    a.refresh.triggered.connect(lambda: w.hub.publish(Changes.everything()))  # every view reloads
    a.go_today.triggered.connect(lambda: w.show_tab(w.today_page))
    a.go_contacts.triggered.connect(lambda: w.show_tab(w.splitter))
    a.go_insights.triggered.connect(lambda: w.show_tab(w.insights_page))
    a.playbooks.triggered.connect(lambda: dialogs.edit_playbooks(w))
    a.import_contacts.triggered.connect(w.io.import_contacts)
    a.export_contacts.triggered.connect(w.io.export_contacts)
    a.back_up.triggered.connect(w.io.back_up)
    a.restore.triggered.connect(w.io.restore)
    w.welcome.import_contacts_requested.connect(w.io.import_contacts)
    w.welcome.import_meetings_requested.connect(w.io.import_meetings)
    a.import_meetings.triggered.connect(w.io.import_meetings)
    a.export_calendar.triggered.connect(lambda: w.io.export_calendar())
    w.registry.organisations.triggered.connect(lambda: w.show_organisations(None))
    a.plan_engagement.triggered.connect(lambda: w.engagements.plan_engagement())
    a.done.triggered.connect(w._on_done_triggered)
    a.remind.triggered.connect(lambda: w.follow_up_actions.remind())
    a.shortcuts.triggered.connect(lambda: dialogs.show_shortcuts(w))
    a.about.triggered.connect(lambda: dialogs.show_about(w))
    a.settings.triggered.connect(lambda: dialogs.edit_settings(w))
    w.welcome.add_contact_requested.connect(w.contact_actions.new_contact)
    w.welcome.demo_requested.connect(w.io.load_demo)
    w.contacts_panel.contact_selected.connect(w.show_contact)
    w.contacts_panel.contact_activated.connect(w._on_contacts_panel_contact_activated)
    w.contacts_panel.notes_search_requested.connect(lambda text: dialogs.search_notes(w, text))
    w.contact_actions.remind_requested.connect(
        lambda contact_id, title, channel: w.follow_up_actions.remind(contact_id, title=title, channel=channel)
    )
    w.engagements.calendar_requested.connect(
        lambda engagement_id, invite: w.io.export_calendar(engagement_id=engagement_id, invite=invite)
    )
    w.io.demo_loaded.connect(w._on_demo_loaded)


def _install_dialog_keys(w: MainWindow) -> None:
    """Ctrl+Enter, Esc and Tab alike in every dialog (ui/widgets/dialog_keys.py),
    its filter on the application while a dialog is shown (ui/widgets/window_watch.py).

    Once the window has painted (or after a second in the tray), not before:
    the module names some twenty Qt dialog and input classes, and an
    application-wide filter sees every event of the start-up; together ~135 M
    instructions of a 10,000-contact start (~8%, issue 16). A dialog opened
    in the very event-loop pass that paints the first frame is taken in when
    the filter goes on (``DialogKeys.adopt_shown``), so its Esc still asks
    before discarding.
    """
    from ui.widgets import window_watch

    window_watch.install(w)


def _with_shown(w: MainWindow, act: Callable[[int], None]) -> None:
    """An action on "the contact" acts on the one whose page is shown (none: nothing)."""
    shown = w.shown_contact_id()
    if shown is not None:
        act(shown)

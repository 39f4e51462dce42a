"""The window's actions, with standard shortcuts where a standard exists."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    new_contact: QAction
    log_touch_point: QAction
    load_demo: QAction
    remove_demo: QAction
    quit: QAction
    undo: QAction
    find: QAction
    search_notes: QAction
    edit_contact: QAction
    archive_contact: QAction
    delete_contact: QAction
    show_archived: QAction
    refresh: QAction
    shortcuts: QAction
    about: QAction
    go_today: QAction
    go_contacts: QAction
    plan_engagement: QAction
    done: QAction
    go_insights: QAction
    playbooks: QAction
    import_contacts: QAction
    export_contacts: QAction
    back_up: QAction
    restore: QAction
    import_meetings: QAction
    export_calendar: QAction

    def all(self) -> list[QAction]:
        return list(vars(self).values())


def _action(parent: QWidget, text: str, tip: str, shortcut: QKeySequence | Key | str | None = None) -> QAction:
    action = QAction(text, parent)
    action.setToolTip(tip)
    action.setStatusTip(tip)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    return action


ICONS = {
    "new_contact": "contact-new",
    "log_touch_point": "touch-point-log",
    "plan_engagement": "engagement-plan",
    "search_notes": "notes-search",
    "go_today": "today",
    "go_contacts": "contacts",
    "done": "follow-up-done",
    "edit_contact": "contact-edit",
    "archive_contact": "contact-archive",
    "delete_contact": "contact-delete",
    "undo": "undo",
}


def _set_icons(actions: Actions) -> None:
    from ui.resources import icon

    for name, icon_name in ICONS.items():
        getattr(actions, name).setIcon(icon(icon_name))


def build_actions(parent: QWidget) -> Actions:
    actions = Actions(
        new_contact=_action(parent, "&New contact…", "Add a contact", Key.New),
        log_touch_point=_action(parent, "&Log touch point…", "Log a call, email, meeting or message", "Ctrl+L"),
        load_demo=_action(parent, "Load &demo data", "Add 60 made-up contacts with two years of history"),
        remove_demo=_action(parent, "&Remove demo data…", "Remove the demo contacts and their history; yours stay"),
        quit=_action(parent, "&Quit", "Quit Followup", Key.Quit),
        undo=_action(parent, "&Undo", "Undo the last delete or archive", Key.Undo),
        find=_action(parent, "&Find contact", "Filter contacts by name, organisation, email or tag", Key.Find),
        search_notes=_action(parent, "&Search notes…", "Full-text search over every touch point", "Ctrl+Shift+F"),
        edit_contact=_action(parent, "&Edit contact…", "Edit the selected contact", "Ctrl+E"),
        archive_contact=_action(
            parent, "&Archive contact", "Hide the selected contact without losing anything", "Ctrl+Shift+A"
        ),
        delete_contact=_action(
            parent, "&Delete contact…", "Delete the selected contact and their log", "Ctrl+Shift+Delete"
        ),
        show_archived=_action(
            parent, "Show &archived contacts", "Include archived contacts in the list", "Ctrl+Shift+H"
        ),
        refresh=_action(parent, "&Refresh", "Reload from the database", Key.Refresh),
        shortcuts=_action(parent, "&Keyboard shortcuts", "Every shortcut in one list", "Ctrl+/"),
        about=_action(parent, "&About Followup", "Version, data folder and log file"),
        go_today=_action(parent, "&Today", "What is overdue, due today and this week", "Ctrl+1"),
        go_contacts=_action(parent, "&Contacts", "Everyone you work with", "Ctrl+2"),
        plan_engagement=_action(
            parent, "&Plan engagement…", "Plan a meeting, delivery or order: before, during, after", "Ctrl+Shift+E"
        ),
        done=_action(parent, "Mark &done…", "Mark the selected follow-up done, and log it", "Ctrl+D"),
        go_insights=_action(parent, "&Insights", "Reply times, promises kept, relationship health", "Ctrl+3"),
        playbooks=_action(parent, "&Playbooks…", "Edit the plans of steps before, during and after an engagement"),
        import_contacts=_action(
            parent, "&Import contacts…", "From vCard, Google or Outlook CSV, or any CSV", "Ctrl+Shift+I"
        ),
        export_contacts=_action(parent, "E&xport contacts…", "To vCard or CSV, for Google Contacts or Outlook"),
        back_up=_action(parent, "&Back up…", "Everything in one file you can restore from"),
        restore=_action(parent, "&Restore…", "Replace this database with a backup (a copy is kept)"),
        import_meetings=_action(
            parent,
            "Import &meetings from a calendar…",
            "Plan before, during and after for meetings in an Outlook or Google .ics file",
            "Ctrl+Shift+M",
        ),
        export_calendar=_action(
            parent,
            "Export to a &calendar…",
            "Follow-ups and engagements as an .ics file for Outlook or Google Calendar",
        ),
    )
    if QKeySequence(Key.Quit).isEmpty():  # not every platform defines one
        actions.quit.setShortcut(QKeySequence("Ctrl+Q"))
    if QKeySequence(Key.Refresh).isEmpty():
        actions.refresh.setShortcut(QKeySequence("F5"))
    _set_icons(actions)
    actions.show_archived.setCheckable(True)
    actions.undo.setEnabled(False)
    return actions

"""The registry of the window's actions, with standard shortcuts where a
standard exists. The menus, the toolbar and Help > Keyboard shortcuts are all
built from it (``MENUS``, ``TOOLBAR``, ``build_menus``, ``help_rows``), so an
action added here shows everywhere it should, and nowhere is forgotten."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

Key = QKeySequence.StandardKey


@dataclass
class Actions:
    """Every action of the window, by name (menus, toolbar and Help are built from it)."""

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
    show_reminders: QAction
    settings: QAction
    calendars: QAction
    sync_calendars: QAction
    mail_accounts: QAction
    write_follow_up: QAction
    remind: QAction
    organisations: QAction
    merge_contacts: QAction
    duplicates: QAction
    # on the contacts selected in the list (ui/contacts/bulk.py), and tidying Today (ui/today/bulk.py)
    tag_selected: QAction
    untag_selected: QAction
    kind_selected: QAction
    rhythm_selected: QAction
    archive_selected: QAction
    delete_selected: QAction
    export_selected: QAction
    tidy_overdue: QAction

    def all(self) -> list[QAction]:
        return list(vars(self).values())


# Where each action shows: menus top to bottom (None is a separator), then the toolbar.
MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    (
        "&File",
        (
            "new_contact", "log_touch_point", "plan_engagement", None,
            "import_contacts", "export_contacts", None,
            "import_meetings", "export_calendar", "calendars", "sync_calendars", None,
            "back_up", "restore", None,
            "load_demo", "remove_demo", None,
            "quit",
        ),
    ),
    ("&Edit", ("undo", None, "find", "search_notes", None, "settings", "mail_accounts")),
    ("&Contact", ("edit_contact", "log_touch_point", "remind", "archive_contact", "delete_contact", None,
                  "merge_contacts", "duplicates", None,
                  "tag_selected", "untag_selected", "kind_selected", "rhythm_selected", "archive_selected",
                  "delete_selected", "export_selected")),
    ("&View", ("go_today", "go_contacts", "go_insights", None, "organisations", None, "show_archived", "refresh")),
    ("F&ollow-up", ("done", "write_follow_up", "remind", "plan_engagement", None, "tidy_overdue", None, "playbooks",
                    "show_reminders")),
    ("&Help", ("shortcuts", "about")),
)  # fmt: skip
TOOLBAR: tuple[str | None, ...] = ("new_contact", "log_touch_point", "plan_engagement", None, "search_notes")


def build_menus(window: QMainWindow, actions: Actions) -> None:
    """The menu bar and the toolbar, from MENUS and TOOLBAR."""
    for title, names in MENUS:
        menu = window.menuBar().addMenu(title)
        menu.aboutToShow.connect(lambda names=names: set_icons(actions, names))
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(getattr(actions, name))
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in TOOLBAR:
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(getattr(actions, name))


def key_text(key: str | QKeySequence | QKeySequence.StandardKey) -> str:
    """A shortcut as the user reads it on this platform ("Ctrl+Shift+R", "Del")."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or str(key)


ViewKeys = Sequence[tuple[str, str | QKeySequence.StandardKey]]


def help_rows(actions: Actions, view_keys: Sequence[tuple[str, ViewKeys]]) -> list[tuple[str, str]]:
    """(what, keys) for Help > Keyboard shortcuts: every action with a shortcut,
    then each view's own keys under its name."""
    rows = []
    for action in actions.all():
        keys = ", ".join(key_text(k) for k in action.shortcuts())
        if keys:
            rows.append((action.text().replace("&", "").rstrip("…"), keys))
    for view, view_rows in view_keys:
        rows += [(f"{view}: {what}", key_text(key)) for what, key in view_rows]
    return rows


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


FIRST_FRAME_ONLY = "followupFirstFrameIcon"  # an action's property: its icon has the toolbar's pixmaps only


def set_icons(actions: Actions, names: Sequence[str | None], first_frame: QMainWindow | None = None) -> None:
    """Give these actions their icons, if they have one and not yet (or only the first frame's).

    Each icon is 14 SVG renders (two colours, seven sizes): at start-up only
    the toolbar's are rendered (they are on the first frame), and of those
    only the pixmaps it paints (``first_frame``: that window's toolbar size at
    its screen's scale, enabled and disabled; 2 renders each); the rest once
    the window has painted. An action only in menus gets its icon when its
    menu is first about to show (issue 16). (The size is the window's, not
    QStyle's metric: importing QStyle makes its Python class, 5.5 ms.)
    """
    from ui.style.resources import icon

    sizes: tuple[int, ...] = ()
    if first_frame is not None:
        sizes = (round(first_frame.iconSize().width() * first_frame.devicePixelRatioF()),)
    for name in names:
        if name not in ICONS:
            continue
        action = getattr(actions, name)
        if sizes:
            action.setIcon(icon(ICONS[name], sizes))
            action.setProperty(FIRST_FRAME_ONLY, True)
        elif action.icon().isNull() or action.property(FIRST_FRAME_ONLY):
            action.setIcon(icon(ICONS[name]))
            action.setProperty(FIRST_FRAME_ONLY, False)


def _bulk_actions(parent: QWidget) -> dict[str, QAction]:
    """The actions on a selection of contacts, and the overdue tidy."""
    return {
        "tag_selected": _action(parent, "&Tag selected contacts…", "Add a tag to every selected contact", "Ctrl+T"),
        "untag_selected": _action(
            parent, "Remove a ta&g from selected contacts…", "Take a tag off every selected contact", "Ctrl+Shift+T"
        ),
        "kind_selected": _action(parent, "Change the &kind of selected contacts…", "Client, colleague, supplier…"),
        "rhythm_selected": _action(
            parent, "Stay-in-touch &rhythm of selected contacts…", "How often to be in touch with each of them"
        ),
        "archive_selected": _action(parent, "&Archive selected contacts", "Hide them without losing anything"),
        "delete_selected": _action(parent, "&Delete selected contacts…", "Delete them and their log (Ctrl+Z undoes)"),
        "export_selected": _action(parent, "E&xport selected contacts…", "To vCard or CSV"),
        "tidy_overdue": _action(
            parent, "&Tidy overdue…", "Snooze what has been overdue for long (stay-in-touch nudges after an import)"
        ),
    }


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
        remind=_action(parent, "&Remind me…", "A one-off reminder about this contact", "Ctrl+Shift+N"),
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
        show_reminders=_action(parent, "&Reminders…", "What is due now, with Done, Snooze and Open", "Ctrl+Shift+R"),
        settings=_action(parent, "&Settings…", "Reminders, quiet hours, cadences, start at login", "Ctrl+,"),
        calendars=_action(
            parent, "Ca&lendars…", "Your CalDAV calendars and calendar links: meetings come in, follow-ups go out"
        ),
        sync_calendars=_action(parent, "S&ync calendars now", "Read your calendars and publish follow-ups now"),
        mail_accounts=_action(parent, "&Mail accounts…", "Connect a mailbox: mail with your contacts logs itself"),
        write_follow_up=_action(
            parent,
            "&Write follow-up…",
            "A draft for the selected follow-up, tone-checked; send it or open it in your mail program",
            "Ctrl+Shift+W",
        ),
        organisations=_action(
            parent, "&Organisations…", "Everyone at each organisation, and who holds the relationship", "Ctrl+Shift+O"
        ),
        merge_contacts=_action(parent, "&Merge with…", "Merge the contact shown with a duplicate: see what is kept"),
        duplicates=_action(
            parent, "Likely d&uplicates…", "Contacts sharing an email, a phone or a name: merge or dismiss"
        ),
        **_bulk_actions(parent),
    )
    actions.show_reminders.setObjectName("showReminders")
    actions.settings.setObjectName("settings")
    actions.mail_accounts.setObjectName("mailSettings")
    actions.write_follow_up.setObjectName("writeFollowUp")
    for mail in (actions.mail_accounts, actions.write_follow_up):
        mail.setEnabled(False)  # until the mail feature is installed (ui.shell.mail_hookup.install)
    actions.show_reminders.setVisible(False)  # until the reminder service is attached
    if QKeySequence(Key.Quit).isEmpty():  # not every platform defines one
        actions.quit.setShortcut(QKeySequence("Ctrl+Q"))
    if QKeySequence(Key.Refresh).isEmpty():
        actions.refresh.setShortcut(QKeySequence("F5"))
    set_icons(actions, TOOLBAR, first_frame=parent if isinstance(parent, QMainWindow) else None)
    actions.show_archived.setCheckable(True)
    actions.undo.setEnabled(False)
    return actions

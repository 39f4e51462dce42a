"""Saved views of the contacts list, merging two contacts (with its preview
and Undo) and the likely duplicates: the window's side of ui/contacts'
views_bar, merge_dialog and duplicates_dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from shiboken6 import isValid

from followup.changes import Changes
from ui.contacts.views_bar import SavedViewsBar
from ui.ops.jobs import TaskRunner
from ui.ops.operations import Failed, run

if TYPE_CHECKING:
    from followup import duplicates
    from ui.contacts.duplicates_dialog import DuplicatesDialog
    from ui.shell.window import MainWindow

_EVERYTHING_OF_CONTACTS = Changes(contacts=True, touch_points=True, follow_ups=True, engagements=True)


def attach(window: MainWindow) -> SavedViewsBar:
    """The saved views above the contacts list; Contact > Merge with… and Likely duplicates…"""
    bar = SavedViewsBar(window, window.contacts_model)
    window.contacts_panel.add_view_bar(bar)
    window.registry.merge_contacts.triggered.connect(lambda: merge(window, window.shown_contact_id()))
    window.registry.duplicates.triggered.connect(lambda: show_duplicates(window))
    return bar


def merge(window: MainWindow, keep_id: int | None, other_id: int | None = None) -> int | None:
    """Merge two contacts after the preview; returns the id merged away, or None."""
    from followup.engine.merge_undo import merge_with_undo, unmerge  # (off the start-up, issue 16)
    from followup.merge_preview import preview
    from ui.contacts.merge_dialog import MergeDialog

    if keep_id is None:
        window.statusBar().showMessage("Open one of the two contacts first, then Contact > Merge with…", 8000)
        return None
    dialog = MergeDialog(
        lambda keep, other: preview(window.store, keep, other),
        keep_id,
        other_id,
        window.store.path,
        window,
    )
    if not dialog.exec() or dialog.other_id is None:
        return None
    keep, other = dialog.keep_id, dialog.other_id
    names = (window.store.contacts.row(keep).name, window.store.contacts.row(other).name)
    done = run(window.hub, window, "Merge contacts", lambda: merge_with_undo(window.store, keep, other),
               _EVERYTHING_OF_CONTACTS)  # fmt: skip
    if isinstance(done, Failed):
        return None
    _result, snapshot = done

    def undo() -> None:
        unmerge(window.store, snapshot)
        window.hub.publish(_EVERYTHING_OF_CONTACTS)
        window.open_contact(other)

    window.offer_undo(f"merge {names[1]} into {names[0]}", undo)
    window.open_contact(keep)
    window.statusBar().showMessage(f"Merged {names[1]} into {names[0]}. Ctrl+Z takes it back.", 10000)
    return other


def show_duplicates(window: MainWindow) -> DuplicatesDialog:
    """The likely duplicates, found in the background; merge or dismiss each pair."""
    from followup import duplicates
    from ui.contacts.duplicates_dialog import DuplicatesDialog

    dialog = DuplicatesDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    tasks = TaskRunner(window.store.path, window.clock, dialog)

    def found(pairs: list[duplicates.DuplicatePair]) -> None:
        if isValid(dialog):  # the dialog may be closed (and deleted) before the answer comes
            dialog.set_pairs(pairs)

    def failed(message: str) -> None:
        if isValid(dialog):
            dialog.set_failed(message)

    def look() -> None:
        tasks.run(duplicates.find, found, failed)

    def merge_pair(a: int, b: int) -> None:
        gone = merge(window, a, b)
        if gone is not None:
            dialog.remove((a, b), gone)
            look()  # names and numbers moved: look again

    def dismiss(a: int, b: int) -> None:
        if isinstance(run(window.hub, dialog, "Not the same person", lambda: duplicates.dismiss(window.store, a, b),
                          Changes()), Failed):  # fmt: skip
            return
        dialog.remove((a, b))

        def undo() -> None:
            duplicates.undismiss(window.store, a, b)
            if dialog.isVisible():
                look()

        window.offer_undo("not the same person", undo)

    dialog.merge_requested.connect(merge_pair)
    dialog.dismiss_requested.connect(dismiss)
    dialog.show()
    look()
    return dialog

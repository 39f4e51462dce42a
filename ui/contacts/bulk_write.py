"""How a bulk action on selected contacts writes (ui/contacts/bulk.py): a
small selection within a frame on the window's connection, a large one (and
any delete) on the worker with progress and Cancel; then what it did in the
status bar, and Undo offered, itself on the worker when it is long."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from followup.store import Store
from ui.ops.jobs import ProgressJob
from ui.ops.operations import Failed, run
from ui.ops.shell import Shell

if TYPE_CHECKING:
    from followup.engine.bulk_contacts import BulkResult

# From this many contacts an action (and its undo) runs on the worker with
# progress and Cancel; below it, it is done within a frame on the window's
# connection (bench/bench_bulk.py: tag or archive 1,000 ~10 ms). A delete
# and its undo always go to the worker: deleting five of 100,000 demo contacts
# took 109 ms on the window's connection (undo 60), mostly FTS5 merging at the
# commit; the dialog shows only after 300 ms (ui/ops/long_write.py).
IN_BACKGROUND_FROM = 1_000
DELETE_IN_BACKGROUND_FROM = 1
# What the progress dialog says runs, by the action's title.
_DOING = {
    "Tag contacts": "Tagging", "Remove a tag": "Removing a tag from", "Change kind": "Changing the kind of",
    "Stay-in-touch rhythm": "Setting the stay-in-touch rhythm of", "Archive": "Archiving",
    "Unarchive": "Unarchiving", "Delete contacts": "Deleting",
}  # fmt: skip


def people(n: int) -> str:
    return f"{n:,} contact{'s' * (n != 1)}"


def write(
    shell: Shell,
    parent: QWidget,
    title: str,
    change: Callable[[Store], BulkResult],
    ids: Sequence[int],
    undo_text: str,
    what: str = "",
) -> None:
    """Small selections on the window's connection (under a frame); the rest
    on the worker, with progress and Cancel (ui/ops/long_write.py)."""
    from followup.engine import bulk_contacts as bulk
    from ui.ops.long_write import write_in_background

    deleting = "Delete" in title
    named = list(ids) if len(ids) <= bulk.NAMED_UP_TO else []  # else "any contact": no id read here
    changes = bulk.BulkResult("delete" if deleting else "edit", named).changes
    store, hub = shell.store, shell.hub

    def undo_now() -> str:
        bulk.undo(store, done_box[0])
        hub.publish(changes)
        return ""

    def undo_later() -> ProgressJob:
        n = len(done_box[0].changed)
        return write_in_background(
            shell, f"Undo {undo_text}", f"Undoing: putting back {people(n)}…",
            lambda own: bulk.undo(own, done_box[0]), changes,
            then=lambda _r: shell.show_status(f"Undid {undo_text}.", 8000),
            on_stopped=lambda: shell.offer_undo(undo_text, undo_later),
        )  # fmt: skip

    done_box: list[BulkResult] = []

    def said(done: BulkResult) -> None:
        done_box.append(done)
        if done.changed:
            long = len(done.changed) >= (DELETE_IN_BACKGROUND_FROM if deleting else IN_BACKGROUND_FROM)
            shell.offer_undo(undo_text, undo_later if long else undo_now)
        tail = " Ctrl+Z undoes it." if done.changed else ""
        shell.show_status(bulk.describe(done, what) + tail, 10_000)

    if len(ids) >= (DELETE_IN_BACKGROUND_FROM if deleting else IN_BACKGROUND_FROM):
        label = f"{_DOING.get(title, title)} {people(len(ids))}…"
        write_in_background(shell, title, label, change, changes, then=said)
        return
    done = run(hub, parent, title, lambda: change(store), changes)
    if not isinstance(done, Failed):
        said(done)

"""What a timeline card's context menu offers besides Edit and Delete: open
or close a mail thread, and say whether a message they sent needs a reply
(the same as `mail needs-reply`; the page asks the window to do it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMenu

from followup.domain import Direction
from ui.contacts.timeline_model import TimelineModel


def add_entries(menu: QMenu, model: TimelineModel, row: int, needs_reply: Callable[[int, bool], None]) -> None:
    info = model.row_info(row)
    tp = info.tp
    if info.count > 1:
        text = "Hide the older messages of this thread" if info.expanded else f"Show all {info.count} messages"
        menu.addAction(text, lambda: model.toggle_thread(row))
    if tp.direction == Direction.IN and tp.id is not None:
        tp_id = tp.id
        flip = menu.addAction("Needs my reply")
        flip.setCheckable(True)
        flip.setChecked(tp.needs_reply)
        flip.setToolTip("On: a reply promise is open for this message. Off: it needs no reply, the promise goes")
        flip.toggled.connect(lambda on: needs_reply(tp_id, on))
    if not menu.isEmpty():
        menu.addSeparator()

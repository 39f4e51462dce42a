"""Flip "needs a reply" on a logged message from the window: the rules
guessed, the user decides. The same write as `mail needs-reply`, through
ops.run (a refusal is shown once; success tells every view)."""

from __future__ import annotations

from followup.changes import Changes
from followup.mail.promises import set_needs_reply
from ui.ops.operations import run
from ui.ops.shell import Shell


def flip_needs_reply(shell: Shell, touch_point_id: int, needed: bool) -> None:
    store = shell.store
    contact_id = store.touch_points.get(touch_point_id).contact_id
    run(
        shell.hub,
        shell.dialog_parent(),
        "Needs a reply" if needed else "Needs no reply",
        lambda: set_needs_reply(store, touch_point_id, needed),
        Changes.for_contact(contact_id, touch_points=True, follow_ups=True),
        then=lambda said: shell.show_status(said, 8000),
    )

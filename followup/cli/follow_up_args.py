"""Commands that correct the record: delete-touch-point, reopen, reschedule."""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command


def register(sub: Any) -> None:
    delete = command(
        sub,
        "delete-touch-point",
        "follow_up_commands:delete_touch_point",
        help="delete a touch point; a promise it had kept opens again",
    )
    delete.add_argument("id", type=int)
    delete.add_argument("--json", action="store_true")

    reopen = command(sub, "reopen", "follow_up_commands:reopen", help="open a done or skipped follow-up again")
    reopen.add_argument("id", type=int)
    reopen.add_argument("--json", action="store_true")

    reschedule = command(
        sub, "reschedule", "follow_up_commands:reschedule", help="give a follow-up a new due time (earlier or later)"
    )
    reschedule.add_argument("id", type=int)
    reschedule.add_argument("--to", required=True, metavar="WHEN", help="the new due time")
    reschedule.add_argument("--json", action="store_true")

"""engagements, edit-engagement."""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command


def register(sub: Any) -> None:
    listing = command(sub, "engagements", "engagement_commands:engagements", help="list engagements")
    listing.add_argument("--contact", metavar="C", help="only this contact's (a unique name, email or id)")
    listing.add_argument("--json", action="store_true")

    edit = command(
        sub,
        "edit-engagement",
        "engagement_commands:edit_engagement",
        help="change an engagement; its open follow-ups move or are re-planned, closed ones stay",
    )
    edit.add_argument("id", type=int)
    edit.add_argument("--title", metavar="T")
    edit.add_argument("--start", metavar="WHEN", help="a new start (moving only the start keeps the length)")
    edit.add_argument("--end", metavar="WHEN")
    edit.add_argument("--playbook", metavar="NAME", help="plan it with another playbook")
    edit.add_argument(
        "--remind-before", type=int, metavar="MIN", help="remind me this many minutes before it starts (0: never)"
    )
    edit.add_argument("--json", action="store_true")

"""remind: a one-off follow-up ("remind me on Friday to send Maria the quote")."""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command


def register(sub: Any) -> None:
    remind = command(sub, "remind", "remind_commands:remind", help="a one-off reminder about a contact")
    remind.add_argument("contact", metavar="CONTACT", help="a unique name, email or id")
    remind.add_argument("--at", required=True, metavar="WHEN", help="when: fri 14:00, tomorrow 9:00, +2h, ISO 8601")
    remind.add_argument("--title", required=True, metavar="TEXT", help="what to do")
    remind.add_argument("--channel", metavar="C", help="email, phone/call, video, in_person/meeting, text")
    remind.add_argument("--json", action="store_true")

"""Saved views and likely duplicates on the command line (issue 15):
``views``, ``contacts --view NAME``, ``duplicates``. argparse only: the work
is in view_commands.py."""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command, limit


def register(sub: Any) -> None:
    views = command(sub, "views", "view_commands:views", help="list the saved views of contacts")
    views.add_argument("--json", action="store_true")
    # `contacts` is the foundation's command (parser.py): it gains --view here
    sub.choices["contacts"].add_argument(
        "--view", metavar="NAME", help="only the contacts a saved view shows (see `views`); with --query, both"
    )
    duplicates = command(
        sub, "duplicates", "view_commands:duplicates", help="likely duplicate contacts: same email, phone or name"
    )
    duplicates.add_argument("--limit", type=limit, default=100, metavar="N", help="at most N pairs (default 100)")
    duplicates.add_argument("--json", action="store_true")

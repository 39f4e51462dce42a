"""Bulk commands (issue 15): tidy-overdue. argparse only: the work is in
bulk_commands.py. (Tagging many contacts is `tag CONTACT… --add T`.)"""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command


def register(sub: Any) -> None:
    tidy = command(
        sub,
        "tidy-overdue",
        "bulk_commands:tidy_overdue",
        help="snooze what has been overdue for long (stay-in-touch nudges after an import), in one go",
    )
    tidy.add_argument(
        "--older-than", default="90d", metavar="PERIOD", help="due more than this long ago: 90d, 12w (default 90d)"
    )
    tidy.add_argument("--all", action="store_true", help="every kind of follow-up, not only stay-in-touch nudges")
    tidy.add_argument("--snooze", default="7d", metavar="PERIOD", help="for how long: 1d, 1w, 1m (default 7d)")
    tidy.add_argument("--dry-run", action="store_true", help="say how many; change nothing")
    tidy.add_argument("--json", action="store_true")

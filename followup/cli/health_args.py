"""The command line's health commands: ``check`` (followup/cli/health_commands.py)."""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command


def register(sub: Any) -> None:
    check = command(
        sub,
        "check",
        "health_commands:check",
        help="check the database for damage (integrity and foreign keys); exit 3 when damaged",
    )
    check.add_argument("--json", action="store_true")
    check.set_defaults(allow_damaged=True)  # it must open a damaged database to say what is wrong

"""config: read and change every setting (followup/settings_table.py)."""

from __future__ import annotations

from typing import Any

from followup.cli.parser import command


def register(sub: Any) -> None:
    config = command(
        sub, "config", "config_commands:config", help="show or change settings (config KEY VALUE to change one)"
    )
    config.add_argument("key", nargs="?", metavar="KEY", help="a setting; without it, all of them")
    config.add_argument("value", nargs="?", metavar="VALUE", help="the new value, as `config` shows it")
    config.add_argument("--json", action="store_true")

"""Running a parsed command: open the store, dispatch, turn errors into messages."""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from followup import paths
from followup.clock import Clock, FixedClock, SystemClock
from followup.errors import FollowupError, StoreError
from followup.store import Store
from followup.timeutil import parse_user_datetime, zone

Command = Callable[[argparse.Namespace, Store, TextIO], int]

# command name -> "module:function" under followup.cli, imported only when run.
# Each group of commands lives in its own module; add a line here and the
# subcommand in parser.py.
COMMANDS: dict[str, str] = {
    "demo": "commands:demo",
    "add-contact": "commands:add_contact",
    "contacts": "commands:contacts",
    "log": "commands:log",
    "search": "commands:search",
    "plan": "plan_commands:plan",
    "due": "plan_commands:due",
    "done": "plan_commands:done",
    "snooze": "plan_commands:snooze",
    "skip": "plan_commands:skip",
    "playbooks": "plan_commands:playbooks",
    "import-contacts": "contact_io_commands:import_contacts",
    "export-contacts": "contact_io_commands:export_contacts",
    "backup": "contact_io_commands:backup",
    "restore": "contact_io_commands:restore",
    "export-ics": "calendar_commands:export_ics",
    "import-ics": "calendar_commands:import_ics_command",
    "insights": "insight_commands:insights",
}


def resolve(name: str) -> Command:
    module, function = COMMANDS[name].split(":")
    command: Command = getattr(import_module(f"followup.cli.{module}"), function)
    return command


EXIT_ERROR = 1
EXIT_STORE = 3


def run_command(args: argparse.Namespace, *, clock: Clock | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    folder = paths.data_dir(args.data_dir)
    try:
        store = Store.open(paths.database_path(folder), clock or SystemClock())
    except StoreError as error:
        print(f"followup: {error}", file=sys.stderr)
        return EXIT_STORE
    if clock is None and getattr(args, "now", None):
        # --now without an offset is in the user's zone, like every typed time
        try:
            store.clock = FixedClock(parse_user_datetime(args.now, zone(store.settings.user_zone())))
        except FollowupError as error:
            store.close()
            print(f"followup: --now: {error}", file=sys.stderr)
            return EXIT_ERROR
    try:
        return resolve(args.command)(args, store, out)
    except FollowupError as error:
        print(f"followup: {error}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as error:
        logging.getLogger(__name__).exception("database error in %s", args.command)
        print(f"followup: the database could not be used ({error}); nothing was changed.", file=sys.stderr)
        return EXIT_STORE
    finally:
        store.close()

"""Running a parsed command: open the store, dispatch, turn errors into messages."""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from collections.abc import Callable
from typing import TextIO

from followup import paths
from followup.cli import commands, plan_commands
from datetime import timezone

from followup.clock import Clock, FixedClock, SystemClock
from followup.errors import FollowupError, StoreError
from followup.store import Store
from followup.timeutil import parse_user_datetime

Command = Callable[[argparse.Namespace, Store, TextIO], int]

COMMANDS: dict[str, Command] = {
    "demo": commands.demo,
    "add-contact": commands.add_contact,
    "contacts": commands.contacts,
    "log": commands.log,
    "search": commands.search,
    "plan": plan_commands.plan,
    "due": plan_commands.due,
    "done": plan_commands.done,
    "snooze": plan_commands.snooze,
    "skip": plan_commands.skip,
    "playbooks": plan_commands.playbooks,
}

EXIT_ERROR = 1
EXIT_STORE = 3


def run_command(args: argparse.Namespace, *, clock: Clock | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    folder = paths.data_dir(args.data_dir)
    if clock is None and getattr(args, "now", None):
        try:
            clock = FixedClock(parse_user_datetime(args.now, timezone.utc))
        except FollowupError as error:
            print(f"followup: --now: {error}", file=sys.stderr)
            return EXIT_ERROR
    try:
        store = Store.open(paths.database_path(folder), clock or SystemClock())
    except StoreError as error:
        print(f"followup: {error}", file=sys.stderr)
        return EXIT_STORE
    try:
        return COMMANDS[args.command](args, store, out)
    except FollowupError as error:
        print(f"followup: {error}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as error:
        logging.getLogger(__name__).exception("database error in %s", args.command)
        print(f"followup: the database could not be used ({error}); nothing was changed.", file=sys.stderr)
        return EXIT_STORE
    finally:
        store.close()

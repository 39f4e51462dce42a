"""Running a parsed command: open the store, dispatch, turn errors into messages."""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from collections.abc import Callable
from typing import TextIO

from followup import paths
from followup.clock import Clock, SystemClock
from followup.cli import commands
from followup.errors import FollowupError, StoreError
from followup.store import Store

Command = Callable[[argparse.Namespace, Store, TextIO], int]

COMMANDS: dict[str, Command] = {
    "demo": commands.demo,
    "add-contact": commands.add_contact,
    "contacts": commands.contacts,
    "log": commands.log,
    "search": commands.search,
}

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

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


def resolve(handler: str) -> Command:
    """The function behind a subcommand's ``handler`` ("module:function")."""
    module, function = handler.split(":")
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
            store.clock = FixedClock(parse_user_datetime(args.now, zone(store.settings.user_zone()), store.clock.now()))
        except FollowupError as error:
            store.close()
            print(f"followup: --now: {error}", file=sys.stderr)
            return EXIT_ERROR
    try:
        return resolve(args.handler)(args, store, out)
    except FollowupError as error:
        print(f"followup: {error}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as error:
        logging.getLogger(__name__).exception("database error in %s", args.command)
        print(f"followup: the database could not be used ({error}); nothing was changed.", file=sys.stderr)
        return EXIT_STORE
    finally:
        store.close()

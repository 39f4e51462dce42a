"""The argument parser: the public command-line interface.

Names and meanings here are a contract with users' scripts: add freely,
never rename.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib import import_module
from typing import Any, NoReturn

from followup import __version__
from followup.domain import CHANNEL_ALIASES, Direction, Kind, Mood

VIEWS = ("today", "contacts", "contact", "insights")

# Modules under followup.cli whose register(sub) adds a group of subcommands
# (each with command(...) below). They must stay light: argparse only, the
# commands' own code is imported when a command runs.
GROUPS: tuple[str, ...] = (
    "live_calendar_args",
    "follow_up_args",
    "remind_args",
    "engagement_args",
    "config_args",
    "mail_args",
    "health_args",
    "people_args",
    "view_args",
    "bulk_args",
)


# SQLite stores integers in 64 bits: a larger id or limit is refused by argparse
# with one sentence instead of an OverflowError deep in a query.
SQLITE_MAX_INT = 2**63 - 1
MAX_LIMIT = 100_000


def record_id(text: str) -> int:
    """An id typed by the user: a whole number from 1 to SQLite's largest."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a whole number)") from None
    if not 1 <= value <= SQLITE_MAX_INT:
        raise argparse.ArgumentTypeError(f"{text} is not an id: ids go from 1 to {SQLITE_MAX_INT}")
    return value


def limit(text: str) -> int:
    """How many results: 1 to MAX_LIMIT."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text} is out of range: give 1 to {MAX_LIMIT:,}")
    return value


class Parser(argparse.ArgumentParser):
    """argparse that says 'followup' and exits 2 on usage errors.

    A time in the past (``--at -2h``, ``--at -3d``) is a value, not an option:
    argparse already reads ``-5`` that way, and is told to read these so too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\d+$|^-\d*\.\d+$|^-\d+\s*(m|min|mins|h|d|w)$", re.IGNORECASE)


def command(sub: Any, name: str, handler: str, **kwargs: Any) -> argparse.ArgumentParser:
    """Add subcommand ``name``, run by ``handler`` ("module:function" under
    followup.cli, imported only when that command runs)."""
    parser: argparse.ArgumentParser = sub.add_parser(name, **kwargs)
    parser.set_defaults(handler=handler)
    return parser


class _NotTheWindow(Exception):
    """The window's options alone cannot read this command line."""


class _WindowParser(Parser):
    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, read as ``build_parser().parse_args(argv)`` reads it.

    With no command (opening the window) only the window's options are built:
    every command's parser (~30 ms, argparse translates each help text) is not
    on the start-up path. Anything else (a command, --help, a mistake) is read by
    the whole parser, with its messages."""
    words = sys.argv[1:] if argv is None else list(argv)
    window = _WindowParser(prog="followup", add_help=False)
    _window_options(window)
    try:
        args, rest = window.parse_known_args(words)
    except _NotTheWindow:
        rest = ["?"]
    if rest:
        return build_parser().parse_args(words)
    args.command = None
    return args


def _window_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"Followup {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: $FOLLOWUP_DATA_DIR or the platform's)")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the window to a PNG once painted, then exit")
    parser.add_argument("--view", default=None, help=f"view for --screenshot: {', '.join(VIEWS)}")
    parser.add_argument("--verbose", action="store_true", help="log debug details to stderr")
    parser.add_argument("--background", action="store_true", help="start in the tray (as at login)")
    # For bench/: quit as soon as the contacts list has painted.
    parser.add_argument("--quit-on-paint", action="store_true", help=argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="followup",
        description="Followup: keep your promises to the people you work with. With no command, opens the window.",
    )
    _window_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = command(sub, "demo", "commands:demo", help="fill the database with realistic demo data")
    demo.add_argument("--contacts", type=int, default=60, metavar="N", help="how many contacts (default 60)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed; the same seed gives the same data")
    demo.add_argument("--force", action="store_true", help="add demo data to a database that has real contacts")
    demo.add_argument("--remove", action="store_true", help="remove the demo data (and only it)")
    demo.add_argument("--json", action="store_true")

    add = command(sub, "add-contact", "commands:add_contact", help="add a contact")
    add.add_argument("name")
    add.add_argument("--email", action="append", default=[], metavar="E", help="email address (repeatable)")
    add.add_argument("--phone", action="append", default=[], metavar="P", help="phone number (repeatable)")
    add.add_argument("--kind", choices=[k.value for k in Kind], default=Kind.OTHER.value)
    add.add_argument("--tz", metavar="ZONE", help="IANA time zone (default: yours)")
    add.add_argument("--org", "--organisation", dest="organisation", default="", metavar="ORG")
    add.add_argument("--title", default="", help="role or title")
    add.add_argument("--channel", metavar="C", help="preferred channel: email, phone, video, in_person, text")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="tag (repeatable)")
    add.add_argument("--birthday", metavar="DATE", help="1980-04-12, or --04-12 without the year")
    add.add_argument("--json", action="store_true")

    contacts = command(sub, "contacts", "commands:contacts", help="list contacts")
    contacts.add_argument("--archived", action="store_true", help="include archived contacts")
    contacts.add_argument(
        "--query", metavar="Q", help="only those matching: any case and accents, words in any order, phone digits"
    )
    contacts.add_argument("--json", action="store_true")

    log = command(sub, "log", "commands:log", help="log a touch point with a contact")
    log.add_argument("contact", metavar="CONTACT", help="a unique name, email or id")
    log.add_argument("--channel", required=True, metavar="C", help="email, phone/call, video, in_person/meeting, text")
    log.add_argument("--summary", required=True, metavar="S")
    log.add_argument("--direction", choices=[d.value for d in Direction], help="in, out or met (default from channel)")
    log.add_argument("--needs-reply", action="store_true", help="they are waiting for an answer from me")
    log.add_argument("--difficult", action="store_true", help="it was a difficult conversation")
    log.add_argument(
        "--at", metavar="WHEN", help="when (default now): ISO 8601, today 14:00, fri 9:00, -2h… in your zone"
    )
    log.add_argument("--notes", default="", metavar="TEXT")
    log.add_argument(
        "--notes-file", metavar="PATH", help="read the notes from a UTF-8 file ('-': standard input), for long notes"
    )
    log.add_argument("--mood", choices=[m.value for m in Mood], help="how they were")
    log.add_argument("--satisfaction", type=int, choices=range(1, 6), metavar="1-5")
    log.add_argument(
        "--referral", choices=["asked", "received"], help="I asked them for a referral, or they referred someone to me"
    )
    reply = log.add_mutually_exclusive_group()
    reply.add_argument(
        "--reply-to", type=record_id, metavar="ID", help="an outbound message: it answers this reply promise only"
    )
    reply.add_argument(
        "--not-a-reply", action="store_true", help="an outbound message that answers nobody (a newsletter)"
    )
    log.add_argument("--json", action="store_true")

    plan = command(sub, "plan", "plan_commands:plan", help="create an engagement and its plan of follow-ups")
    plan.add_argument("contact", metavar="CONTACT", help="a unique name, email or id")
    plan.add_argument(
        "--with",
        dest="others",
        action="append",
        default=[],
        metavar="CONTACT",
        help="another contact in the engagement (repeatable)",
    )
    plan.add_argument("--title", required=True, metavar="T")
    plan.add_argument("--start", required=True, metavar="WHEN", help="start (a date with --all-day)")
    plan.add_argument(
        "--end", metavar="WHEN", help="end (default: an hour after the start; with --all-day, the last day)"
    )
    plan.add_argument("--all-day", action="store_true", help="an all-day engagement (a delivery day, a deadline)")
    plan.add_argument("--playbook", metavar="NAME", help="default: by the contact's kind")
    plan.add_argument("--kind", default="meeting", help="meeting, call, delivery, order, milestone, request")
    plan.add_argument("--location", default="", metavar="PLACE", help="a place or a link")
    plan.add_argument("--json", action="store_true")

    due = command(sub, "due", "plan_commands:due", help="open follow-ups that are due")
    due.add_argument("--now", metavar="WHEN", help="as if it were this time (default: now)")
    due.add_argument("--until", metavar="WHEN", help="also list what falls due until then")
    due.add_argument("--limit", type=int, metavar="N", help="only the N oldest (default: every one)")
    due.add_argument("--contact", metavar="CONTACT", help="only this contact's (a unique name, email or id)")
    due.add_argument("--json", action="store_true")

    done = command(sub, "done", "plan_commands:done", help="mark a follow-up done")
    done.add_argument("id", type=record_id)
    done.add_argument("--log", metavar="SUMMARY", help="also log a touch point with this summary")
    done.add_argument("--channel", metavar="C", help="the touch point's channel (default: the follow-up's)")
    done.add_argument("--json", action="store_true")
    snooze = command(sub, "snooze", "plan_commands:snooze", help="hide a follow-up until a later time")
    snooze.add_argument("id", type=record_id)
    snooze.add_argument("--until", required=True, metavar="WHEN")
    snooze.add_argument("--json", action="store_true")
    skip = command(sub, "skip", "plan_commands:skip", help="skip a follow-up (it stays in the history)")
    skip.add_argument("id", type=record_id)
    skip.add_argument("--json", action="store_true")

    playbooks = command(sub, "playbooks", "plan_commands:playbooks", help="list playbooks and their steps")
    playbooks.add_argument("--json", action="store_true")

    search = command(sub, "search", "commands:search", help="full-text search over touch-point notes")
    search.add_argument("query")
    search.add_argument("--limit", type=limit, default=50)
    search.add_argument(
        "--order",
        choices=("newest", "relevance"),
        default="newest",
        help="newest first (when it happened; the default) or the most relevant first, as in Search notes",
    )
    search.add_argument("--json", action="store_true")

    # contacts import and export, backup and restore (followup/cli/contact_io_commands.py)
    imp = command(
        sub,
        "import-contacts",
        "contact_io_commands:import_contacts",
        help="import contacts from vCard (.vcf) or CSV (Google, Outlook)",
    )
    imp.add_argument("file", metavar="FILE")
    imp.add_argument(
        "--format", choices=["auto", "vcard", "google-csv", "outlook-csv", "thunderbird-csv", "csv"], default="auto"
    )
    imp.add_argument("--dry-run", action="store_true", help="show what would happen; write nothing")
    imp.add_argument(
        "--kind",
        choices=[k.value for k in Kind],
        help="give every contact imported this kind (default: as the file says)",
    )
    imp.add_argument(
        "--tag", action="append", default=[], metavar="T", help="give every contact imported this tag (repeatable)"
    )
    imp.add_argument("--json", action="store_true")
    exp = command(
        sub, "export-contacts", "contact_io_commands:export_contacts", help="export contacts to vCard (.vcf) or CSV"
    )
    exp.add_argument("out", metavar="OUT.vcf|OUT.csv", help="'-' for standard output")
    exp.add_argument("--contact", metavar="NAME", help="only this contact (a unique name, email or id)")
    exp.add_argument("--vcard-version", choices=["4.0", "3.0"], default="4.0", help="for .vcf (default 4.0)")
    exp.add_argument(
        "--csv", choices=["google", "outlook"], help="for .csv (default google); with OUT '-', CSV instead of vCard"
    )
    exp.add_argument("--json", action="store_true")
    bak = command(sub, "backup", "contact_io_commands:backup", help="back up everything to one file")
    bak.add_argument("out", metavar="OUT", help="'-' for standard output (a pipe, not a terminal)")
    bak.add_argument("--json", action="store_true")
    res = command(
        sub,
        "restore",
        "contact_io_commands:restore",
        help="replace everything with a backup (a copy of the current data is kept)",
    )
    res.add_argument("file", metavar="FILE")
    res.add_argument("--force", action="store_true", help="replace a database that already holds data")
    res.add_argument("--json", action="store_true")
    res.set_defaults(allow_damaged=True)  # restoring is how a damaged database is repaired

    export_ics = command(
        sub,
        "export-ics",
        "calendar_commands:export_ics",
        help="write follow-ups or an engagement to an .ics calendar file",
    )
    export_ics.add_argument("out", metavar="OUT.ics", help="'-' for standard output")
    export_ics.add_argument("--contact", metavar="NAME", help="only this contact's open follow-ups")
    export_ics.add_argument("--engagement", type=record_id, metavar="ID", help="one engagement and its plan")
    export_ics.add_argument("--invite", action="store_true", help="an invitation for the engagement's contacts")
    export_ics.add_argument(
        "--cancel",
        action="store_true",
        help="cancel the engagement (in Followup too) and write the cancellation to send",
    )
    export_ics.add_argument("--json", action="store_true")
    import_ics = command(
        sub,
        "import-ics",
        "calendar_commands:import_ics_command",
        help="import meetings from an .ics file and plan their follow-ups",
    )
    import_ics.add_argument("file", metavar="FILE")
    import_ics.add_argument("--playbook", metavar="NAME", help="default: by the contacts' kind")
    import_ics.add_argument(
        "--window-days",
        type=int,
        default=90,
        metavar="N",
        help="import a repeating meeting's occurrences in the next N days (default 90)",
    )
    import_ics.add_argument("--json", action="store_true")

    insights = command(
        sub,
        "insights",
        "insight_commands:insights",
        help="reply times, follow-ups kept, relationship health over a period",
    )
    insights.add_argument(
        "--period",
        metavar="PERIOD",
        help="7d, 30d, 90d (the last N days), 1y, week, month, quarter (this one) or FROM..TO dates (default 30d)",
    )
    insights.add_argument("--now", metavar="WHEN", help="as if it were this time (default: now)")
    insights.add_argument(
        "--csv", metavar="OUT.csv", help="also write every figure to this CSV file ('-': standard output)"
    )
    insights.add_argument("--json", action="store_true")

    for group in GROUPS:
        import_module(f"followup.cli.{group}").register(sub)
    return parser


def channel_from_text(text: str) -> str | None:
    found = CHANNEL_ALIASES.get(text.strip().lower())
    return found.value if found else None

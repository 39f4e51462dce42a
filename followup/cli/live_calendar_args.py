"""`calendar ...`: CalDAV accounts, .ics subscriptions, sync and proposals."""

from __future__ import annotations

import argparse
from typing import Any

from followup.cli.parser import command

_H = "live_calendar_commands"


def register(sub: Any) -> None:
    cal = sub.add_parser("calendar", help="live calendars: CalDAV accounts and .ics subscriptions")
    actions = cal.add_subparsers(dest="calendar_action", metavar="ACTION", required=True)

    add = command(actions, "add-account", f"{_H}:add_account", help="connect a CalDAV account")
    add.add_argument("--url", required=True, help="the server's address (discovery finds the calendars)")
    add.add_argument("--user", default="", metavar="U")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--publish", action="store_true", help="write open follow-ups to a 'Followup' calendar")
    add.add_argument("--json", action="store_true")

    subscribe = command(actions, "subscribe", f"{_H}:subscribe", help="read a calendar from an .ics link")
    subscribe.add_argument("url", metavar="URL")
    subscribe.add_argument("--json", action="store_true")

    listing = command(actions, "accounts", f"{_H}:list_accounts", help="accounts and their calendars")
    listing.add_argument("--json", action="store_true")

    read = command(actions, "read", f"{_H}:set_read", help="read a calendar, or stop reading it")
    read.add_argument("account", metavar="ACCOUNT", help="id, address or host")
    read.add_argument("calendar", metavar="CALENDAR", help="id, name or address")
    read.add_argument("state", choices=["on", "off"])

    remove = command(actions, "remove-account", f"{_H}:remove_account", help="disconnect an account")
    remove.add_argument("account", metavar="ACCOUNT", help="id, address or host")

    sync = command(actions, "sync", f"{_H}:sync", help="read the calendars and publish follow-ups now")
    sync.add_argument("--json", action="store_true")

    proposals = command(actions, "proposals", f"{_H}:list_proposals", help="new meetings waiting for a plan")
    proposals.add_argument("--json", action="store_true")

    plan = command(actions, "plan", f"{_H}:plan", help="plan a proposed meeting")
    plan.add_argument("proposal", type=int, metavar="PROPOSAL_ID")
    plan.add_argument("--playbook", metavar="NAME")
    plan.add_argument("--json", action="store_true")

    dismiss = command(actions, "dismiss", f"{_H}:dismiss", help="not this one: no plan for a proposed meeting")
    dismiss.add_argument("proposal", type=int, metavar="PROPOSAL_ID")
    _ = argparse  # the parsers above are argparse's

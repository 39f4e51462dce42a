"""remind (registered in remind_args.py)."""

from __future__ import annotations

import argparse
from typing import TextIO

from followup.cli.output import iso, write_json
from followup.cli.parser import channel_from_text
from followup.engine.reminders_one_off import add_reminder
from followup.errors import ValidationError
from followup.store import Store
from followup.timeutil import parse_user_datetime, zone


def remind(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    contact_id = store.contacts.resolve(args.contact)
    tz = zone(store.settings.user_zone())
    at = parse_user_datetime(args.at, tz, store.clock.now())
    channel = None
    if args.channel:
        channel = channel_from_text(args.channel)
        if channel is None:
            raise ValidationError(
                f"Unknown channel {args.channel!r}: use email, phone (or call), video, in_person (or meeting), text."
            )
    fu_id = add_reminder(store, contact_id, args.title, at, channel)
    fu = store.follow_ups.get(fu_id)
    if args.json:
        write_json(
            out, {"id": fu_id, "due": iso(at, tz), "title": fu.title, "contact_id": contact_id, "channel": channel}
        )
    else:
        out.write(f"Reminder set for {at.astimezone(tz):%a %d %b %H:%M}: {fu.title} (id {fu_id})\n")
    return 0

"""delete-touch-point, reopen, reschedule (registered in follow_up_args.py)."""

from __future__ import annotations

import argparse
from typing import TextIO

from followup.cli.output import write_json
from followup.cli.plan_commands import say_follow_up
from followup.engine import follow_ups as engine
from followup.engine import replies
from followup.store import Store
from followup.timeutil import parse_user_datetime, zone


def delete_touch_point(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    deleted = replies.delete_touch_point(store, args.id)
    if args.json:
        write_json(
            out, {"id": args.id, "follow_ups_reopened": deleted.reopened, "follow_ups_cancelled": deleted.cancelled}
        )
        return 0
    out.write(f"Deleted touch point {args.id}: {deleted.touch_point.summary}\n")
    for fu_id in deleted.reopened:
        out.write(f"Reopened reply promise {fu_id}: {store.follow_ups.get(fu_id).title}\n")
    for fu_id in deleted.cancelled:
        out.write(f"Cancelled reply promise {fu_id}: {store.follow_ups.get(fu_id).title}\n")
    return 0


def reopen(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    engine.reopen(store, args.id)
    return say_follow_up(out, store, args.id, args.json, lambda fu: f"Open again: {fu.title}")


def reschedule(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    tz = zone(store.settings.user_zone())
    to = parse_user_datetime(args.to, tz, store.clock.now())
    engine.reschedule(store, args.id, to)
    return say_follow_up(
        out, store, args.id, args.json, lambda fu: f"Now due {to.astimezone(tz):%a %d %b %H:%M}: {fu.title}", tz
    )

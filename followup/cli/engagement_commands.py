"""engagements and edit-engagement (registered in engagement_args.py)."""

from __future__ import annotations

import argparse
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from followup.cli.output import iso, table, write_json
from followup.engine.engagement_edit import EngagementChanges, edit
from followup.errors import FollowupError
from followup.meeting_reminders import set_lead
from followup.planning.model import Engagement
from followup.store import Store
from followup.timeutil import parse_user_datetime, zone


def engagement_json(store: Store, e: Engagement, tz: ZoneInfo) -> dict[str, Any]:
    playbook = None
    if e.playbook_id is not None:
        try:
            playbook = store.playbooks.get(e.playbook_id).name
        except FollowupError:
            playbook = None
    return {
        "id": e.id,
        "title": e.title,
        "start": e.start_date.isoformat() if e.all_day and e.start_date else iso(e.start, tz),
        "end": (e.end_date.isoformat() if e.end_date else None) if e.all_day else iso(e.end, tz),
        "all_day": e.all_day,
        "playbook": playbook,
        "status": e.status,
        "contacts": [store.contacts.row(c).name for c in e.contact_ids],
    }


def engagements(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    tz = zone(store.settings.user_zone())
    contact_id = store.contacts.resolve(args.contact) if args.contact else None
    found = [engagement_json(store, e, tz) for e in store.engagements.listed(contact_id)]
    if args.json:
        write_json(out, found)
        return 0
    if not found:
        out.write("No engagements.\n")
        return 0
    table(
        out,
        ["ID", "START", "TITLE", "WITH", "PLAYBOOK", "STATUS"],
        [
            [str(e["id"]), (e["start"] or "")[:16].replace("T", " "), e["title"], ", ".join(e["contacts"]),
             e["playbook"] or "", e["status"]]
            for e in found
        ],
    )  # fmt: skip
    return 0


def edit_engagement(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    tz = zone(store.settings.user_zone())
    now = store.clock.now()
    changes = EngagementChanges(
        title=args.title,
        start=parse_user_datetime(args.start, tz, now) if args.start else None,
        end=parse_user_datetime(args.end, tz, now) if args.end else None,
        playbook_id=store.playbooks.by_name(args.playbook).id if args.playbook else None,
    )
    with store.transaction():
        result = edit(store, args.id, changes)
        if args.remind_before is not None:
            set_lead(store, args.id, args.remind_before)
    e = store.engagements.get(args.id)
    if args.json:
        write_json(
            out,
            {
                **engagement_json(store, e, tz),
                "follow_ups_created": result.created,
                "follow_ups_moved": result.moved,
                "follow_ups_cancelled": result.cancelled,
                "follow_ups_kept": result.kept,
            },
        )
        return 0
    out.write(f"Saved {e.title} (engagement {e.id}).")
    out.write(
        f" {len(result.moved)} follow-up(s) moved, {len(result.created)} added, {len(result.cancelled)} cancelled"
    )
    out.write(f"; {len(result.kept)} closed one(s) kept.\n")
    return 0

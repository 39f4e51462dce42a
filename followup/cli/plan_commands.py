"""Commands for engagements and follow-ups: plan, due, done, snooze, skip, playbooks."""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from followup.cli.output import iso, table, write_json, write_json_list
from followup.cli.parser import channel_from_text
from followup.domain import Channel, Direction, TouchPoint
from followup.engine import follow_ups as engine
from followup.engine import plans
from followup.errors import ValidationError
from followup.planning.model import Engagement, EngagementKind, FollowUp
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import humanize_duration, parse_user_date, parse_user_datetime, zone


def follow_up_json(fu: FollowUp, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "id": fu.id,
        "contact": fu.contact_name,
        "contact_id": fu.contact_id,
        "title": fu.title,
        "phase": fu.phase.value if fu.phase else None,
        "source": fu.source.value,
        "due": fu.due_date.isoformat() if fu.due is None and fu.due_date else iso(fu.due, tz),
        "all_day": fu.due is None,
        "channel": fu.channel,
        "engagement_id": fu.engagement_id,
        "status": fu.status.value,
        "snoozed_until": iso(fu.snoozed_until, tz),
        "tz": fu.tz,
        "notes": fu.notes,
    }


def say_follow_up(
    out: TextIO,
    store: Store,
    follow_up_id: int,
    as_json: bool,
    line: Callable[[FollowUp], str],
    tz: ZoneInfo | None = None,
) -> int:
    """What a command that changed one follow-up prints: the follow-up as it
    is now, as JSON, or one line about it."""
    fu = store.follow_ups.get(follow_up_id)
    if as_json:
        write_json(out, follow_up_json(fu, tz or zone(store.settings.user_zone())))
    else:
        out.write(line(fu) + "\n")
    return 0


def _parse_date(text: str, tz: ZoneInfo, now: datetime) -> date:
    """A day: YYYY-MM-DD (1900 to 2200), or a human day (``fri``, ``tomorrow``, ``+3d``)."""
    try:
        date.fromisoformat(text.strip()[:10])
    except ValueError:
        return parse_user_datetime(text, tz, now).astimezone(tz).date()
    return parse_user_date(text)


def plan(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    prefs = Preferences.load(store)
    tz = zone(prefs.user_tz)
    ids = [store.contacts.resolve(args.contact)] + [store.contacts.resolve(o) for o in args.others]
    try:
        kind = EngagementKind(args.kind)
    except ValueError:
        raise ValidationError(
            f"Unknown engagement kind {args.kind!r}: use {', '.join(k.value for k in EngagementKind)}."
        ) from None
    engagement = Engagement(args.title, ids, tz=prefs.user_tz, kind=kind, location=args.location)
    if args.all_day:
        engagement.all_day = True
        engagement.start_date = _parse_date(args.start, tz, store.clock.now())
        engagement.end_date = _parse_date(args.end, tz, store.clock.now()) if args.end else None
    else:
        engagement.start = parse_user_datetime(args.start, tz, store.clock.now())
        engagement.end = (
            parse_user_datetime(args.end, tz, store.clock.now()) if args.end else engagement.start + timedelta(hours=1)
        )
    playbook = store.playbooks.by_name(args.playbook) if args.playbook else plans.default_playbook(store, ids)
    result = plans.create(store, engagement, playbook, prefs)
    created = [store.follow_ups.get(i) for i in result.created]
    created.sort(key=lambda f: (f.due or datetime.min.replace(tzinfo=tz)).timestamp() if f.due else 0)
    if args.json:
        write_json(
            out,
            {
                "engagement_id": result.engagement_id,
                "playbook": playbook.name,
                "follow_ups": [follow_up_json(f, tz) for f in store.follow_ups.for_engagement(result.engagement_id)],
            },
        )
        return 0
    out.write(f"Planned {engagement.title} (engagement {result.engagement_id}) with the {playbook.name} playbook:\n")
    for fu in store.follow_ups.for_engagement(result.engagement_id):
        when = fu.due_date.isoformat() if fu.due is None and fu.due_date else f"{fu.due.astimezone(tz):%a %d %b %H:%M}"  # type: ignore[union-attr]
        out.write(f"  {when:<16}  {(fu.phase.value if fu.phase else ''):<6}  {fu.title}\n")
    return 0


def due(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    prefs = Preferences.load(store)
    tz = zone(prefs.user_tz)
    now = store.clock.now()
    until = parse_user_datetime(args.until, tz, store.clock.now()) if args.until else None
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        raise ValidationError("--limit must be 1 or more.")
    contact_id = store.contacts.resolve(args.contact) if getattr(args, "contact", None) else None
    # Streamed: every due item is printed, however many there are.
    items = engine.iter_due(store, now, until, prefs, limit=None if contact_id is not None else limit)
    if contact_id is not None:
        items = itertools.islice((f for f in items if f.contact_id == contact_id), limit)
    if args.json:
        shown = write_json_list(
            out, ({**follow_up_json(f, tz), "section": engine.section_of(f, now, prefs)} for f in items)
        )
    else:
        rows = [_due_row(fu, now, tz) for fu in items]
        shown = len(rows)
        if rows:
            table(out, ["ID", "CONTACT", "WHAT", "PHASE", "WHEN"], rows)
        else:
            out.write("Nothing is due. Well kept.\n")
    if limit is not None and shown == limit and contact_id is None:
        more = store.follow_ups.count_due(max(now, until or now)) - shown
        if more > 0:
            print(
                f"followup: showing the {shown:,} oldest; {more:,} more are due (leave out --limit to see every one).",
                file=sys.stderr,
            )
    return 0


def _due_row(fu: FollowUp, now: datetime, tz: ZoneInfo) -> list[str]:
    wake = fu.snoozed_until or fu.due
    if wake is None:
        late = fu.due_date.isoformat() if fu.due_date else ""
    elif wake < now:
        late = f"{humanize_duration(now - wake)} late"
    else:
        late = f"{wake.astimezone(tz):%a %d %b %H:%M}"
    return [str(fu.id), fu.contact_name, fu.title, fu.phase.value if fu.phase else fu.source.label, late]


def done(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    fu = store.follow_ups.get(args.id)
    log = None
    if args.log:
        channel_text = args.channel or fu.channel or "email"
        found = channel_from_text(channel_text)
        if not found:
            raise ValidationError(f"Unknown channel {channel_text!r}.")
        channel = Channel(found)
        log = TouchPoint(
            contact_id=fu.contact_id,
            at=store.clock.now(),
            channel=channel,
            direction=Direction.MET if channel in (Channel.IN_PERSON, Channel.VIDEO) else Direction.OUT,
            summary=args.log,
            tz=store.settings.user_zone(),
        )
    tp_id = engine.complete(store, args.id, log)
    if args.json:
        write_json(out, {"id": args.id, "status": "done", "touch_point_id": tp_id})
    else:
        out.write(f"Done: {fu.title}\n")
    return 0


def snooze(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    tz = zone(store.settings.user_zone())
    until = parse_user_datetime(args.until, tz, store.clock.now())
    engine.snooze(store, args.id, until)
    return say_follow_up(
        out,
        store,
        args.id,
        args.json,
        lambda fu: f"Snoozed until {until.astimezone(tz):%a %d %b %H:%M}: {fu.title}",
        tz,
    )


def skip(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    engine.skip(store, args.id)
    return say_follow_up(out, store, args.id, args.json, lambda fu: f"Skipped: {fu.title}")


def playbooks(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    books = store.playbooks.all()
    if args.json:
        write_json(
            out,
            [
                {
                    "id": b.id,
                    "name": b.name,
                    "description": b.description,
                    "builtin": b.builtin,
                    "steps": [
                        {"phase": s.phase.value, "when": s.describe(), "title": s.title, "channel": s.channel}
                        for s in b.steps
                    ],
                }
                for b in books
            ],
        )
        return 0
    for b in books:
        out.write(f"{b.name}: {b.description}\n")
        for s in b.steps:
            out.write(f"  {s.phase.value:<6}  {s.describe():<42}  {s.title}\n")
    return 0

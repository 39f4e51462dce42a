"""The foundation's commands: demo, add-contact, contacts, log, search."""

from __future__ import annotations

import argparse
from typing import TextIO

from followup import demo as demo_data
from followup import matching
from followup.cli.output import contact_json, iso, table, write_json
from followup.cli.parser import channel_from_text
from followup.contacts_io.export import load_contacts
from followup.domain import (
    Channel,
    Contact,
    ContactDate,
    ContactRow,
    DateKind,
    Direction,
    Kind,
    LabelledValue,
    Mood,
    TouchPoint,
)
from followup.engine.touch_points import log_touch_point
from followup.errors import ValidationError
from followup.people_dates import parse_date
from followup.planning.promises import reply_due_text
from followup.store import Store
from followup.timeutil import days_ago, humanize_days_ago, parse_user_datetime, zone


def demo(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup import demo_marks

    if getattr(args, "remove", False):
        removed = demo_marks.remove(store)
        if args.json:
            write_json(
                out,
                {
                    "contacts": removed.contacts,
                    "touch_points": removed.touch_points,
                    "engagements": removed.engagements,
                    "follow_ups": removed.follow_ups,
                },
            )
        elif removed.contacts or removed.engagements:
            out.write(
                f"Removed {removed.contacts} demo contacts, {removed.touch_points} touch points, "
                f"{removed.engagements} engagements and {removed.follow_ups} follow-ups; real contacts were kept.\n"
            )
        else:
            out.write("There is no demo data to remove.\n")
        return 0
    if args.contacts < 0 or args.contacts > 1_000_000:
        raise ValidationError("--contacts must be between 0 and 1,000,000.")
    real = demo_marks.real_contacts(store)
    if real and not getattr(args, "force", False):
        raise ValidationError(
            f"This database holds {real:,} real contact{'s' if real != 1 else ''}: demo data would mix with them. "
            "Use another --data-dir, or --force to add it anyway (demo --remove takes it out again)."
        )
    summary = demo_data.generate(store, contacts=args.contacts, seed=args.seed)
    if args.json:
        write_json(out, {"contacts": summary.contacts, "touch_points": summary.touch_points})
    else:
        out.write(f"Added {summary.contacts} demo contacts and {summary.touch_points} touch points.\n")
    return 0


def add_contact(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    channel = Channel.EMAIL
    if args.channel:
        found = channel_from_text(args.channel)
        if not found:
            raise ValidationError(f"Unknown channel {args.channel!r}: use email, phone, video, in_person or text.")
        channel = Channel(found)
    contact = Contact(
        name=args.name,
        kind=Kind(args.kind),
        organisation=args.organisation,
        title=args.title,
        emails=[LabelledValue(e, "") for e in args.email],
        phones=[LabelledValue(p, "") for p in args.phone],
        preferred_channel=channel,
        tz=args.tz if args.tz is not None else store.settings.user_zone(),
        tags=list(args.tag),
    )
    if getattr(args, "birthday", None):
        year, month, day = parse_date(args.birthday)
        contact.dates = [ContactDate(DateKind.BIRTHDAY, month, day, year)]
    for email in args.email:
        if (existing := store.contacts.find_by_email(email)) is not None:
            raise ValidationError(f"{email} already belongs to contact id {existing}.")
    contact_id = store.contacts.add(contact)
    if args.json:
        write_json(out, contact_json(store.contacts.get(contact_id), zone(store.settings.user_zone())))
    else:
        out.write(f"Added {contact.name} (id {contact_id}).\n")
    return 0


def contacts(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    tz = zone(store.settings.user_zone())
    rows = store.contacts.rows(include_archived=args.archived)
    if getattr(args, "query", None):
        rows = _matching(store, rows, args.query)
    if getattr(args, "view", None):
        from followup.cli.view_commands import in_view

        rows = in_view(store, rows, args.view)
    if args.json:
        # every field add-contact --json has: the same function writes both
        full = {c.id: c for c in load_contacts(store, [r.id for r in rows], include_archived=args.archived)}
        write_json(out, [contact_json(full[r.id], tz) for r in rows])
        return 0
    now = store.clock.now()
    table(
        out,
        ["ID", "NAME", "KIND", "ORGANISATION", "EMAIL", "LAST TOUCHED"],
        [
            [
                str(r.id),
                r.name,
                r.kind.value,
                r.organisation,
                r.primary_email,
                humanize_days_ago(days_ago(r.last_touched_at, now, tz)) if r.last_touched_at else "never",
            ]
            for r in rows
        ],
    )
    return 0


def _notes(args: argparse.Namespace) -> str:
    """--notes TEXT, or --notes-file PATH (``-``: standard input) for notes too long for an argument."""
    path = getattr(args, "notes_file", None)
    if path is None:
        return str(args.notes)
    if args.notes:
        raise ValidationError("Give the notes with --notes or --notes-file, not both.")
    from followup import infile
    from followup.validation import MAX_NOTES

    data = infile.read(path, limit=MAX_NOTES * 4)  # UTF-8: at most 4 bytes a character
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = "standard input" if path == infile.STDIN else path
        raise ValidationError(f"The notes in {where} are not UTF-8 text (byte {error.start + 1}).") from None


def _matching(store: Store, rows: list[ContactRow], query: str) -> list[ContactRow]:
    """The contact filter's rule (followup.matching): names, organisation,
    emails, tags, "Their space" notes and phone numbers."""
    wanted = matching.parse(query)
    if wanted.empty:
        return rows
    phones = store.contacts.phones_by_contact()
    notes = dict(store.conn.execute("SELECT id, notes FROM contacts"))
    titles = dict(store.conn.execute("SELECT id, title FROM contacts"))
    return [
        r
        for r in rows
        if matching.matches(
            wanted,
            matching.haystack([r.name, r.organisation, titles.get(r.id, ""), *r.emails, *r.tags, notes.get(r.id, "")],
                              phones.get(r.id, [])),
        )
    ]  # fmt: skip


def log(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    notes = _notes(args)
    contact_id = store.contacts.resolve(args.contact)
    found = channel_from_text(args.channel)
    if not found:
        raise ValidationError(
            f"Unknown channel {args.channel!r}: use email, phone (or call), video, in_person (or meeting), text."
        )
    channel = Channel(found)
    direction = Direction(args.direction) if args.direction else _default_direction(channel)
    user_tz = store.settings.user_zone()
    at = parse_user_datetime(args.at, zone(user_tz), store.clock.now()) if args.at else store.clock.now()
    tp = TouchPoint(
        contact_id=contact_id,
        at=at,
        tz=user_tz,
        channel=channel,
        direction=direction,
        summary=args.summary,
        notes=notes,
        mood=Mood(args.mood) if args.mood else None,
        needs_reply=args.needs_reply,
        difficult=args.difficult,
        satisfaction=args.satisfaction,
        referral=args.referral,
    )
    answers = [args.reply_to] if args.reply_to is not None else [] if args.not_a_reply else None
    logged = log_touch_point(store, tp, answers=answers)
    tp_id = logged.touch_point_id
    name = store.contacts.row(contact_id).name
    if args.json:
        write_json(
            out,
            {
                "id": tp_id,
                "contact_id": contact_id,
                "contact": name,
                "at": iso(tp.at, zone(user_tz)),
                "channel": channel.value,
                "direction": direction.value,
                "summary": tp.summary,
                "needs_reply": tp.needs_reply,
                "difficult": tp.difficult,
                "follow_ups_opened": logged.created,
                "follow_ups_closed": logged.closed,
            },
        )
    else:
        out.write(f"Logged {channel.label.lower()} with {name}: {tp.summary}\n")
        if tp.difficult and channel.written:
            out.write("Note: difficult conversations go better as a call or a meeting than in writing.\n")
        for fu_id in logged.replies_closed:
            out.write(f"Closed reply promise {fu_id}: {store.follow_ups.get(fu_id).title}\n")
        if kept := len(logged.closed) - len(logged.replies_closed):
            out.write(f"Kept {kept} stay-in-touch promise(s) with {name}.\n")
        for fu_id in logged.created:
            out.write(reply_due_text(store.follow_ups.due_instant(fu_id), store.clock.now(), zone(user_tz)) + "\n")
    return 0


def search(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    tz = zone(store.settings.user_zone())
    hits = store.touch_points.search(args.query, limit=max(1, args.limit), order=getattr(args, "order", "newest"))
    if args.json:
        write_json(
            out,
            [
                {
                    "touch_point_id": h.touch_point_id,
                    "contact_id": h.contact_id,
                    "contact": h.contact_name,
                    "at": iso(h.at, tz),
                    "summary": h.summary,
                    "snippet": h.snippet.replace("\x02", "").replace("\x03", ""),
                }
                for h in hits
            ],
        )
        return 0
    for h in hits:
        snippet = h.snippet.replace("\x02", "*").replace("\x03", "*")
        out.write(f"{h.at.astimezone(tz):%Y-%m-%d}  {h.contact_name}: {h.summary}\n    {snippet}\n")
    if not hits:
        out.write("No touch point mentions that.\n")
    return 0


def _default_direction(channel: Channel) -> Direction:
    return Direction.MET if channel in (Channel.IN_PERSON, Channel.VIDEO) else Direction.OUT

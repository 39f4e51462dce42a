"""edit-contact, archive, unarchive, delete-contact, merge-contacts, show,
timeline, tag, dates (issue 15)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from followup.cli.output import contact_json, iso, table, write_json
from followup.cli.parser import channel_from_text
from followup.cli.plan_commands import follow_up_json
from followup.domain import Channel, ContactDate, DateKind, Kind, LabelledValue, TouchPoint
from followup.engine import bulk_contacts
from followup.engine import dates as dates_engine
from followup.engine.merge_contacts import merge_contacts as merge
from followup.errors import ValidationError
from followup.people_dates import describe, parse_date
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone


def edit_contact(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    contact = store.contacts.get(store.contacts.resolve(args.contact))
    if args.name is not None:
        contact.name = args.name
    if args.email is not None:
        for email in args.email:
            owner = store.contacts.find_by_email(email)
            if owner is not None and owner != contact.id:
                raise ValidationError(f"{email} already belongs to contact id {owner}.")
        contact.emails = [LabelledValue(e, _label(contact.emails, e)) for e in args.email if e.strip()]
    if args.phone is not None:
        contact.phones = [LabelledValue(p, _label(contact.phones, p)) for p in args.phone if p.strip()]
    if args.kind is not None:
        contact.kind = Kind(args.kind)
    if args.tz is not None:
        contact.tz = args.tz
    if args.organisation is not None:
        contact.organisation = args.organisation
    if args.title is not None:
        contact.title = args.title
    if args.channel is not None:
        found = channel_from_text(args.channel)
        if not found:
            raise ValidationError(f"Unknown channel {args.channel!r}: use email, phone, video, in_person or text.")
        contact.preferred_channel = Channel(found)
    if args.tag is not None:
        contact.tags = [t for t in args.tag if t.strip()]
    if args.birthday is not None:
        others = [d for d in contact.dates if d.kind is not DateKind.BIRTHDAY]
        old = contact.birthday
        if args.birthday.strip():
            year, month, day = parse_date(args.birthday)
            lead = old.lead_days if old else None
            contact.dates = [ContactDate(DateKind.BIRTHDAY, month, day, year, lead_days=lead), *others]
        else:
            contact.dates = others
    store.contacts.update(contact)
    assert contact.id is not None
    if args.json:
        write_json(out, contact_json(store.contacts.get(contact.id), _tz(store)))
    else:
        out.write(f"Saved {contact.name} (id {contact.id}).\n")
    return 0


def _label(values: list[LabelledValue], value: str) -> str:
    """An address or number given again keeps its label."""
    return next((v.label for v in values if v.value.lower() == value.strip().lower()), "")


def archive(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    return _set_archived(args, store, out, True)


def unarchive(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    return _set_archived(args, store, out, False)


def _set_archived(args: argparse.Namespace, store: Store, out: TextIO, archived: bool) -> int:
    contact_id = store.contacts.resolve(args.contact)
    store.contacts.set_archived(contact_id, archived)
    name = store.contacts.row(contact_id).name
    if args.json:
        write_json(out, {"id": contact_id, "name": name, "archived": archived})
    else:
        out.write(f"{'Archived' if archived else 'Unarchived'} {name}.\n")
    return 0


def delete_contact(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    contact_id = store.contacts.resolve(args.contact)
    name = store.contacts.row(contact_id).name
    count = store.touch_points.count_for(contact_id)
    what = f"{name} and their {count} touch point{'s' if count != 1 else ''}" if count else name
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError(f"This deletes {what}: run it again with --yes to do so.")
        sys.stderr.write(f"Delete {what}? [y/N] ")
        sys.stderr.flush()
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            out.write("Nothing was deleted.\n")
            return 1
    store.contacts.delete(contact_id)
    if args.json:
        write_json(out, {"id": contact_id, "name": name, "deleted": True, "touch_points": count})
    else:
        out.write(f"Deleted {what}.\n")
    return 0


def merge_contacts(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    keep_id, other_id = store.contacts.resolve(args.keep), store.contacts.resolve(args.other)
    other_name = store.contacts.row(other_id).name
    result = merge(store, keep_id, other_id, dry_run=args.dry_run)
    if args.json:
        write_json(
            out,
            {
                "keep": {"id": keep_id, "name": result.name},
                "other": {"id": other_id, "name": other_name},
                "dry_run": bool(args.dry_run),
                "changes": result.changes,
                "moved": result.moved,
            },
        )
        return 0
    verb = "Would merge" if args.dry_run else "Merged"
    out.write(f"{verb} {other_name} (id {other_id}) into {result.name} (id {keep_id}), which keeps its name.\n")
    for change in result.changes or ["nothing new: only the duplicate goes"]:
        out.write(f"  {change}\n")
    return 0


def show(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    contact = store.contacts.get(store.contacts.resolve(args.contact))
    assert contact.id is not None
    tz = _tz(store)
    today = store.clock.now().astimezone(tz).date()
    follow_ups = store.follow_ups.for_contact(contact.id)
    engagements = store.engagements.for_contact(contact.id)
    touch_points = store.touch_points.for_contact(contact.id, limit=20)
    if args.json:
        data = contact_json(contact, tz)
        data["notes"] = contact.notes
        data["open_follow_ups"] = [follow_up_json(f, tz) for f in follow_ups]
        data["engagements"] = [
            {"id": e.id, "title": e.title, "start": iso(e.start, tz) if e.start else (
                e.start_date.isoformat() if e.start_date else None), "status": e.status}
            for e in engagements
        ]  # fmt: skip
        data["touch_points"] = [_touch_point_json(tp, tz) for tp in touch_points]
        write_json(out, data)
        return 0
    out.write(f"{contact.name} (id {contact.id})\n")
    role = " · ".join(p for p in (contact.title, contact.organisation) if p)
    out.write(f"  {contact.kind.label}{f' · {role}' if role else ''}{' · archived' if contact.archived else ''}\n")
    rows: list[tuple[str, str]] = [
        *(("Email", f"{e.value}{f' ({e.label})' if e.label else ''}") for e in contact.emails),
        *(("Phone", f"{p.value}{f' ({p.label})' if p.label else ''}") for p in contact.phones),
        ("Prefers", contact.preferred_channel.label),
        ("Time zone", contact.tz),
        *((("Tags", ", ".join(contact.tags)),) if contact.tags else ()),
        *((d.title, describe(d, today)) for d in contact.dates),
        *((f"Address{f' ({a.label})' if a.label else ''}", a.one_line()) for a in contact.addresses),
        *((f"Link{f' ({link.label})' if link.label else ''}", link.url) for link in contact.links),
    ]
    width = max(len(k) for k, _ in rows)
    for key, value in rows:
        out.write(f"  {key.ljust(width)}  {value}\n")
    if contact.notes.strip():
        out.write("\nTheir space:\n" + "".join(f"  {line}\n" for line in contact.notes.strip().splitlines()))
    out.write(f"\nOpen follow-ups ({len(follow_ups)}):\n")
    for f in follow_ups:
        when = (
            f.due_date.isoformat()
            if f.due is None and f.due_date
            else f"{(f.due or store.clock.now()).astimezone(tz):%Y-%m-%d %H:%M}"
        )
        out.write(f"  #{f.id}  {when}  {f.title}\n")
    out.write(f"\nEngagements ({len(engagements)}):\n")
    for e in engagements:
        when = (
            f"{e.start.astimezone(tz):%Y-%m-%d %H:%M}"
            if e.start
            else (e.start_date.isoformat() if e.start_date else "")
        )
        out.write(f"  #{e.id}  {when}  {e.title}{' (cancelled)' if e.status == 'cancelled' else ''}\n")
    out.write(f"\nLast touch points ({len(touch_points)}):\n")
    _write_touch_points(out, touch_points, tz)
    return 0


def timeline(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    if not 1 <= args.limit <= 100_000:
        raise ValidationError("--limit is between 1 and 100,000.")
    contact_id = store.contacts.resolve(args.contact)
    tz = _tz(store)
    touch_points = store.touch_points.for_contact(contact_id, limit=args.limit)
    if args.json:
        write_json(out, [_touch_point_json(tp, tz) for tp in touch_points])
        return 0
    if not touch_points:
        out.write(f"No touch points with {store.contacts.row(contact_id).name} yet.\n")
    _write_touch_points(out, touch_points, tz)
    return 0


def _touch_point_json(tp: TouchPoint, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "id": tp.id, "at": iso(tp.at, tz), "channel": tp.channel.value, "direction": tp.direction.value,
        "summary": tp.summary, "notes": tp.notes, "mood": tp.mood.value if tp.mood else None,
        "needs_reply": tp.needs_reply, "difficult": tp.difficult, "satisfaction": tp.satisfaction,
        "referral": tp.referral,
    }  # fmt: skip


def _write_touch_points(out: TextIO, touch_points: list[TouchPoint], tz: ZoneInfo) -> None:
    for tp in touch_points:
        out.write(f"  {tp.at.astimezone(tz):%Y-%m-%d %H:%M}  {tp.channel.label} · {tp.direction.label}: {tp.summary}\n")


def tag(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    ids = list(dict.fromkeys(store.contacts.resolve(c) for c in args.contacts))  # all resolved before any change
    word = bulk_contacts.clean_tag(args.add or args.remove)
    # one set-based write for any number of contacts (followup/engine/bulk_contacts.py)
    done = (bulk_contacts.add_tag if args.add else bulk_contacts.remove_tag)(store, ids, word)
    names, touched = dict(store.contacts.names()), set(done.changed)
    changed = [names[i] for i in ids if i in touched]
    if args.json:
        write_json(
            out, {"tag": word, "added" if args.add else "removed": changed, "unchanged": len(ids) - len(changed)}
        )
    else:
        verb = "Tagged" if args.add else "Untagged"
        out.write(
            f"{verb} {len(changed)} contact{'s' if len(changed) != 1 else ''} {'with' if args.add else 'from'} {word!r}"
        )
        out.write(
            f" ({len(ids) - len(changed)} already {'had' if args.add else 'lacked'} it).\n"
            if len(changed) < len(ids)
            else ".\n"
        )
    return 0


def dates(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    days = dates_engine.within(args.within)
    tz = _tz(store)
    today = store.clock.now().astimezone(tz).date()
    found = dates_engine.upcoming(store, today, days)
    if args.json:
        write_json(
            out,
            [
                {
                    "contact_id": u.contact_id, "contact": u.contact, "kind": u.record.kind.value,
                    "label": u.record.title, "date": u.record.iso(), "next": u.occurrence.isoformat(),
                    "in_days": (u.occurrence - today).days, "remind_on": u.remind_on.isoformat(),
                    "lead_days": u.record.lead,
                }
                for u in found
            ],
        )  # fmt: skip
        return 0
    if not found:
        out.write(f"No birthday or other date in the next {days} days.\n")
        return 0
    table(
        out,
        ["WHEN", "CONTACT", "WHAT", "DATE"],
        [[f"{u.occurrence:%a %d %b}", u.contact, u.record.title, describe(u.record, today)] for u in found],
    )
    return 0


def _tz(store: Store) -> ZoneInfo:
    return zone(Preferences.load(store).user_tz)

"""Calendar commands: export-ics and import-ics."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from followup.calendar import import_ics
from followup.calendar.export import ExportRequest, Mode, export, write_atomically
from followup.calendar.reading import read_calendar
from followup.cli.output import write_json
from followup.engine import plans
from followup.errors import ValidationError
from followup.preferences import Preferences
from followup.store import Store


def export_ics(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    if args.invite and args.cancel:
        raise ValidationError("Use --invite or --cancel, not both.")
    if (args.invite or args.cancel) and args.engagement is None:
        raise ValidationError("--invite and --cancel need --engagement ID: only engagements are sent to contacts.")
    mode = Mode.REQUEST if args.invite else Mode.CANCEL if args.cancel else Mode.PUBLISH
    contact_id = store.contacts.resolve(args.contact) if args.contact else None
    prefs = Preferences.load(store)
    notes: list[str] = []
    if mode == Mode.CANCEL:
        engagement = store.engagements.get(args.engagement)
        if not prefs.user_email.strip():
            raise ValidationError("Cancellations need your email address as the organizer: set it in Settings.")
        if engagement.status != "cancelled":
            # A cancellation must carry a higher SEQUENCE than the invitation:
            # cancelling in Followup bumps it and closes the open follow-ups.
            done = plans.cancel(store, args.engagement)
            notes.append(f"Cancelled “{engagement.title}” and {len(done.cancelled)} open follow-up(s) in Followup.")
    request = ExportRequest(engagement_id=args.engagement, contact_id=contact_id, mode=mode)
    result = export(store, request, prefs)
    path = write_atomically(Path(args.out), result.data)
    if args.json:
        write_json(
            out,
            {
                "path": str(path),
                "method": mode.value,
                "events": [{"uid": e.uid, "title": e.title, "sequence": e.sequence} for e in result.events],
                "warnings": result.warnings,
                "notes": notes,
            },
        )
        return 0
    for line in notes + result.warnings:
        out.write(line + "\n")
    what = {Mode.PUBLISH: "to add to your calendar", Mode.REQUEST: "an invitation", Mode.CANCEL: "a cancellation"}
    out.write(f"Wrote {result.count} event{'s' if result.count != 1 else ''} ({what[mode]}) to {path}\n")
    if mode != Mode.PUBLISH:
        out.write("Attach it to an email with the type text/calendar; method=" + mode.value + ".\n")
    return 0


def import_ics_command(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    prefs = Preferences.load(store)
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError(f"Cannot read {path}: {error.strerror or error}.") from None
    playbook = store.playbooks.by_name(args.playbook) if args.playbook else None
    parsed = read_calendar(data, now=store.clock.now(), user_tz=prefs.user_tz, window_days=args.window_days)
    plan = import_ics.analyse(store, parsed, prefs)
    result = import_ics.apply(store, plan, playbook, prefs)
    if args.json:
        write_json(out, {"file": str(path), "method": plan.method or None, **result.as_json()})
        return 0
    logged = f", {len(result.logged)} past meetings logged" if result.logged else ""
    out.write(
        f"{path.name}: {len(result.created)} created, {len(result.updated)} updated, "
        f"{len(result.cancelled)} cancelled{logged}, {len(result.skipped)} skipped.\n"
    )
    for c in result.created:
        out.write(
            f"  created   {c['title']} (engagement {c['engagement_id']}, {c['playbook']}, "
            f"{c['follow_ups']} follow-ups)\n"
        )
    for u in result.updated:
        out.write(
            f"  updated   {u['title']} (engagement {u['engagement_id']}: {u['why']}, "
            f"{u['follow_ups_moved']} follow-ups moved)\n"
        )
    for c in result.cancelled:
        out.write(
            f"  cancelled {c['title']} (engagement {c['engagement_id']}, "
            f"{c['follow_ups_cancelled']} follow-ups cancelled)\n"
        )
    for x in result.logged:
        out.write(f"  logged    {x['title']} ({str(x['when'])[:10]}): we met\n")
    later: dict[str, int] = {}
    for s in result.skipped:
        if str(s["why"]).startswith("a later occurrence"):
            later[str(s["title"])] = later.get(str(s["title"]), 0) + 1
            continue
        when = f" ({str(s['when'])[:16]})" if s.get("when") else ""
        out.write(f"  skipped   {s['title']}{when}: {s['why']}\n")
    for title, count in later.items():
        out.write(
            f"  skipped   {count} later occurrence{'s' if count != 1 else ''} of {title}: only the next is planned\n"
        )
    if result.contacts_created:
        out.write("New contacts: " + ", ".join(f"{c['name']} <{c['email']}>" for c in result.contacts_created) + "\n")
    if result.matched:
        out.write("Matched contacts: " + ", ".join(str(m["name"]) for m in result.matched) + "\n")
    if result.not_matched:
        people = ", ".join(f"{p['name']} <{p['email']}>" if p["name"] else str(p["email"]) for p in result.not_matched)
        out.write(f"Not contacts (not added): {people}\n")
    return 0

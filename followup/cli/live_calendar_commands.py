"""The `calendar` commands (followup/caldav)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, TextIO

from followup.caldav import accounts as acc
from followup.caldav import proposals as props
from followup.caldav.credentials import delete_password, save_password
from followup.cli.output import iso, table, write_json
from followup.errors import ValidationError
from followup.timeutil import zone

if TYPE_CHECKING:
    from followup.store import Store


def add_account(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.caldav.remote import Remote

    url = acc.validate_url(args.url)
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise ValidationError("No password came on standard input.")
    remote = Remote(url, args.user, password)
    try:
        found = remote.calendars()  # checks the address and the password before anything is saved
    finally:
        remote.close()
    if password is not None:
        save_password(url, args.user, password)
    account_id = acc.add_account(store, acc.CALDAV, url, args.user, publish=args.publish, now=store.clock.now())
    for c in found:
        if "VEVENT" in c.components or not c.components:
            acc.upsert_calendar(store, account_id, c.url, c.name, read=c.name != "Followup")
    if args.json:
        write_json(out, {"id": account_id, "url": url, "calendars": [c.name for c in found]})
    else:
        names = ", ".join(f"“{c.name or c.url}”" for c in found) or "none yet"
        out.write(f"Connected account {account_id} ({url}). Calendars read: {names}.\n")
    return 0


def subscribe(args: argparse.Namespace, store: Store, out: TextIO) -> int:

    url = acc.validate_url(args.url)
    account_id = acc.add_account(store, acc.SUBSCRIPTION, url, "", publish=False, now=store.clock.now())
    if args.json:
        write_json(out, {"id": account_id, "url": url})
    else:
        out.write(f"Subscribed (account {account_id}): {url}. It is read on each `calendar sync`.\n")
    return 0


def list_accounts(args: argparse.Namespace, store: Store, out: TextIO) -> int:

    tz = zone(store.settings.user_zone())
    data: list[dict[str, Any]] = []
    for a in acc.accounts(store):
        data.append(
            {
                "id": a.id,
                "kind": a.kind,
                "url": a.url,
                "user": a.username,
                "publish": a.publish,
                "status": a.status,
                "last_sync": iso(_utc(a.last_sync_utc), tz),
                "calendars": [
                    {"id": c.id, "name": c.name, "url": c.url, "read": c.read} for c in acc.calendars(store, a.id)
                ],
            }
        )
    if args.json:
        write_json(out, data)
        return 0
    if not data:
        out.write("No calendar accounts. Add one with `calendar add-account --url URL --user U --password-stdin`.\n")
        return 0
    for entry in data:
        out.write(
            f"{entry['id']}  {entry['kind']}  {entry['url']}  {entry['user']}  {entry['status'] or 'not synced yet'}\n"
        )
        for c in entry["calendars"]:
            out.write(f"    {c['id']}  {'on ' if c['read'] else 'off'}  {c['name']}\n")
    return 0


def _utc(text: str | None):  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime.fromisoformat(text) if text else None


def set_read(args: argparse.Namespace, store: Store, out: TextIO) -> int:

    account = acc.resolve_account(store, args.account)
    cal = acc.resolve_calendar(store, account, args.calendar)
    acc.set_read(store, cal.id, args.state == "on")
    out.write(f"{'Reading' if args.state == 'on' else 'Not reading'} “{cal.name}”.\n")
    return 0


def remove_account(args: argparse.Namespace, store: Store, out: TextIO) -> int:

    account = acc.resolve_account(store, args.account)
    if account.kind == acc.CALDAV:
        delete_password(account.url, account.username)
    acc.remove_account(store, account.id)
    out.write(f"Removed account {account.id} ({account.url}); its password was removed from the keyring.\n")
    return 0


def sync(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.caldav.sync import sync_all

    report = sync_all(store)
    if args.json:
        write_json(out, report.as_json())
    else:
        parts = [
            f"{report.met_logged} past meetings logged",
            f"{report.proposed} new meetings proposed",
            f"{report.planned} planned",
            f"{report.moved} moved",
            f"{report.cancelled} cancelled",
            f"{report.published} follow-ups published",
            f"{report.completed_remotely} completed elsewhere",
            f"{report.rescheduled_remotely} moved elsewhere",
        ]
        out.write("Synced: " + ", ".join(parts) + ".\n")
        for error in report.errors:
            out.write(f"  problem: {error}\n")
    # an account that could not be synced at all is a failure for scripts;
    # a skipped item is reported, not fatal
    return 1 if report.accounts_failed else 0


def list_proposals(args: argparse.Namespace, store: Store, out: TextIO) -> int:

    tz = zone(store.settings.user_zone())
    found = props.open_proposals(store)
    names = dict(store.conn.execute("SELECT id, name FROM contacts"))
    data = [
        {
            "id": p.id,
            "title": p.title,
            "start": iso(p.start, tz) if p.start else (p.start_date.isoformat() if p.start_date else None),
            "end": iso(p.end, tz) if p.end else (p.end_date.isoformat() if p.end_date else None),
            "contacts": [names.get(c, "") for c in p.contact_ids],
            "recurring": bool(p.recurrence_id),
        }
        for p in found
    ]
    if args.json:
        write_json(out, data)
        return 0
    if not data:
        out.write("No new meetings are waiting for a plan.\n")
        return 0
    table(
        out,
        ["id", "start", "meeting", "with"],
        [[str(d["id"]), str(d["start"] or ""), str(d["title"]), ", ".join(d["contacts"])] for d in data],  # type: ignore[arg-type]
    )
    return 0


def plan(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.preferences import Preferences

    engagement_id = props.plan_proposal(store, args.proposal, args.playbook, Preferences.load(store))
    count = len(store.follow_ups.for_engagement(engagement_id))
    if args.json:
        write_json(out, {"engagement_id": engagement_id, "follow_ups": count})
    else:
        out.write(f"Planned: engagement {engagement_id} with {count} follow-ups.\n")
    return 0


def dismiss(args: argparse.Namespace, store: Store, out: TextIO) -> int:

    props.dismiss(store, args.proposal)
    out.write("Dismissed: no plan for that meeting.\n")
    return 0

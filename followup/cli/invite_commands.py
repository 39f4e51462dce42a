"""send-invite, draft and check-tone (followup/cli/mail_args.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from followup.calendar.export import write_atomically
from followup.cli.output import write_json
from followup.engine import plans
from followup.mail.tone import Context, check
from followup.store import Store


def send_invite(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.imip import build_invitation
    from followup.mail.send import send, sending_account
    from followup.mail.sent_log import log_sent

    notes = []
    logged: list[int] = []
    engagement = store.engagements.get(args.engagement)
    if args.cancel and engagement.status != "cancelled":
        # the cancellation carries a higher SEQUENCE than the invitation it cancels
        done = plans.cancel(store, args.engagement)
        notes.append(f"Cancelled “{engagement.title}” and {len(done.cancelled)} open follow-up(s) in Followup.")
    invitation = build_invitation(store, args.engagement, cancel=args.cancel)
    if args.save:
        path = write_atomically(Path(args.save), invitation.message.as_bytes())
        where = f"saved to {path}"
    else:
        account = sending_account(store, args.account)
        send(account, invitation.message, invitation.recipients)
        # sent, so it happened: a touch point with each contact it went to (not for --save)
        logged = log_sent(store, invitation.message, account.email)
        where = f"sent from {account.email}"
    if args.json:
        write_json(
            out,
            {
                "method": invitation.method,
                "uid": invitation.uid,
                "sequence": invitation.sequence,
                "to": invitation.recipients,
                "saved": args.save,
                "warnings": invitation.warnings,
                "notes": notes,
                "touch_point_ids": logged,
            },
        )
        return 0
    for line in notes + invitation.warnings:
        out.write(line + "\n")
    what = "Cancellation" if args.cancel else "Invitation"
    out.write(f"{what} (sequence {invitation.sequence}) to {', '.join(invitation.recipients)} {where}.\n")
    if logged:
        out.write(f"Logged as a touch point with {len(logged)} contact(s).\n")
    return 0


def draft(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.drafts import draft as make_draft
    from followup.mail.drafts import mailto, send_draft

    result = make_draft(store, args.followup)
    if args.send:
        tp_id = send_draft(store, args.followup, result, args.account)
        if args.json:
            write_json(out, result.as_json() | {"sent": True, "touch_point_id": tp_id})
        else:
            out.write(f"Sent “{result.subject}” to {', '.join(result.to)}; logged, and the follow-up is done.\n")
        return 0
    if args.mailto:
        out.write(mailto(result) + "\n")
        return 0
    if args.json:
        write_json(out, result.as_json())
        return 0
    out.write(f"To: {', '.join(result.to) or '(no address)'}\nSubject: {result.subject}\n\n{result.body}\n")
    for f in result.findings:
        out.write(f"[{f.rule}] {f.message}\n")
    return 0


def check_tone(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.drafts import context_for

    text = sys.stdin.read()
    context = context_for(store, store.contacts.resolve(args.contact)) if args.contact else Context()
    channel = args.channel.strip().lower()
    findings = check(text, "email" if channel in ("email", "mail") else channel, context)
    if args.json:
        write_json(out, {"findings": [f.as_json() for f in findings]})
        return 0
    if not findings:
        out.write("No findings: it reads well.\n")
    for f in findings:
        where = f" (characters {f.span[0]}–{f.span[1]}: “{text[f.span[0] : f.span[1]]}”)" if f.span else ""
        out.write(f"[{f.rule}] {f.message}{where}\n")
    return 0


def invite_responses(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.imip_reply import responses

    engagement = store.engagements.get(args.engagement)
    rows = responses(store, args.engagement)
    if args.json:
        write_json(out, rows)
        return 0
    words = {"ACCEPTED": "accepted", "TENTATIVE": "maybe", "DECLINED": "declined", "NEEDS-ACTION": "no answer"}
    answered = {r["contact_id"] for r in rows}
    for r in rows:
        extra = f", proposes {r['proposed_start']}" if r["proposed_start"] else ""
        extra += f": “{r['comment']}”" if r["comment"] else ""
        out.write(f"{r['contact']}: {words.get(r['partstat'], r['partstat'])}{extra}\n")
    for cid in engagement.contact_ids:
        if cid not in answered:
            out.write(f"{store.contacts.get(cid).name}: no answer yet\n")
    return 0

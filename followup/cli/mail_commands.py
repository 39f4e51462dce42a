"""Mail commands: accounts, sync, suggestions, import-mail (followup/cli/mail_args.py)."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from followup.cli.output import write_json
from followup.errors import ValidationError
from followup.mail.accounts import build_account, format_fingerprint
from followup.mail.presets import PRESETS, preset_for
from followup.store import Store
from followup.store.mail_accounts import MailAccountsRepo

log = logging.getLogger(__name__)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"Password for {args.email} (an app password for most providers): ")
    else:
        raise ValidationError("Give the password with --password-stdin (it is never taken as an argument).")
    if not password:
        raise ValidationError("The password is empty; nothing was saved.")
    return password


def add_account(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.setup import add_account as add

    account = build_account(
        email=args.email,
        imap=args.imap,
        smtp=args.smtp,
        user=args.user,
        imap_security=args.imap_security,
        smtp_security=args.smtp_security,
        pin=args.pin_certificate,
    )
    account.headers_only = bool(args.headers_only)
    if any(a.email.lower() == account.email.lower() for a in MailAccountsRepo(store).all()):
        raise ValidationError(f"The account {account.email} is already set up (remove it first to change it).")
    add(store, account, _read_password(args), check=not args.no_check)
    if args.json:
        write_json(out, account.public())
        return 0
    out.write(f"Added {account.email}: IMAP {account.imap_host}:{account.imap_port} ({account.imap_security}), ")
    out.write(f"SMTP {account.smtp_host}:{account.smtp_port} ({account.smtp_security}). ")
    out.write("The password is in the system keyring.\n")
    for pin in account.pins:
        out.write(f"Pinned certificate: SHA-256 {format_fingerprint(pin)}\n")
    preset = preset_for(account.email)
    if preset:
        out.write(preset.note + "\n")
    return 0


def accounts(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    rows = MailAccountsRepo(store).all()
    if args.json:
        write_json(out, [a.public() for a in rows])
        return 0
    if not rows:
        out.write("No mail account yet: mail add-account --email ADDR --imap HOST --smtp HOST --password-stdin\n")
    for a in rows:
        when = a.last_sync_at.isoformat() if a.last_sync_at else "never synced"
        out.write(f"{a.email}  IMAP {a.imap_host}:{a.imap_port} {a.imap_security}  SMTP {a.smtp_host}:{a.smtp_port} ")
        out.write(f"{a.smtp_security}  {when}{'  ' + a.status if a.status else ''}\n")
    return 0


def remove_account(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.setup import remove_account as remove

    account, forgot = remove(store, args.email)
    if args.json:
        write_json(out, {"removed": account.email, "password_forgotten": forgot})
        return 0
    out.write(f"Removed {account.email}; the touch points it logged stay.")
    out.write(" Its password was deleted from the keyring.\n" if forgot else "\n")
    return 0


def presets(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    if args.json:
        write_json(out, [asdict(p) for p in PRESETS])
        return 0
    for p in PRESETS:
        out.write(f"{p.name}: IMAP {p.imap_host}:{p.imap_port} ({p.imap_security}), ")
        out.write(f"SMTP {p.smtp_host}:{p.smtp_port} ({p.smtp_security}). {p.note}\n")
    return 0


def _report(out: TextIO, result_json: dict[str, object], as_json: bool, what: str) -> int:
    if as_json:
        write_json(out, result_json)
    else:
        out.write(
            f"{what}: {result_json['logged']} logged, {result_json['skipped']} skipped, "
            f"{result_json['promises_opened']} reply promise(s) opened, {result_json['promises_closed']} closed, "
            f"{result_json['replies_read']} invitation answer(s) read.\n"
        )
        for error in result_json["errors"]:  # type: ignore[attr-defined]
            out.write(f"  {error}\n")
    return 1 if result_json["errors"] and not result_json["logged"] and not result_json["skipped"] else 0


def sync(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.sync import sync_all

    result = sync_all(store, only=args.account)
    return _report(out, result.as_json(), args.json, "Mail sync")


def suggestions(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.store.mail_messages import MailMessagesRepo

    rows = MailMessagesRepo(store).strangers(limit=args.limit)
    if args.json:
        write_json(out, [r._asdict() for r in rows])
        return 0
    if not rows:
        out.write("No one yet: sync or import mail first.\n")
    for r in rows:
        out.write(f"{r.address}  {r.name or ''}  you wrote {r.sent}, they wrote {r.received}\n")
    return 0


def import_mail(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.files import import_path

    result = import_path(store, Path(args.path))
    return _report(out, result.as_json(), args.json, str(args.path))


def needs_reply(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.mail.promises import set_needs_reply

    out.write(set_needs_reply(store, args.touch_point, not args.off) + "\n")
    return 0


def threads(args: argparse.Namespace, store: Store, out: TextIO) -> int:
    from followup.store.mail_messages import MailMessagesRepo

    contact_id = store.contacts.resolve(args.contact)
    rows = MailMessagesRepo(store).threads(contact_id)
    items: list[dict[str, Any]] = []
    for t in rows:
        first = store.touch_points.get(t.first_touch_point_id)
        items.append(
            {
                "thread": t.thread_key,
                "subject": first.summary,
                "messages": t.messages,
                "last_at": t.last_at.isoformat(),
                "last_touch_point_id": t.last_touch_point_id,
            }
        )
    if args.json:
        write_json(out, items)
        return 0
    if not items:
        out.write("No mail with this contact yet.\n")
    for i in items:
        count = f" ({i['messages']})" if i["messages"] > 1 else ""
        out.write(f"{i['last_at'][:16].replace('T', ' ')}  {i['subject']}{count}\n")
    return 0

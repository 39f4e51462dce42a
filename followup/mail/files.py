"""import-mail: messages from files, for users who will not connect an account.

A .eml file, an Outlook .msg file, an mbox (Thunderbird's folders), a
maildir folder, or a folder of .eml/.msg files. Idempotent by Message-ID:
importing the same file twice logs nothing the second time.
"""

from __future__ import annotations

import mailbox
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from followup.errors import ValidationError
from followup.mail.ingest import Ingestor, MailResult
from followup.mail.message import Parsed, parse
from followup.preferences import Preferences
from followup.store import Store
from followup.store.mail_accounts import MailAccountsRepo

MAX_FILE = 64 * 1024 * 1024  # one message file; larger ones are read up to this much


def import_path(store: Store, path: Path) -> MailResult:
    if not path.exists():
        raise ValidationError(f"{path} does not exist.")
    mine = {a.email.lower() for a in MailAccountsRepo(store).all()}
    user = Preferences.load(store).user_email.strip().lower()
    if user:
        mine.add(user)
    if not mine:
        raise ValidationError(
            "Set your email address in Settings (or add a mail account) first: it tells your messages from theirs."
        )
    result = MailResult()
    found: list[tuple[Parsed, datetime | None, str]] = []
    for item in _messages(path, result):
        found.append(item)
    if not found and not result.errors:
        raise ValidationError(f"{path} holds no mail Followup can read (.eml, .msg, mbox or a maildir folder).")
    ingest = Ingestor(store, mine)
    # Oldest first: a question is logged before the reply that closes its promise.
    found.sort(key=lambda m: (m[0].date or m[1] or datetime.max.replace(tzinfo=UTC)).timestamp())
    with store.transaction():
        for parsed, fallback, where in found:
            try:
                ingest.ingest(parsed, result, fallback=fallback, where=where)
            except ValidationError as error:
                result.skipped += 1
                result.errors.append(f"{where}: not logged ({error})")
    return result


def _messages(path: Path, result: MailResult) -> Iterator[tuple[Parsed, datetime | None, str]]:
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new")):
            for sub in ("new", "cur"):
                for f in sorted((path / sub).iterdir()):
                    if f.is_file():
                        yield from _one_file(f, result, kind="eml")
            return
        for f in sorted(path.rglob("*")):
            if f.is_file() and f.suffix.lower() in (".eml", ".msg"):
                yield from _one_file(f, result)
        return
    yield from _one_file(path, result)


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(os.stat(path).st_mtime, UTC)


def _one_file(path: Path, result: MailResult, kind: str | None = None) -> Iterator[tuple[Parsed, datetime | None, str]]:
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as error:
        result.errors.append(f"{path}: cannot be read ({error.strerror or error}).")
        return
    if kind is None:
        if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
            kind = "msg"
        elif head.startswith(b"From "):
            kind = "mbox"
        else:
            kind = "eml"
    if kind == "msg":
        from followup.mail.outlook_msg import read_msg

        try:
            yield read_msg(path), _mtime(path), path.name
        except ValidationError as error:
            result.errors.append(f"{path.name}: {error}")
        return
    if kind == "mbox":
        box = mailbox.mbox(str(path), create=False)
        try:
            for i, key in enumerate(box.iterkeys(), 1):
                raw = box.get_bytes(key)
                from_line = box.get_message(key).get_from()
                yield parse(raw), _from_line_date(from_line), f"{path.name} message {i}"
        finally:
            box.close()
        return
    with path.open("rb") as f:
        raw = f.read(MAX_FILE)
    yield parse(raw), _mtime(path), path.name


def _from_line_date(from_line: str) -> datetime | None:
    """The date on mbox's "From sender Tue Nov 17 10:00:00 2026" line (UTC)."""
    parts = from_line.split()
    if len(parts) < 5:
        return None
    try:
        return parsedate_to_datetime(" ".join(parts[-5:]) + " +0000")
    except (TypeError, ValueError):
        return None

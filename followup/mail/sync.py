"""Reading an account's inbox and sent folder over IMAP, strictly read-only.

EXAMINE (never SELECT), BODY.PEEK (never a \\Seen flag), no STORE, COPY,
MOVE or EXPUNGE. Incremental: each folder's UIDVALIDITY and last UID read
are kept; with CONDSTORE, an unchanged folder (same UIDNEXT and
HIGHESTMODSEQ) is not even opened. Work is committed batch by batch with the
position, so a connection cut mid-sync loses nothing and the next sync goes
on from the last committed batch.
"""

from __future__ import annotations

import imaplib
import logging
import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from followup.mail import credentials
from followup.mail.accounts import Account
from followup.mail.connection import MailConnectionError, open_imap
from followup.mail.ingest import Ingestor, MailResult
from followup.mail.message import Parsed, parse, parse_headers, quick_addresses
from followup.preferences import Preferences
from followup.store import Store
from followup.store.mail_accounts import FolderState, MailAccountsRepo

log = logging.getLogger(__name__)
BATCH = 500
BODY_CAP = 256 * 1024  # enough for the text of any real message; a 30 MB attachment is never downloaded
SENT_NAMES = (
    "sent",
    "sent items",
    "sent messages",
    "sent mail",
    "[gmail]/sent mail",
    "inbox.sent",
    "gesendet",
    "gesendete elemente",
    "envoyés",
    "éléments envoyés",
    "enviados",
    "elementos enviados",
    "inviata",
)
_LIST = re.compile(rb'^\((?P<flags>[^)]*)\) (?:"(?P<delim>[^"]*)"|NIL) (?P<name>.+)$')
_META = re.compile(rb"UID (\d+)|INTERNALDATE \"([^\"]+)\"|RFC822\.SIZE (\d+)")


def sync_all(store: Store, only: str | None = None) -> MailResult:
    repo = MailAccountsRepo(store)
    accounts = [repo.get(only)] if only else repo.all()
    total = MailResult()
    if not accounts:
        total.errors.append("No mail account is set up: mail add-account first.")
    for account in accounts:
        total.add(sync_account(store, account))
    return total


def sync_account(store: Store, account: Account) -> MailResult:
    result = MailResult()
    repo = MailAccountsRepo(store)
    assert account.id is not None
    prefs = Preferences.load(store)
    ingest = Ingestor(store, {account.email, prefs.user_email}, headers_only=account.headers_only)
    try:
        imap = open_imap(account, credentials.get_password(account.email))
    except (MailConnectionError, credentials.KeyringUnavailable) as error:
        result.errors.append(f"{account.email}: {error}")
        repo.set_status(account.id, str(error))
        return result
    try:
        folders = [("inbox", "INBOX")]
        sent = find_sent(imap)
        if sent:
            folders.append(("sent", sent))
        else:
            result.errors.append(f"{account.email}: no sent folder found (SPECIAL-USE \\Sent or a usual name).")
        condstore = b"CONDSTORE" in _capabilities(imap)
        for role, name in folders:
            _sync_folder(store, imap, account, role, name, ingest, result, condstore)
        status = "synced" if not result.errors else "; ".join(result.errors)
        repo.set_status(account.id, status, synced=True)
    except (OSError, imaplib.IMAP4.abort, imaplib.IMAP4.error) as error:
        message = (
            f"{account.email}: the connection was lost during the sync ({error or type(error).__name__}). "
            "What was read so far is kept; the next sync goes on from there."
        )
        result.errors.append(message)
        repo.set_status(account.id, message)
    finally:
        try:
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            try:
                imap.shutdown()
            except OSError:
                pass
    return result


def _capabilities(imap: imaplib.IMAP4) -> set[bytes]:
    return {c.encode() if isinstance(c, str) else c for c in imap.capabilities}


def find_sent(imap: imaplib.IMAP4) -> str | None:
    """The sent folder: flagged \\Sent (RFC 6154), else by a usual name."""
    typ, data = imap.list()
    if typ != "OK":
        return None
    names: list[tuple[str, bytes]] = []
    for line in data:
        if not isinstance(line, bytes):
            continue
        m = _LIST.match(line)
        if not m:
            continue
        name = m.group("name").strip()
        if name.startswith(b'"') and name.endswith(b'"'):
            name = name[1:-1].replace(b'\\"', b'"').replace(b"\\\\", b"\\")
        text = name.decode("utf-8", errors="replace")
        if b"\\sent" in m.group("flags").lower():
            return text
        names.append((text, m.group("flags")))
    by_lower = {n.lower(): n for n, _ in names}
    return next((by_lower[s] for s in SENT_NAMES if s in by_lower), None)


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _status(imap: imaplib.IMAP4, name: str) -> dict[str, int]:
    typ, data = imap.status(_quote(name), "(UIDVALIDITY UIDNEXT HIGHESTMODSEQ)")
    if typ != "OK" or not data or not isinstance(data[0], bytes):
        return {}
    return {k.decode(): int(v) for k, v in re.findall(rb"(UIDVALIDITY|UIDNEXT|HIGHESTMODSEQ) (\d+)", data[0])}


def _sync_folder(
    store: Store,
    imap: imaplib.IMAP4,
    account: Account,
    role: str,
    name: str,
    ingest: Ingestor,
    result: MailResult,
    condstore: bool,
) -> None:
    assert account.id is not None
    repo = MailAccountsRepo(store)
    saved = repo.folder(account.id, role)
    status = _status(imap, name) if condstore else {}
    if (
        saved
        and status
        and status.get("UIDVALIDITY") == saved.uidvalidity
        and status.get("UIDNEXT") == saved.uidnext
        and status.get("HIGHESTMODSEQ", -1) == saved.highestmodseq
        and saved.last_uid + 1 >= saved.uidnext
    ):
        return  # nothing new: the folder is not even opened
    typ, answer = imap.select(_quote(name), readonly=True)  # EXAMINE
    if typ != "OK":
        detail = answer[0].decode(errors="replace") if answer and isinstance(answer[0], bytes) else typ
        result.errors.append(f"{account.email}: cannot open {name} ({detail}).")
        return
    found = imap.untagged_responses.get("UIDVALIDITY") or [b"0"]
    uidvalidity = int(found[0]) if isinstance(found[0], bytes | str) else 0
    last_uid = saved.last_uid if saved and saved.uidvalidity == uidvalidity else 0
    typ, data = imap.uid("SEARCH", None, f"UID {last_uid + 1}:*")  # type: ignore[arg-type]
    uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > last_uid) if typ == "OK" else []
    state = FolderState(name, uidvalidity, last_uid, status.get("UIDNEXT", 0), status.get("HIGHESTMODSEQ", 0))
    for start in range(0, len(uids), BATCH):
        batch = uids[start : start + BATCH]
        messages = _fetch_batch(imap, batch, ingest, name, result)
        with store.transaction():
            for uid, parsed, arrived in messages:
                try:
                    ingest.ingest(parsed, result, fallback=arrived, where=f"{name} UID {uid}")
                except Exception as error:  # one bad message never stops the sync
                    log.exception("message %s UID %s could not be logged", name, uid)
                    result.skipped += 1
                    result.errors.append(f"{name} UID {uid}: not logged ({type(error).__name__}: {error}).")
            state.last_uid = batch[-1]
            repo.save_folder(account.id, role, state)
    if status or not uids:
        repo.save_folder(account.id, role, state)  # the new UIDNEXT/HIGHESTMODSEQ, or a first empty folder


def _fetch_batch(
    imap: imaplib.IMAP4, uids: list[int], ingest: Ingestor, folder: str, result: MailResult
) -> list[tuple[int, Parsed, datetime | None]]:
    """Headers for the whole batch; the start of the body only for messages with a contact."""
    typ, data = imap.uid("FETCH", _set(uids), "(UID INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER])")
    if typ != "OK":
        raise imaplib.IMAP4.error(f"FETCH failed in {folder}")
    headers: list[tuple[int, bytes, datetime | None]] = []
    for item in data:
        if not isinstance(item, tuple):
            continue
        uid, arrived = _meta(item[0])
        if uid is not None:
            headers.append((uid, item[1], arrived))
    wanted: list[tuple[int, Parsed, datetime | None]] = []
    bodies_needed = []
    for uid, raw, arrived in sorted(headers):
        involved, mine = ingest.worth_reading(*quick_addresses(raw))
        if not involved and not mine:
            result.skipped += 1  # someone else's mail to me: nothing is read or kept
            continue
        _, parsed = parse_headers(raw)
        if involved and not ingest.headers_only:
            bodies_needed.append(uid)
        wanted.append((uid, parsed, arrived))
    if bodies_needed:
        typ, data = imap.uid("FETCH", _set(bodies_needed), f"(UID BODY.PEEK[]<0.{BODY_CAP}>)")
        bodies = {}
        for item in data:
            if isinstance(item, tuple):
                uid, _ = _meta(item[0])
                if uid is not None:
                    bodies[uid] = item[1]
        wanted = [(uid, parse(bodies[uid]) if uid in bodies else p, arrived) for uid, p, arrived in wanted]
    return wanted


def _meta(envelope: bytes) -> tuple[int | None, datetime | None]:
    uid, arrived = None, None
    for m in _META.finditer(envelope):
        if m.group(1):
            uid = int(m.group(1))
        elif m.group(2):
            try:
                arrived = parsedate_to_datetime(_internaldate_to_rfc2822(m.group(2).decode()))
            except (TypeError, ValueError):
                arrived = None
    return uid, arrived


def _internaldate_to_rfc2822(value: str) -> str:
    # "17-Jul-1996 02:44:25 -0700" -> "17 Jul 1996 02:44:25 -0700"
    return value.strip().replace("-", " ", 2)


def _set(uids: list[int]) -> str:
    """A compact UID set: 1:5,7,9:12."""
    ranges: list[str] = []
    start = prev = uids[0]
    for u in uids[1:]:
        if u == prev + 1:
            prev = u
            continue
        ranges.append(f"{start}:{prev}" if start != prev else str(start))
        start = prev = u
    ranges.append(f"{start}:{prev}" if start != prev else str(start))
    return ",".join(ranges)

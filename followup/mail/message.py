"""A mail message read into what Followup needs: addresses, the time with its
offset, the subject (RFC 2047 decoded, any charset), thread headers, the
plain text, and an iMIP calendar part. Lenient: broken MIME, an unknown
charset or a bad Date give what can be read and a note, never an exception."""

from __future__ import annotations

import email
import email.header
import email.message
import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from followup.mail.html_text import html_to_text

Address = tuple[str, str]  # (display name, address in lower case)
AUTO_HEADERS = ("auto-submitted", "precedence", "x-autoreply", "x-autorespond", "x-auto-response-suppress")
LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post")


@dataclass(slots=True)
class Parsed:
    message_id: str
    subject: str
    sender: Address | None
    to: list[Address]
    cc: list[Address]
    date: datetime | None
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # list and automatic-reply headers, lower-cased names
    text: str = ""
    calendar: bytes = b""
    calendar_method: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def refs(self) -> list[str]:
        """Every message this one answers: In-Reply-To first, then References."""
        out = [self.in_reply_to] if self.in_reply_to else []
        return out + [r for r in self.references if r not in out]


def decode_words(value: str | None) -> str:
    """RFC 2047 encoded words to text; an unknown charset is read as UTF-8
    with replacements rather than refused."""
    if not value:
        return ""
    value = str(value)
    try:
        parts = email.header.decode_header(value)
    except (ValueError, email.errors.HeaderParseError):
        return " ".join(value.split())
    out = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            out.append(chunk)
            continue
        out.append(_decode_bytes(chunk, charset))
    return " ".join("".join(out).split())


def _decode_bytes(data: bytes, charset: str | None) -> str:
    for candidate in (charset, "utf-8"):
        if not candidate or candidate.lower() in ("unknown-8bit", "x-unknown"):
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def message_ids(value: str | None) -> list[str]:
    return [m.lower() for m in re.findall(r"<[^<>\s]+>", value or "")]


def addresses(msg: email.message.Message, *names: str) -> list[Address]:
    values = []
    for name in names:
        values += [decode_words(v) for v in msg.get_all(name, [])]
    out = []
    for display, addr in email.utils.getaddresses(values):
        addr = addr.strip().lower()
        if "@" in addr:
            out.append((display.strip(), addr))
    return out


def parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo is not None else None


_ADDR = re.compile(rb"[\w.+'=/-]+@[\w-]+(?:\.[\w-]+)+")
_UNFOLD = re.compile(rb"\r?\n[ \t]+")


def quick_addresses(raw: bytes) -> tuple[set[str], set[str]]:
    """(From addresses, To/Cc addresses), lower-cased, without a full parse:
    enough to tell whether a message involves a contact (10x faster than
    the email package, which matters over 50,000 headers)."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    senders: set[str] = set()
    recipients: set[str] = set()
    for line in _UNFOLD.sub(b" ", head).splitlines():
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"from":
            senders.update(a.decode("ascii", "replace").lower() for a in _ADDR.findall(value))
        elif name in (b"to", b"cc"):
            recipients.update(a.decode("ascii", "replace").lower() for a in _ADDR.findall(value))
    return senders, recipients


def parse_headers(raw: bytes) -> tuple[email.message.Message, Parsed]:
    msg = email.message_from_bytes(raw)
    ids = message_ids(msg.get("Message-ID"))
    date = parse_date(msg.get("Date"))
    senders = addresses(msg, "From")
    parsed = Parsed(
        message_id=ids[0] if ids else "",
        subject=decode_words(msg.get("Subject")),
        sender=senders[0] if senders else None,
        to=addresses(msg, "To"),
        cc=addresses(msg, "Cc"),
        date=date,
        in_reply_to=(message_ids(msg.get("In-Reply-To")) or [""])[0],
        references=message_ids(msg.get("References")),
        headers={h: decode_words(msg.get(h)) for h in AUTO_HEADERS + LIST_HEADERS if msg.get(h) is not None},
    )
    if not parsed.message_id:
        # Idempotence for a message without a Message-ID: the same message gives the same key.
        basis = f"{msg.get('From')}|{msg.get('Date')}|{msg.get('Subject')}|{msg.get('To')}"
        parsed.message_id = f"<{hashlib.sha1(basis.encode('utf-8', 'replace')).hexdigest()}@followup.invalid>"
    if msg.get("Date") and date is None:
        parsed.problems.append(f"unreadable Date header “{msg.get('Date')}”")
    if msg.defects:
        parsed.problems.append("broken MIME: " + ", ".join(type(d).__name__ for d in msg.defects[:3]))
    return msg, parsed


def parse(raw: bytes) -> Parsed:
    """A whole (or truncated) message."""
    msg, parsed = parse_headers(raw)
    plain, html = "", ""
    for part in msg.walk() if msg.is_multipart() else [msg]:
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disposition = (part.get("Content-Disposition") or "").lower()
        if ctype == "text/calendar" and not parsed.calendar:
            parsed.calendar = _payload(part, parsed)
            method = part.get_param("method")
            parsed.calendar_method = method.upper() if isinstance(method, str) else ""
            continue
        if ctype == "application/ics" and not parsed.calendar:
            parsed.calendar = _payload(part, parsed)
            continue
        if "attachment" in disposition:
            continue
        if ctype == "text/plain" and not plain:
            plain = _text(part, parsed)
        elif ctype == "text/html" and not html:
            html = _text(part, parsed)
    parsed.text = plain or (html_to_text(html) if html else "")
    if parsed.calendar and not parsed.calendar_method:
        found = re.search(rb"^METHOD:(\w+)", parsed.calendar, re.M | re.I)
        parsed.calendar_method = found.group(1).decode().upper() if found else ""
    return parsed


def _payload(part: email.message.Message, parsed: Parsed) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except (ValueError, AssertionError):
        parsed.problems.append("an undecodable part")
        return b""
    return data if isinstance(data, bytes) else b""


def _text(part: email.message.Message, parsed: Parsed) -> str:
    data = _payload(part, parsed)
    charset = part.get_content_charset()
    if charset:
        try:
            "".encode(charset)
        except LookupError:
            parsed.problems.append(f"unknown charset “{charset}”, read as UTF-8")
    return _decode_bytes(data, charset)

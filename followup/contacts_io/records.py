"""Dates, addresses, links and photos as contacts files write them, read into
an Incoming contact (vCard and every CSV layout share these)."""

from __future__ import annotations

import base64
import binascii
import re

from followup.contacts_io.model import Incoming
from followup.domain import Address, ContactDate, DateKind, Link
from followup.errors import ValidationError
from followup.people_dates import parse_date, parse_us_date

# Labels (Apple's X-ABDATE, Google's "Event N - Label") that name a kind of date.
DATE_WORDS = {
    "birthday": DateKind.BIRTHDAY, "anniversary": DateKind.ANNIVERSARY,
    "work anniversary": DateKind.WORK_ANNIVERSARY, "contract renewal": DateKind.CONTRACT_RENEWAL,
    "renewal": DateKind.CONTRACT_RENEWAL, "quarter end": DateKind.QUARTER_END,
}  # fmt: skip
# Link labels for social profiles, from the address when nothing names it.
SOCIAL_HOSTS = {
    "linkedin.com": "linkedin", "twitter.com": "twitter", "x.com": "x", "facebook.com": "facebook",
    "github.com": "github", "instagram.com": "instagram", "xing.com": "xing", "mastodon.social": "mastodon",
}  # fmt: skip
_DATA_URI = re.compile(r"^data:([\w/+.-]+)?(;base64)?,(.*)$", re.DOTALL | re.IGNORECASE)
_IMAGE_TYPES = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif"}


def add_date(item: Incoming, kind: DateKind, text: str, *, label: str = "", omit_year: bool = False) -> None:
    """A date in any form programs write; one that is not a date is kept in the notes."""
    value = text.strip()
    if not value:
        return
    try:
        year, month, day = parse_date(value)
    except ValidationError:
        us = parse_us_date(value)
        if us is None:
            item.extras.append(f"{label or kind.label}: {value}")
            return
        year, month, day = us
    if omit_year:
        year = None
    record = ContactDate(kind, month, day, year, label if kind is DateKind.CUSTOM else "")
    if not any((d.kind, d.month, d.day, d.label) == (kind, month, day, record.label) for d in item.contact.dates):
        item.contact.dates.append(record)


def date_kind(label: str) -> tuple[DateKind, str]:
    """ "Anniversary" -> ANNIVERSARY; "Founded" -> CUSTOM with that label."""
    word = label.strip().lower()
    return (DATE_WORDS[word], "") if word in DATE_WORDS else (DateKind.CUSTOM, label.strip() or "Date")


def add_address(item: Incoming, label: str, parts: dict[str, str]) -> None:
    street = "\n".join(p for p in (parts.get("street", ""), parts.get("extended", ""), parts.get("pobox", "")) if p)
    address = Address(
        label.strip().lower(),
        street.strip(),
        parts.get("locality", "").strip(),
        parts.get("region", "").strip(),
        parts.get("postcode", "").strip(),
        parts.get("country", "").strip(),
    )
    if address.lines() and address.one_line() not in {a.one_line() for a in item.contact.addresses}:
        item.contact.addresses.append(address)


def add_formatted_address(item: Incoming, label: str, text: str) -> None:
    """One block of text ("Hauptstr. 1\\nBerlin"): kept as the street, line by line."""
    lines = [line.strip() for line in re.split(r"\r\n|\r|\n", text) if line.strip()]
    if lines:
        add_address(item, label, {"street": "\n".join(lines)})


def add_link(item: Incoming, url: str, label: str = "") -> None:
    value = url.strip()
    if not value or " " in value or ("." not in value and ":" not in value):
        if value:
            item.extras.append(f"Website{f' ({label})' if label else ''}: {value}")
        return
    label = label.strip().lower() or next((name for host, name in SOCIAL_HOSTS.items() if host in value.lower()), "")
    if value not in {link.url for link in item.contact.links}:
        item.contact.links.append(Link(value, label))


def set_photo(item: Incoming, value: str, encoding: str = "", image_type: str = "") -> None:
    """Inline (vCard 3.0's ENCODING=b, 4.0's data: URI) or a link to it."""
    text = value.strip()
    found = _DATA_URI.match(text)
    if found:
        image_type, text, encoding = found[1] or image_type, found[3], "b" if found[2] else ""
    elif encoding.lower() not in ("b", "base64"):
        if text.lower().startswith(("http://", "https://")):
            item.contact.photo_uri = text
        return
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        return
    if data and len(data) <= 5 * 1024 * 1024:
        item.contact.photo = data
        kind = image_type.lower()
        item.contact.photo_type = kind if "/" in kind else _IMAGE_TYPES.get(kind, "image/jpeg")

"""Checks applied before anything is written: clear messages, nothing half-stored."""

from __future__ import annotations

import re

from followup.domain import Contact, LabelledValue, TouchPoint
from followup.errors import ValidationError
from followup.timeutil import zone

MAX_NAME = 200
MAX_SHORT = 500  # organisation, title, labels, summary
MAX_NOTES = 5_000_000  # characters: a pasted 1 MB email thread fits easily
MAX_TAGS = 100

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_line(text: str, what: str, limit: int, *, required: bool = False) -> str:
    """One-line text: stripped, no control characters, within ``limit``."""
    value = _CONTROL.sub("", text.replace("\r", " ").replace("\n", " ")).strip()
    if required and not value:
        raise ValidationError(f"{what} cannot be empty.")
    if len(value) > limit:
        raise ValidationError(f"{what} is {len(value):,} characters long; the limit is {limit:,}.")
    return value


def clean_notes(text: str, what: str = "Notes") -> str:
    value = _CONTROL.sub("", text.replace("\r\n", "\n"))
    if len(value) > MAX_NOTES:
        raise ValidationError(f"{what} are {len(value):,} characters long; the limit is {MAX_NOTES:,}.")
    return value


def normalise_phone(number: str) -> str:
    """Digits only, with a leading + kept: how phones are matched."""
    stripped = number.strip()
    if stripped.lower().startswith("tel:"):
        stripped = stripped[4:]
    digits = re.sub(r"\D", "", stripped)
    if stripped.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    return digits


def validate_email(address: str) -> str:
    value = address.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if not _EMAIL.match(value) or len(value) > 320:
        raise ValidationError(f"{address!r} is not an email address.")
    return value


def validate_contact(contact: Contact) -> Contact:
    """Return a cleaned copy-in-place of ``contact`` or raise ValidationError."""
    contact.name = clean_line(contact.name, "The name", MAX_NAME, required=True)
    contact.organisation = clean_line(contact.organisation, "The organisation", MAX_SHORT)
    contact.title = clean_line(contact.title, "The role or title", MAX_SHORT)
    zone(contact.tz)
    contact.notes = clean_notes(contact.notes, "The notes")
    for email in contact.emails:
        email.value = validate_email(email.value)
        email.label = clean_line(email.label, "An email label", MAX_SHORT)
    unique: dict[str, LabelledValue] = {}
    for email in contact.emails:
        unique.setdefault(email.value.lower(), email)  # the first of each address, in order
    contact.emails = list(unique.values())
    for phone in contact.phones:
        phone.value = clean_line(phone.value, "A phone number", 100, required=True)
        if not normalise_phone(phone.value).lstrip("+"):
            raise ValidationError(f"{phone.value!r} has no digits, so it is not a phone number.")
        phone.label = clean_line(phone.label, "A phone label", MAX_SHORT)
    tags: list[str] = []
    for tag in contact.tags:
        cleaned = clean_line(tag, "A tag", 100).lstrip("#")
        if cleaned and cleaned.lower() not in {t.lower() for t in tags}:
            tags.append(cleaned)
    if len(tags) > MAX_TAGS:
        raise ValidationError(f"A contact can have at most {MAX_TAGS} tags.")
    contact.tags = tags
    ideal, limit = contact.cadence_ideal_days, contact.cadence_limit_days
    if (ideal is None) != (limit is None):
        raise ValidationError("Set both the ideal interval and the limit for staying in touch, or neither.")
    if ideal is not None and limit is not None:
        if not 1 <= ideal <= 3650 or not 1 <= limit <= 3650:
            raise ValidationError("Stay-in-touch intervals are between 1 and 3,650 days.")
        if limit < ideal:
            raise ValidationError("The limit for staying in touch cannot be shorter than the ideal interval.")
    if contact.id is not None and contact.referred_by == contact.id:
        raise ValidationError("A contact cannot have referred themselves.")
    validate_records(contact)
    return contact


MAX_PHOTO = 5 * 1024 * 1024
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def validate_records(contact: Contact) -> None:
    """Dates, addresses, links and the photo."""
    from followup.people_dates import check

    for d in contact.dates:
        check(d.year, d.month, d.day)
        d.label = clean_line(d.label, "A date's label", MAX_SHORT)
        if d.lead_days is not None and not 0 <= d.lead_days <= 365:
            raise ValidationError("A reminder comes 0 to 365 days ahead of its date.")
    for a in contact.addresses:
        a.label = clean_line(a.label, "An address label", MAX_SHORT)
        a.street = "\n".join(clean_line(line, "A street", MAX_SHORT) for line in a.street.splitlines()).strip()
        for part in ("locality", "region", "postcode", "country"):
            setattr(a, part, clean_line(getattr(a, part), f"The address's {part}", MAX_SHORT))
    contact.addresses = [a for a in contact.addresses if a.lines()]
    for link in contact.links:
        link.url = clean_line(link.url, "A link", 2000, required=True)
        link.label = clean_line(link.label, "A link's label", MAX_SHORT)
        if " " in link.url or ("." not in link.url and not _SCHEME.match(link.url)):
            raise ValidationError(f"{link.url!r} is not a web address.")
        if not _SCHEME.match(link.url):
            link.url = "https://" + link.url
    if contact.photo is not None and len(contact.photo) > MAX_PHOTO:
        raise ValidationError("The photo is larger than 5 MB.")


def validate_touch_point(tp: TouchPoint) -> TouchPoint:
    tp.summary = clean_line(tp.summary, "The summary", MAX_SHORT, required=True)
    tp.notes = clean_notes(tp.notes)
    zone(tp.tz)
    if tp.at.tzinfo is None:
        raise ValidationError("The time of a touch point needs a time zone.")
    if tp.referral not in (None, "asked", "received"):
        raise ValidationError(f"A referral is 'asked' or 'received', not {tp.referral!r}.")
    if tp.satisfaction is not None and not 1 <= tp.satisfaction <= 5:
        raise ValidationError(f"Satisfaction is a score from 1 to 5, not {tp.satisfaction}.")
    return tp

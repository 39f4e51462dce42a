"""What a contacts file turns into before it meets the database."""

from __future__ import annotations

from dataclasses import dataclass, field

from followup.domain import Channel, Contact, Kind, LabelledValue
from followup.errors import FollowupError, ValidationError
from followup.progress import CancelCheck, Progress
from followup.timeutil import is_valid_zone
from followup.validation import clean_line, normalise_phone, validate_contact, validate_email


class ContactsFileError(FollowupError):
    """A file that cannot be imported: the message names the line or card."""


class Cancelled(FollowupError):
    """The user cancelled; whatever was under way was rolled back."""

    def __init__(self) -> None:
        super().__init__("Cancelled: nothing was imported.")


def checkpoint(done: int, total: int, progress: Progress | None, cancel: CancelCheck | None) -> None:
    """Between batches of work: stop if the user cancelled, else report how far it got."""
    if cancel is not None and cancel():
        raise Cancelled
    if progress is not None:
        progress(done, total)


# Labels (Google), categories (vCard, Outlook) that name a kind of contact.
KIND_WORDS: dict[str, Kind] = {
    "client": Kind.CLIENT,
    "clients": Kind.CLIENT,
    "customer": Kind.CLIENT,
    "customers": Kind.CLIENT,
    "supplier": Kind.SUPPLIER,
    "suppliers": Kind.SUPPLIER,
    "vendor": Kind.SUPPLIER,
    "vendors": Kind.SUPPLIER,
    "colleague": Kind.COLLEAGUE,
    "colleagues": Kind.COLLEAGUE,
    "coworkers": Kind.COLLEAGUE,
    "co-workers": Kind.COLLEAGUE,
    "manager": Kind.MANAGER,
    "managers": Kind.MANAGER,
    "partner": Kind.PARTNER,
    "partners": Kind.PARTNER,
}
# Group names that every Google or Apple contact has: they say nothing about the person.
SYSTEM_LABELS = {"mycontacts", "my contacts", "* mycontacts", "* my contacts", "other contacts", "card"}


@dataclass(slots=True)
class Incoming:
    """One contact read from a file.

    ``source`` says where it came from ("card 12, line 130" or "line 14"), so
    that the preview and any message can point at it. ``extras`` are the
    fields that have no place in a contact ("Birthday: 1984-02-01"); they are
    kept at the end of the notes. ``problem`` is why it cannot be imported.
    """

    contact: Contact
    source: str
    extras: list[str] = field(default_factory=list)
    kind_from_file: bool = False
    problem: str = ""


@dataclass(slots=True)
class ParsedFile:
    format: str  # "vcard", "google-csv", "outlook-csv", "thunderbird-csv", "csv"
    encoding: str  # as people say it: "UTF-8", "UTF-8 with BOM", "Windows-1252", "Shift-JIS"
    items: list[Incoming]
    headers: list[str] = field(default_factory=list)  # CSV only
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # generic CSV, kept for re-mapping
    notes: list[str] = field(default_factory=list)  # what was skipped or guessed, one sentence each


def apply_labels(item: Incoming, labels: list[str]) -> None:
    """Categories or group labels become tags; the first naming a kind also sets it
    (and stays a tag: the group the user made is not lost, issue 14)."""
    for raw in labels:
        label = raw.strip().lstrip("*").strip()
        if not label or label.lower() in SYSTEM_LABELS:
            continue
        kind = KIND_WORDS.get(label.lower())
        if kind is not None and not item.kind_from_file:
            item.contact.kind = kind
            item.kind_from_file = True
        item.contact.tags.append(label)


def set_kind(item: Incoming, text: str) -> None:
    """An explicit kind column or property: "client", "Suppliers"..."""
    word = text.strip().lower()
    kind = KIND_WORDS.get(word) or next((k for k in Kind if k.value == word), None)
    if kind is None:
        if word:
            item.extras.append(f"Kind: {text.strip()}")
        return
    item.contact.kind = kind
    item.kind_from_file = True


def set_channel(item: Incoming, text: str) -> None:
    try:
        item.contact.preferred_channel = Channel(text.strip().lower())
    except ValueError:
        if text.strip():
            item.extras.append(f"Preferred channel: {text.strip()}")


def finish(item: Incoming) -> Incoming:
    """Clean what was read, choose a name, and decide whether it can be imported.

    Values that cannot be stored as what they claim to be (an email with no
    @, a time zone nobody knows) are kept in the notes rather than dropped.
    """
    contact = item.contact
    emails: list[LabelledValue] = []
    for email in contact.emails:
        if not email.value.strip():
            continue
        try:
            emails.append(LabelledValue(validate_email(email.value), _label(email.label)))
        except ValidationError:
            item.extras.append(f"Email ({email.label or 'unreadable'}): {email.value.strip()}")
    phones: list[LabelledValue] = []
    for phone in contact.phones:
        value = phone.value.strip()
        if value.lower().startswith("tel:"):
            value = value[4:]
        if not value:
            continue
        if normalise_phone(value).lstrip("+") and len(value) <= 100:
            phones.append(LabelledValue(value, _label(phone.label)))
        else:
            item.extras.append(f"Phone ({phone.label or 'unreadable'}): {value}")
    contact.emails, contact.phones = emails, _unique_phones(phones)
    if contact.tz and not is_valid_zone(contact.tz):
        item.extras.append(f"Time zone: {contact.tz}")
        contact.tz = "UTC"
    contact.tz = contact.tz or "UTC"
    contact.name = _one_line(contact.name)
    contact.organisation = _one_line(contact.organisation)
    if not contact.name:
        contact.name = contact.organisation or (emails[0].value if emails else "")
    if not contact.name:
        item.problem = "It has no name, organisation or email address."
        return item
    if item.extras:
        extra = "\n".join(item.extras)
        contact.notes = f"{contact.notes.rstrip()}\n\n{extra}" if contact.notes.strip() else extra
    try:
        validate_contact(contact)
    except ValidationError as error:
        item.problem = str(error)
    return item


def _one_line(text: str) -> str:
    try:
        return clean_line(text, "", 10_000)
    except ValidationError:
        return text.strip()


def _label(text: str) -> str:
    return " ".join(text.split()).strip().lower()[:100]


def _unique_phones(phones: list[LabelledValue]) -> list[LabelledValue]:
    seen: set[str] = set()
    unique = []
    for phone in phones:
        key = normalise_phone(phone.value)
        if key not in seen:
            seen.add(key)
            unique.append(phone)
    return unique

"""A contact's records beyond names and numbers: important dates, addresses,
links and a photo. Read and written with the contact (contacts.py), in bulk for
exports and imports (``load_many``, ``insert_rows``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from typing import Any

from followup.domain import Address, Contact, ContactDate, DateKind, Link

TABLES = ("contact_dates", "contact_addresses", "contact_links")
_KINDS = {k.value: k for k in DateKind}


def load(conn: sqlite3.Connection, contact: Contact) -> None:
    """Fill ``contact``'s dates, addresses, links and photo from the database."""
    assert contact.id is not None
    load_many(conn, {contact.id: contact}, [contact.id])


def load_many(conn: sqlite3.Connection, contacts: dict[int, Contact], ids: Collection[int] | None = None) -> None:
    """The same for many contacts in four queries (``ids``: only those, when a few of many)."""
    where, args = _where(ids)
    for cid, kind, label, month, day, year, lead in conn.execute(
        f"SELECT contact_id, kind, label, month, day, year, lead_days FROM contact_dates{where} "
        "ORDER BY contact_id, position, id",
        args,
    ):
        if cid in contacts:
            contacts[cid].dates.append(ContactDate(_KINDS.get(kind, DateKind.CUSTOM), month, day, year, label, lead))
    for cid, *parts in conn.execute(
        "SELECT contact_id, label, street, locality, region, postcode, country FROM contact_addresses"
        f"{where} ORDER BY contact_id, position, id",
        args,
    ):
        if cid in contacts:
            contacts[cid].addresses.append(Address(*parts))
    for cid, label, url in conn.execute(
        f"SELECT contact_id, label, url FROM contact_links{where} ORDER BY contact_id, position, id", args
    ):
        if cid in contacts:
            contacts[cid].links.append(Link(url, label))
    for cid, photo, photo_type, photo_uri in conn.execute(
        f"SELECT id, photo, photo_type, photo_uri FROM contacts{where.replace('contact_id', 'id')}", args
    ):
        if cid in contacts:
            contact = contacts[cid]
            contact.photo, contact.photo_type, contact.photo_uri = photo, photo_type, photo_uri


def _where(ids: Collection[int] | None) -> tuple[str, tuple[Any, ...]]:
    if ids is None or len(ids) > 500:
        return "", ()
    return f" WHERE contact_id IN ({', '.join('?' for _ in ids)})", tuple(ids)


def replace(conn: sqlite3.Connection, contact_id: int, contact: Contact) -> None:
    """Write ``contact``'s records in place of what the database had."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table} WHERE contact_id = ?", (contact_id,))
    insert_rows(conn, [(contact_id, contact)], photo=True)


def insert_rows(conn: sqlite3.Connection, pairs: Iterable[tuple[int, Contact]], *, photo: bool = False) -> None:
    """Add the records of each (id, contact) to what each already has; the photo
    is written where the contact has one (or always, with ``photo``)."""
    dates: list[tuple[Any, ...]] = []
    addresses: list[tuple[Any, ...]] = []
    links: list[tuple[Any, ...]] = []
    photos: list[tuple[Any, ...]] = []
    for cid, c in pairs:
        dates += [(cid, i, d.kind.value, d.label, d.month, d.day, d.year, d.lead_days) for i, d in enumerate(c.dates)]
        addresses += [
            (cid, i, a.label, a.street, a.locality, a.region, a.postcode, a.country) for i, a in enumerate(c.addresses)
        ]
        links += [(cid, i, link.label, link.url) for i, link in enumerate(c.links)]
        if photo or c.photo or c.photo_uri:
            photos.append((c.photo, c.photo_type, c.photo_uri, cid))
    conn.executemany(
        "INSERT INTO contact_dates (contact_id, position, kind, label, month, day, year, lead_days) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        dates,
    )
    conn.executemany(
        "INSERT INTO contact_addresses (contact_id, position, label, street, locality, region, postcode, country) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        addresses,
    )
    conn.executemany("INSERT INTO contact_links (contact_id, position, label, url) VALUES (?, ?, ?, ?)", links)
    conn.executemany("UPDATE contacts SET photo = ?, photo_type = ?, photo_uri = ? WHERE id = ?", photos)

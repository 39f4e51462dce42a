"""Calendar accounts and their calendars, as the database keeps them.

An account is a CalDAV server (user name here, password in the keyring) or a
read-only .ics subscription. Accounts are named on the command line by their
id or by their address (or host, when that is unique).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from followup.errors import NotFoundError, ValidationError
from followup.timeutil import to_db

if TYPE_CHECKING:
    from followup.store import Store

CALDAV = "caldav"
SUBSCRIPTION = "subscription"


@dataclass(slots=True)
class Account:
    id: int
    kind: str
    url: str
    username: str
    publish: bool
    publish_url: str
    publish_component: str
    status: str
    last_sync_utc: str | None
    http_etag: str

    @property
    def label(self) -> str:
        return f"{self.username} at {self.url}" if self.username else self.url


@dataclass(slots=True)
class CalendarRow:
    id: int
    account_id: int
    url: str
    name: str
    read: bool
    sync_token: str


_ACCOUNT = "id, kind, url, username, publish, publish_url, publish_component, status, last_sync_utc, http_etag"


def validate_url(url: str) -> str:
    url = url.strip()
    if not url.lower().startswith(("http://", "https://", "webcal://", "webcals://")):
        raise ValidationError(
            f"“{url}” is not a calendar address: it should start with https:// (for example "
            "https://cloud.example.com/remote.php/dav)."
        )
    if url.lower().startswith("webcal"):
        url = "http" + url[len("webcal") :]
    return url


def add_account(store: Store, kind: str, url: str, username: str, *, publish: bool, now: datetime) -> int:
    with store.transaction():
        found = store.conn.execute(
            "SELECT id FROM cal_accounts WHERE url = ? AND username = ?", (url, username)
        ).fetchone()
        if found is not None:
            raise ValidationError(f"That account is already connected (account {found[0]}).")
        cur = store.conn.execute(
            "INSERT INTO cal_accounts (kind, url, username, publish, created_at) VALUES (?, ?, ?, ?, ?)",
            (kind, url, username, int(publish), to_db(now)),
        )
        return int(cur.lastrowid or 0)


def accounts(store: Store) -> list[Account]:
    rows = store.conn.execute(f"SELECT {_ACCOUNT} FROM cal_accounts ORDER BY id")
    return [_account(r) for r in rows]


def _account(r: tuple[object, ...]) -> Account:
    return Account(
        int(r[0]),  # type: ignore[call-overload]
        str(r[1]),
        str(r[2]),
        str(r[3]),
        bool(r[4]),
        str(r[5]),
        str(r[6]),
        str(r[7]),
        r[8] if r[8] is None else str(r[8]),
        str(r[9]),
    )


def resolve_account(store: Store, text: str) -> Account:
    """An account by id, address, or host (when unique)."""
    every = accounts(store)
    text = text.strip()
    if text.isdigit():
        for a in every:
            if a.id == int(text):
                return a
        raise NotFoundError(f"There is no calendar account with id {text}.")
    exact = [a for a in every if text in (a.url, a.url.rstrip("/"))]
    if len(exact) == 1:
        return exact[0]
    from followup.caldav.remote import host_of

    by_host = [a for a in every if host_of(a.url) == text or a.username == text]
    if len(by_host) == 1:
        return by_host[0]
    if len(by_host) > 1:
        raise ValidationError(
            f"More than one calendar account matches “{text}”: give its id (see `calendar accounts`)."
        )
    raise NotFoundError(f"There is no calendar account “{text}” (see `calendar accounts`).")


def remove_account(store: Store, account_id: int) -> None:
    with store.transaction():
        store.conn.execute("DELETE FROM cal_accounts WHERE id = ?", (account_id,))


def set_status(store: Store, account_id: int, status: str, now: datetime | None = None) -> None:
    with store.transaction(savepoint=False):
        if now is None:
            store.conn.execute("UPDATE cal_accounts SET status = ? WHERE id = ?", (status, account_id))
        else:
            store.conn.execute(
                "UPDATE cal_accounts SET status = ?, last_sync_utc = ? WHERE id = ?",
                (status, to_db(now), account_id),
            )


def calendars(store: Store, account_id: int) -> list[CalendarRow]:
    rows = store.conn.execute(
        "SELECT id, account_id, url, name, read, sync_token FROM cal_calendars WHERE account_id = ? ORDER BY name, id",
        (account_id,),
    )
    return [CalendarRow(int(r[0]), int(r[1]), str(r[2]), str(r[3]), bool(r[4]), str(r[5])) for r in rows]


def upsert_calendar(store: Store, account_id: int, url: str, name: str, *, read: bool) -> int:
    with store.transaction():
        found = store.conn.execute(
            "SELECT id FROM cal_calendars WHERE account_id = ? AND url = ?", (account_id, url)
        ).fetchone()
        if found is not None:
            store.conn.execute("UPDATE cal_calendars SET name = ? WHERE id = ?", (name, found[0]))
            return int(found[0])
        cur = store.conn.execute(
            "INSERT INTO cal_calendars (account_id, url, name, read) VALUES (?, ?, ?, ?)",
            (account_id, url, name, int(read)),
        )
        return int(cur.lastrowid or 0)


def resolve_calendar(store: Store, account: Account, text: str) -> CalendarRow:
    every = calendars(store, account.id)
    for c in every:
        if text in (str(c.id), c.url, c.url.rstrip("/")):
            return c
    named = [c for c in every if c.name.lower() == text.strip().lower()]
    if len(named) == 1:
        return named[0]
    names = ", ".join(f"“{c.name}”" for c in every) or "none"
    raise NotFoundError(f"The account has no calendar “{text}” (its calendars: {names}).")


def set_read(store: Store, calendar_id: int, read: bool) -> None:
    with store.transaction(savepoint=False):
        store.conn.execute("UPDATE cal_calendars SET read = ? WHERE id = ?", (int(read), calendar_id))

"""One sync of every calendar account: read, apply, publish, report.

Per account, failures are a status and an entry in ``errors``, never an
exception out of here: the server down or a wrong password must not stop
the other accounts, and the next sync starts again from the last token.
One bad calendar object is skipped and reported; the rest goes on.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from followup.caldav import accounts as acc
from followup.caldav.credentials import CredentialsError, load_password
from followup.caldav.incoming import Counts, cancel_uid, in_window, next_change, process, window
from followup.caldav.publish import PublishCounts, pull_remote_changes, push
from followup.caldav.remote import CalendarGone, CalendarSyncError, Remote
from followup.calendar.reading import CalendarFileError, read_calendar
from followup.errors import FollowupError
from followup.timeutil import to_db

if TYPE_CHECKING:
    from followup.preferences import Preferences
    from followup.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class SyncReport:
    met_logged: int = 0
    proposed: int = 0
    planned: int = 0
    moved: int = 0
    cancelled: int = 0
    published: int = 0
    completed_remotely: int = 0
    rescheduled_remotely: int = 0
    errors: list[str] = field(default_factory=list)
    accounts_failed: int = 0  # accounts that could not be synced at all (server down, password...)

    def as_json(self) -> dict[str, object]:
        return asdict(self)

    def absorb(self, counts: Counts, pub: PublishCounts) -> None:
        for name in ("met_logged", "proposed", "planned", "moved", "cancelled"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))
        for name in ("published", "completed_remotely", "rescheduled_remotely"):
            setattr(self, name, getattr(self, name) + getattr(pub, name))
        self.errors.extend(counts.errors)


def me_addresses(store: Store, prefs: Preferences) -> set[str]:
    me = {prefs.user_email.strip().lower()} if prefs.user_email else set()
    for (username,) in store.conn.execute("SELECT username FROM cal_accounts"):
        if "@" in username:
            me.add(username.strip().lower())
    return me


def sync_all(store: Store, prefs: Preferences | None = None) -> SyncReport:
    from followup.preferences import Preferences as Prefs

    prefs = prefs or Prefs.load(store)
    report = SyncReport()
    for account in acc.accounts(store):
        counts, pub = Counts(), PublishCounts()
        try:
            if account.kind == acc.SUBSCRIPTION:
                _sync_subscription(store, account, prefs, counts)
            else:
                _sync_caldav(store, account, prefs, counts, pub)
        except (CalendarSyncError, CredentialsError) as error:
            message = f"{account.label}: {error}"
            counts.errors.append(message)
            report.accounts_failed += 1
            acc.set_status(store, account.id, f"error: {error}")
            log.warning("calendar sync of account %s failed: %s", account.id, type(error).__name__)
        else:
            status = "ok" if not counts.errors else f"ok, {len(counts.errors)} item(s) skipped"
            acc.set_status(store, account.id, status, store.clock.now())
        report.absorb(counts, pub)
    return report


def _sync_caldav(store: Store, account: acc.Account, prefs: Preferences, counts: Counts, pub: PublishCounts) -> None:
    password = load_password(account.url, account.username)
    if password is None and account.username:
        raise CredentialsError("No password is stored for this account in the system keyring: add the account again.")
    remote = Remote(account.url, account.username, password)
    try:
        if _discovery_due(store, account.id):
            _refresh_calendars(store, remote, account)
        me = me_addresses(store, prefs)
        for cal in acc.calendars(store, account.id):
            if not cal.read or (account.publish_url and cal.url == account.publish_url):
                continue
            try:
                _read_calendar(store, remote, account, cal, prefs, me, counts)
            except CalendarGone:
                _drop_calendar(store, cal)
        if account.publish:
            _publish(store, remote, account, pub)
    finally:
        remote.close()


DISCOVERY_HOURS = 6


def _discovery_due(store: Store, account_id: int) -> bool:
    """The calendar list is asked for again every few hours (a calendar made
    on the phone appears); in between, a sync is one request per calendar."""
    (when,) = store.conn.execute("SELECT discovered_utc FROM cal_accounts WHERE id = ?", (account_id,)).fetchone()
    if not when or not acc.calendars(store, account_id):
        return True
    from datetime import datetime, timedelta

    return store.clock.now() - datetime.fromisoformat(when) > timedelta(hours=DISCOVERY_HOURS)


def _refresh_calendars(store: Store, remote: Remote, account: acc.Account) -> None:
    """New calendars on the server appear (read on); one deleted on the
    server is dropped here, with what it proposed."""
    found = remote.calendars()
    urls = {c.url for c in found}
    for c in found:
        if account.publish_url and c.url == account.publish_url:
            continue
        if "VEVENT" not in c.components and c.components:
            continue
        acc.upsert_calendar(store, account.id, c.url, c.name, read=True)
    for cal in acc.calendars(store, account.id):
        if cal.url not in urls:
            _drop_calendar(store, cal)
    with store.transaction(savepoint=False):
        store.conn.execute(
            "UPDATE cal_accounts SET discovered_utc = ? WHERE id = ?", (to_db(store.clock.now()), account.id)
        )


def _drop_calendar(store: Store, cal: acc.CalendarRow) -> None:
    """Deleted on the server: what it proposed goes with it; meetings already
    planned stay planned (the user chose them)."""
    log.info("calendar %s is no longer on the server", cal.id)
    with store.transaction(savepoint=False):
        store.conn.execute("DELETE FROM cal_calendars WHERE id = ?", (cal.id,))


def _read_calendar(
    store: Store,
    remote: Remote,
    account: acc.Account,
    cal: acc.CalendarRow,
    prefs: Preferences,
    me: set[str],
    counts: Counts,
) -> None:
    changes = remote.changes(cal.url, cal.sync_token)
    known = {
        href: uid
        for href, uid in store.conn.execute("SELECT href, uid FROM cal_items WHERE calendar_id = ?", (cal.id,))
    }
    gone = list(changes.deleted)
    if changes.complete and cal.sync_token:
        listed = {o.href for o in changes.changed}
        gone += [h for h in known if h not in listed]
    for obj in changes.changed:
        uids, recheck = _apply_object(store, obj.data, account, cal, prefs, me, counts, obj.href)
        with store.transaction(savepoint=False):
            store.conn.execute(
                "INSERT OR REPLACE INTO cal_items (calendar_id, href, etag, uid, data, recheck_utc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (cal.id, obj.href, obj.etag, uids[0] if uids else "", obj.data if recheck else "", recheck),
            )
    for _href, why in changes.failed:
        counts.errors.append(
            f"{cal.name or cal.url}: one item could not be read and was skipped ({why}); "
            "it is asked for again on the next sync"
        )
    for href in gone:
        uid = known.get(href, "")
        if uid:
            still = store.conn.execute(
                "SELECT 1 FROM cal_items WHERE uid = ? AND NOT (calendar_id = ? AND href = ?)", (uid, cal.id, href)
            ).fetchone()
            if still is None:
                cancel_uid(store, uid, counts)
        with store.transaction(savepoint=False):
            store.conn.execute("DELETE FROM cal_items WHERE calendar_id = ? AND href = ?", (cal.id, href))
    _recheck(store, account, cal, prefs, me, counts, {o.href for o in changes.changed})
    if not changes.failed:  # else keep the old token: the next sync asks for the failed items again
        with store.transaction(savepoint=False):
            store.conn.execute("UPDATE cal_calendars SET sync_token = ? WHERE id = ?", (changes.token, cal.id))


def _recheck(
    store: Store,
    account: acc.Account,
    cal: acc.CalendarRow,
    prefs: Preferences,
    me: set[str],
    counts: Counts,
    just_read: set[str],
) -> None:
    """Items unchanged on the server whose time has come: a meeting that is
    now over is logged as met, a series' next occurrence is proposed."""
    due = store.conn.execute(
        "SELECT href, data FROM cal_items WHERE calendar_id = ? AND recheck_utc <= ?",
        (cal.id, to_db(store.clock.now())),
    ).fetchall()
    for href, data in due:
        if href in just_read:
            continue
        _, recheck = _apply_object(store, data, account, cal, prefs, me, counts, href)
        with store.transaction(savepoint=False):
            store.conn.execute(
                "UPDATE cal_items SET recheck_utc = ?, data = CASE WHEN ? IS NULL THEN '' ELSE data END "
                "WHERE calendar_id = ? AND href = ?",
                (recheck, recheck, cal.id, href),
            )


def _apply_object(
    store: Store,
    data: str,
    account: acc.Account,
    cal: acc.CalendarRow | None,
    prefs: Preferences,
    me: set[str],
    counts: Counts,
    where: str,
) -> tuple[list[str], str | None]:
    """Apply one calendar object; returns its UIDs and when it should be read
    again though unchanged (None: never)."""
    now = store.clock.now()
    start, end = window(now)
    try:
        parsed = read_calendar(data.encode("utf-8"), now=start, user_tz=prefs.user_tz, window_days=(end - start).days)
    except CalendarFileError as error:
        counts.errors.append(f"{where}: skipped: {error}")
        return [], None
    for skipped in parsed.skipped:
        counts.errors.append(f"“{skipped['title']}”: skipped: {skipped['why']}")
    uids: list[str] = []
    recheck: datetime | None = None
    for ev in parsed.events:
        if ev.uid not in uids:
            uids.append(ev.uid)
        when = next_change(ev, now)
        if when is not None and (recheck is None or when < recheck):
            recheck = when
        if not in_window(ev, start, end):
            continue
        try:
            process(
                store,
                ev,
                calendar_id=cal.id if cal else None,
                account_id=account.id,
                me=me,
                prefs=prefs,
                counts=counts,
            )
        except FollowupError as error:
            counts.errors.append(f"“{ev.title}”: skipped: {error}")
    return uids, to_db(recheck) if recheck is not None else None


def _publish(store: Store, remote: Remote, account: acc.Account, pub: PublishCounts) -> None:
    if not account.publish_url:
        url, component = remote.ensure_calendar()
        with store.transaction(savepoint=False):
            store.conn.execute(
                "UPDATE cal_accounts SET publish_url = ?, publish_component = ? WHERE id = ?",
                (url, component, account.id),
            )
        account.publish_url, account.publish_component = url, component
    (token,) = store.conn.execute("SELECT publish_token FROM cal_accounts WHERE id = ?", (account.id,)).fetchone()
    token = pull_remote_changes(store, remote, account, str(token), pub)
    push(store, remote, account, pub)
    # our own writes moved the token on: read past them now, so the next
    # sync sees only what others changed
    token = remote.changes(account.publish_url, token).token
    with store.transaction(savepoint=False):
        store.conn.execute("UPDATE cal_accounts SET publish_token = ? WHERE id = ?", (token, account.id))


def _sync_subscription(store: Store, account: acc.Account, prefs: Preferences, counts: Counts) -> None:
    """A read-only .ics link: fetched whole (If-None-Match on its ETag)."""
    import niquests

    headers = {"If-None-Match": account.http_etag} if account.http_etag else {}
    try:
        response = niquests.get(account.url, headers=headers, timeout=30)
    except Exception as error:
        raise CalendarSyncError(f"The calendar link cannot be reached: {type(error).__name__}") from None
    status = int(response.status_code or 0)
    if status == 304:
        return
    if status >= 400 or status == 0:
        raise CalendarSyncError(f"The calendar link answered {status}; check the address.")
    data = response.content or b""
    if len(data) > 50 * 1024 * 1024:
        raise CalendarSyncError("The calendar link gives more than 50 MB; that is not a calendar Followup can read.")
    me = me_addresses(store, prefs)
    uids, _ = _apply_object(
        store, data.decode("utf-8", errors="replace"), account, None, prefs, me, counts, account.url
    )
    (seen,) = store.conn.execute("SELECT seen_uids FROM cal_accounts WHERE id = ?", (account.id,)).fetchone()
    for uid in set(json.loads(seen or "[]")) - set(uids):
        cancel_uid(store, uid, counts)
    with store.transaction(savepoint=False):
        store.conn.execute(
            "UPDATE cal_accounts SET http_etag = ?, seen_uids = ? WHERE id = ?",
            (str(response.headers.get("ETag", "") or ""), json.dumps(sorted(uids)), account.id),
        )

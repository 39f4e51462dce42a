"""Mail accounts and the folders' sync positions (no password: see followup.mail.credentials)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup.errors import NotFoundError, ValidationError
from followup.mail.accounts import Account
from followup.timeutil import from_db, to_db

if TYPE_CHECKING:
    from followup.store.store import Store

_COLUMNS = (
    "id, email, username, auth_method, imap_host, imap_port, imap_security, smtp_host, smtp_port, smtp_security, "
    "pinned_sha256, headers_only, status, last_sync_at"
)


@dataclass(slots=True)
class FolderState:
    name: str
    uidvalidity: int
    last_uid: int
    uidnext: int
    highestmodseq: int


class MailAccountsRepo:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> list[Account]:
        rows = self._store.conn.execute(f"SELECT {_COLUMNS} FROM mail_accounts ORDER BY email_lower")
        return [_account(r) for r in rows]

    def get(self, email: str) -> Account:
        row = self._store.conn.execute(
            f"SELECT {_COLUMNS} FROM mail_accounts WHERE email_lower = ?", (email.strip().lower(),)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"There is no mail account {email.strip()}.")
        return _account(row)

    def add(self, account: Account) -> int:
        now = to_db(self._store.clock.now())
        with self._store.transaction() as conn:
            if conn.execute("SELECT 1 FROM mail_accounts WHERE email_lower = ?", (account.email.lower(),)).fetchone():
                raise ValidationError(f"The account {account.email} is already set up (remove it first to change it).")
            cur = conn.execute(
                """INSERT INTO mail_accounts (email, email_lower, username, auth_method, imap_host, imap_port,
                       imap_security, smtp_host, smtp_port, smtp_security, pinned_sha256, headers_only,
                       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    account.email,
                    account.email.lower(),
                    account.username,
                    account.auth_method,
                    account.imap_host,
                    account.imap_port,
                    account.imap_security,
                    account.smtp_host,
                    account.smtp_port,
                    account.smtp_security,
                    account.pinned_sha256,
                    int(account.headers_only),
                    now,
                    now,
                ),
            )
            account.id = int(cur.lastrowid or 0)
        return account.id

    def remove(self, email: str) -> Account:
        account = self.get(email)
        with self._store.transaction() as conn:
            conn.execute("DELETE FROM mail_accounts WHERE id = ?", (account.id,))
        return account

    def set_status(self, account_id: int, status: str, *, synced: bool = False) -> None:
        now = to_db(self._store.clock.now())
        with self._store.transaction(savepoint=False) as conn:
            conn.execute(
                "UPDATE mail_accounts SET status = ?, last_sync_at = CASE WHEN ? THEN ? ELSE last_sync_at END, "
                "updated_at = ? WHERE id = ?",
                (status, int(synced), now, now, account_id),
            )

    def set_pin(self, account_id: int, sha256: str) -> None:
        with self._store.transaction(savepoint=False) as conn:
            conn.execute(
                "UPDATE mail_accounts SET pinned_sha256 = ?, updated_at = ? WHERE id = ?",
                (sha256, to_db(self._store.clock.now()), account_id),
            )

    def folder(self, account_id: int, role: str) -> FolderState | None:
        row = self._store.conn.execute(
            "SELECT name, uidvalidity, last_uid, uidnext, highestmodseq FROM mail_folders "
            "WHERE account_id = ? AND role = ?",
            (account_id, role),
        ).fetchone()
        return FolderState(*row) if row else None

    def save_folder(self, account_id: int, role: str, state: FolderState) -> None:
        with self._store.transaction(savepoint=False) as conn:
            conn.execute(
                """INSERT INTO mail_folders (account_id, role, name, uidvalidity, last_uid, uidnext, highestmodseq)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (account_id, role) DO UPDATE SET name = excluded.name,
                       uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
                       uidnext = excluded.uidnext, highestmodseq = excluded.highestmodseq""",
                (
                    account_id,
                    role,
                    state.name,
                    state.uidvalidity,
                    state.last_uid,
                    state.uidnext,
                    state.highestmodseq,
                ),
            )


def _account(row: tuple[Any, ...]) -> Account:
    (aid, email, user, auth, ih, ip, isec, sh, sp, ssec, pin, headers_only, status, last) = row
    return Account(
        id=int(aid),
        email=str(email),
        username=str(user),
        auth_method=str(auth),
        imap_host=str(ih),
        imap_port=int(ip),
        imap_security=str(isec),
        smtp_host=str(sh),
        smtp_port=int(sp),
        smtp_security=str(ssec),
        pinned_sha256=str(pin),
        headers_only=bool(headers_only),
        status=str(status),
        last_sync_at=from_db(str(last)) if last else None,
    )

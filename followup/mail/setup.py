"""Adding an account, shared by the command line and Settings > Mail: log in
first (the certificate and the password checked), then the password into the
keyring, then the account into the database; nothing is kept on failure."""

from __future__ import annotations

import logging

from followup.errors import ValidationError
from followup.mail import credentials
from followup.mail.accounts import Account
from followup.store import Store
from followup.store.mail_accounts import MailAccountsRepo

log = logging.getLogger(__name__)


def check_login(account: Account, password: str) -> None:
    """Log in to IMAP and out again; raises with a clear message (network: call off the GUI thread)."""
    from followup.mail.connection import open_imap

    imap = open_imap(account, password)
    try:
        imap.logout()
    except OSError:
        pass


def add_account(store: Store, account: Account, password: str, *, check: bool = True) -> int:
    repo = MailAccountsRepo(store)
    if any(a.email.lower() == account.email.lower() for a in repo.all()):
        raise ValidationError(f"The account {account.email} is already set up (remove it first to change it).")
    if not password:
        raise ValidationError("The password is empty; nothing was saved.")
    if check:
        check_login(account, password)
    credentials.set_password(account.email, password)
    try:
        account_id = repo.add(account)
    except BaseException:
        credentials.delete_password(account.email)
        raise
    log.info("mail account %s added (%s:%s)", account.email, account.imap_host, account.imap_port)
    return account_id


def remove_account(store: Store, email: str) -> tuple[Account, bool]:
    account = MailAccountsRepo(store).remove(email)
    return account, credentials.delete_password(account.email)

"""Sending a message through an account's SMTP server (certificate checked or pinned)."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from followup.errors import ValidationError
from followup.mail import credentials
from followup.mail.accounts import Account
from followup.mail.connection import MailConnectionError, open_smtp
from followup.store import Store
from followup.store.mail_accounts import MailAccountsRepo


def sending_account(store: Store, email: str | None) -> Account:
    repo = MailAccountsRepo(store)
    if email:
        return repo.get(email)
    accounts = repo.all()
    if not accounts:
        raise ValidationError("No mail account to send from: mail add-account first, or use --save OUT.eml.")
    if len(accounts) > 1:
        raise ValidationError("Several mail accounts: choose one with --account ADDR.")
    return accounts[0]


def send(account: Account, message: EmailMessage, recipients: list[str]) -> None:
    smtp = open_smtp(account, credentials.get_password(account.email))
    try:
        refused = smtp.send_message(message, from_addr=account.email, to_addrs=recipients)
    except smtplib.SMTPException as error:
        raise MailConnectionError(
            f"The SMTP server {account.smtp_host} did not accept the message ({error})."
        ) from None
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    if refused:
        raise MailConnectionError("The SMTP server refused some recipients: " + ", ".join(sorted(refused)) + ".")

"""`mail add-account` as the mail tests run it: the user's address, the
password on stdin, and what a test varies (servers, security, pins) as
arguments. One place, so a change to the command's options is one edit."""

from __future__ import annotations

from cli_runner import Cli, Result
from mailservers import PASSWORD, USER, Dovecot

NO_SMTP = "127.0.0.1:2525"  # nothing listens: tests that only read mail never send


def add_account(
    cli: Cli,
    *extra: str,
    imap: str,
    smtp: str = NO_SMTP,
    smtp_security: str | None = "none",
    password: str = PASSWORD,
) -> Result:
    """Run `mail add-account` for USER; `extra` are further options
    (`--no-check`, `--pin-certificate FP`, `--headers-only`...)."""
    security = ("--smtp-security", smtp_security) if smtp_security else ()
    return cli(
        "mail", "add-account", "--email", USER, "--imap", imap, "--smtp", smtp, *security, "--password-stdin", *extra,
        stdin=password + "\n",
    )  # fmt: skip


def add_dovecot_account(cli: Cli, dovecot: Dovecot, *extra: str, pin: bool = True, password: str = PASSWORD) -> Result:
    """The account on the test's Dovecot, its certificate pinned unless `pin` is False."""
    pinned = ("--pin-certificate", dovecot.fingerprint) if pin else ()
    return add_account(cli, *pinned, *extra, imap=f"127.0.0.1:{dovecot.port}", password=password)

"""Connecting to IMAP and SMTP with the certificate checked.

Verification is on by default (the system's trust store, the host name).
A certificate that does not verify is refused, with its SHA-256 fingerprint
in the message; the user may pin that fingerprint for the account, and then
exactly that certificate is accepted for that account's hosts, and nothing
else. Verification is never turned off globally. The pin is checked before
any password is sent.
"""

from __future__ import annotations

import hashlib
import imaplib
import logging
import smtplib
import socket
import ssl
from typing import Any

from followup.errors import FollowupError
from followup.mail.accounts import Account, format_fingerprint

log = logging.getLogger(__name__)
TIMEOUT = 30.0


class MailConnectionError(FollowupError):
    """The server could not be reached or refused us; the message says which."""


class CertificateError(MailConnectionError):
    def __init__(self, message: str, host: str, fingerprint: str) -> None:
        super().__init__(message)
        self.host = host
        self.fingerprint = fingerprint


class AuthenticationError(MailConnectionError):
    pass


def fingerprint_of(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def _context(account: Account) -> ssl.SSLContext:
    if account.pins:
        # Only the pinned certificates is accepted (checked in _check_pin, before login):
        # the chain and the name are not what is trusted, the pin is.
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        return ctx
    return ssl.create_default_context()


def _check_pin(sock: Any, account: Account, host: str) -> None:
    if not account.pins:
        return
    der = sock.getpeercert(binary_form=True) if sock is not None else None
    actual = fingerprint_of(der or b"")
    if actual not in account.pins:
        raise CertificateError(
            f"The certificate of {host} is not the one you pinned (it may have changed): it is SHA-256 "
            f"{format_fingerprint(actual)}, but you pinned {' or '.join(format_fingerprint(p) for p in account.pins)}. "
            "Nothing was sent. If you expected this (a renewed certificate, or a second server of yours), pin "
            "this fingerprint too; if not, someone may be intercepting the connection.",
            host,
            actual,
        )


def _refused(host: str, port: int, starttls: str | None, error: ssl.SSLCertVerificationError) -> CertificateError:
    """A verification failure turned into a message with the fingerprint to pin."""
    try:
        der = fetch_certificate(host, port, starttls)
        fp = fingerprint_of(der)
    except (OSError, MailConnectionError):
        fp = ""
    reason = getattr(error, "verify_message", "") or str(error)
    shown = format_fingerprint(fp) if fp else "unknown"
    return CertificateError(
        f"The certificate of {host}:{port} could not be verified ({reason}). Its SHA-256 fingerprint is "
        f"{shown}. If that is your server's (ask your provider or check on the server), add the account "
        "with --pin-certificate and that fingerprint. Nothing was sent.",
        host,
        fp,
    )


def fetch_certificate(host: str, port: int, starttls: str | None = None) -> bytes:
    """The server's certificate without verifying it: only to show its fingerprint."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port), timeout=TIMEOUT) as raw:
        if starttls == "imap":
            raw.recv(4096)
            raw.sendall(b"a STARTTLS\r\n")
            raw.recv(4096)
        elif starttls == "smtp":
            raw.recv(4096)
            raw.sendall(b"EHLO followup\r\n")
            raw.recv(4096)
            raw.sendall(b"STARTTLS\r\n")
            raw.recv(4096)
        with ctx.wrap_socket(raw, server_hostname=host) as tls:
            return tls.getpeercert(binary_form=True) or b""


def _unreachable(what: str, host: str, port: int, error: OSError) -> MailConnectionError:
    detail = error.strerror or str(error) or type(error).__name__
    return MailConnectionError(f"Cannot reach the {what} server {host}:{port} ({detail}). Check the host and port.")


def open_imap(account: Account, password: str) -> imaplib.IMAP4:
    """A logged-in IMAP connection, its certificate checked (or pinned)."""
    host, port = account.imap_host, account.imap_port
    ctx = _context(account)
    try:
        if account.imap_security == "ssl":
            imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(host, port, ssl_context=ctx, timeout=TIMEOUT)
        else:
            imap = imaplib.IMAP4(host, port, timeout=TIMEOUT)
            if account.imap_security == "starttls":
                imap.starttls(ssl_context=ctx)
        try:
            _check_pin(getattr(imap, "sock", None), account, host)
        except CertificateError:
            _close_quietly(imap)
            raise
    except ssl.SSLCertVerificationError as error:
        raise _refused(host, port, "imap" if account.imap_security == "starttls" else None, error) from None
    except (OSError, imaplib.IMAP4.error) as error:
        if isinstance(error, OSError):
            raise _unreachable("IMAP", host, port, error) from None
        raise MailConnectionError(f"The IMAP server {host}:{port} refused the connection: {error}") from None
    try:
        imap.login(account.username, password)
    except imaplib.IMAP4.error as error:
        _close_quietly(imap)
        text = error.args[0].decode(errors="replace") if error.args and isinstance(error.args[0], bytes) else str(error)
        if "[UNAVAILABLE]" in text.upper():
            raise MailConnectionError(
                f"The IMAP server {host} could not check the password just now ({text}). Try again in a moment."
            ) from None
        raise AuthenticationError(
            f"The IMAP server {host} refused the user name or password for {account.username} ({text}). "
            "Many providers need an app password here, not your normal one."
        ) from None
    except OSError as error:
        raise _unreachable("IMAP", host, port, error) from None
    return imap


def open_smtp(account: Account, password: str) -> smtplib.SMTP:
    host, port = account.smtp_host, account.smtp_port
    ctx = _context(account)
    try:
        if account.smtp_security == "ssl":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, context=ctx, timeout=TIMEOUT)
        else:
            smtp = smtplib.SMTP(host, port, timeout=TIMEOUT)
            smtp.ehlo()
            if account.smtp_security == "starttls":
                smtp.starttls(context=ctx)
                smtp.ehlo()
        try:
            _check_pin(smtp.sock, account, host)
        except CertificateError:
            smtp.close()
            raise
    except ssl.SSLCertVerificationError as error:
        raise _refused(host, port, "smtp" if account.smtp_security == "starttls" else None, error) from None
    except smtplib.SMTPException as error:
        raise MailConnectionError(f"The SMTP server {host}:{port} refused the connection: {error}") from None
    except OSError as error:
        raise _unreachable("SMTP", host, port, error) from None
    if password and smtp.has_extn("auth"):
        try:
            smtp.login(account.username, password)
        except smtplib.SMTPAuthenticationError as error:
            smtp.close()
            raise AuthenticationError(
                f"The SMTP server {host} refused the user name or password for {account.username} "
                f"({error.smtp_code}). Many providers need an app password here."
            ) from None
    return smtp


def _close_quietly(imap: imaplib.IMAP4) -> None:
    try:
        imap.shutdown()
    except OSError:
        pass

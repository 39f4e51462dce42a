"""Mail accounts: what a user types (host[:port], security, a pin), checked
and turned into an :class:`Account`. No password here: see credentials.py."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime

from followup.errors import ValidationError

SECURITIES = ("ssl", "starttls", "none")
AUTH_METHODS = ("password",)  # "xoauth2" later: the column is there
DEFAULT_PORTS = {("imap", "ssl"): 993, ("imap", "starttls"): 143, ("imap", "none"): 143}
DEFAULT_PORTS |= {("smtp", "ssl"): 465, ("smtp", "starttls"): 587, ("smtp", "none"): 25}
SECURITY_BY_PORT = {993: "ssl", 465: "ssl", 143: "starttls", 587: "starttls", 25: "starttls"}
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$|^[^@\s<>]+@localhost$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+$|^\[[0-9A-Fa-f:.]+\]$")


@dataclass(slots=True)
class Account:
    email: str
    username: str
    imap_host: str
    imap_port: int
    imap_security: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    auth_method: str = "password"
    pinned_sha256: str = ""  # one or more SHA-256 pins, comma-separated (IMAP's and SMTP's may differ)
    headers_only: bool = False
    status: str = ""
    last_sync_at: datetime | None = None
    id: int | None = None

    @property
    def pins(self) -> list[str]:
        return [p for p in self.pinned_sha256.split(",") if p]

    def public(self) -> dict[str, object]:
        """Everything about the account a user may see; never a secret."""
        return {
            "id": self.id,
            "email": self.email,
            "user": self.username,
            "auth_method": self.auth_method,
            "imap": f"{self.imap_host}:{self.imap_port}",
            "imap_security": self.imap_security,
            "smtp": f"{self.smtp_host}:{self.smtp_port}",
            "smtp_security": self.smtp_security,
            "pinned_sha256": [format_fingerprint(p) for p in self.pins],
            "headers_only": self.headers_only,
            "status": self.status,
            "last_sync_at": self.last_sync_at.isoformat() if self.last_sync_at else None,
        }


def parse_endpoint(text: str, what: str) -> tuple[str, int | None]:
    """``host``, ``host:port`` or ``[v6]:port`` -> (host, port or None)."""
    text = text.strip()
    host, port_text = text, ""
    if text.startswith("["):
        end = text.find("]")
        host, rest = text[: end + 1], text[end + 1 :]
        port_text = rest[1:] if rest.startswith(":") else rest
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    if not host or not _HOST.match(host):
        raise ValidationError(f"--{what}: “{text}” is not a host name (like imap.example.com or imap.example.com:993).")
    if not port_text:
        return host.lower(), None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValidationError(f"--{what}: “{port_text}” is not a port number (1 to 65535).")
    return host.lower(), int(port_text)


def is_loopback(host: str) -> bool:
    bare = host.strip("[]").lower()
    if bare == "localhost":
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


def normalise_fingerprint(text: str) -> str:
    """SHA-256 as 64 hex digits, lower case; colons, spaces and a ``sha256:`` prefix are fine."""
    cleaned = re.sub(r"^(sha-?256\s*(fingerprint)?\s*[=:]?)", "", text.strip(), flags=re.I)
    cleaned = re.sub(r"[:\s]", "", cleaned).lower()
    if not re.fullmatch(r"[0-9a-f]{64}", cleaned):
        raise ValidationError(
            "A certificate pin is the SHA-256 fingerprint: 64 hexadecimal digits, colons optional "
            "(openssl x509 -noout -fingerprint -sha256)."
        )
    return cleaned


def format_fingerprint(hex_digits: str) -> str:
    return ":".join(hex_digits[i : i + 2] for i in range(0, len(hex_digits), 2)).upper()


def build_account(
    *,
    email: str,
    imap: str,
    smtp: str,
    user: str | None = None,
    imap_security: str | None = None,
    smtp_security: str | None = None,
    pin: str | list[str] | None = None,
) -> Account:
    """Check what the user typed and fill the defaults (security from the port,
    the port from the security); ``none`` only for a loopback host."""
    email = email.strip()
    if not _EMAIL.match(email):
        raise ValidationError(f"“{email}” is not an email address.")
    endpoints = {}
    for what, text, security in (("imap", imap, imap_security), ("smtp", smtp, smtp_security)):
        host, port = parse_endpoint(text, what)
        if security is not None and security not in SECURITIES:
            raise ValidationError(f"--{what}-security is one of ssl, starttls, none.")
        if security is None:
            security = SECURITY_BY_PORT.get(port or 0, "ssl")
        if port is None:
            port = DEFAULT_PORTS[(what, security)]
        if security == "none" and not is_loopback(host):
            raise ValidationError(
                f"--{what}-security none sends your password unencrypted: it is accepted only for a bridge on "
                f"this computer (localhost, 127.0.0.1), not for {host}."
            )
        endpoints[what] = (host, port, security)
    return Account(
        email=email,
        username=(user or email).strip(),
        imap_host=endpoints["imap"][0],
        imap_port=endpoints["imap"][1],
        imap_security=endpoints["imap"][2],
        smtp_host=endpoints["smtp"][0],
        smtp_port=endpoints["smtp"][1],
        smtp_security=endpoints["smtp"][2],
        pinned_sha256=",".join(dict.fromkeys(normalise_fingerprint(p) for p in _pins(pin))),
    )


def _pins(pin: str | list[str] | None) -> list[str]:
    """Pins as typed: repeated options, or several in one field separated by commas or spaces."""
    if not pin:
        return []
    texts = [pin] if isinstance(pin, str) else pin
    return [part for text in texts for part in re.split(r"[,\s]+", text.strip()) if part]

"""Server settings of common providers, for Settings > Mail and the docs.

Data only. Every provider listed requires an app password (or OAuth2) for
IMAP/SMTP when two-step sign-in is on; the note says where to make one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Preset:
    key: str
    name: str
    imap_host: str
    imap_port: int
    imap_security: str
    smtp_host: str
    smtp_port: int
    smtp_security: str
    domains: tuple[str, ...]
    note: str


PRESETS: tuple[Preset, ...] = (
    Preset(
        "gmail",
        "Gmail / Google Workspace",
        "imap.gmail.com",
        993,
        "ssl",
        "smtp.gmail.com",
        465,
        "ssl",
        ("gmail.com", "googlemail.com"),
        "Google accepts an app password (Google Account > Security > 2-Step Verification > App passwords); "
        "your normal password does not work for IMAP. Sent mail is in “[Gmail]/Sent Mail”.",
    ),
    Preset(
        "outlook",
        "Outlook.com / Microsoft 365",
        "outlook.office365.com",
        993,
        "ssl",
        "smtp.office365.com",
        587,
        "starttls",
        ("outlook.com", "hotmail.com", "live.com", "msn.com"),
        "Microsoft is retiring passwords for IMAP: Outlook.com needs an app password (account.microsoft.com > "
        "Security > Advanced security options); many Microsoft 365 organisations allow only OAuth2, which "
        "Followup does not speak yet. Use a local bridge such as DavMail meanwhile.",
    ),
    Preset(
        "fastmail",
        "Fastmail",
        "imap.fastmail.com",
        993,
        "ssl",
        "smtp.fastmail.com",
        465,
        "ssl",
        ("fastmail.com", "fastmail.fm"),
        "Fastmail needs an app password with IMAP and SMTP access (Settings > Privacy & Security > App passwords).",
    ),
    Preset(
        "icloud",
        "iCloud Mail",
        "imap.mail.me.com",
        993,
        "ssl",
        "smtp.mail.me.com",
        587,
        "starttls",
        ("icloud.com", "me.com", "mac.com"),
        "iCloud needs an app-specific password (account.apple.com > Sign-In and Security > App-Specific "
        "Passwords); the user name is your address without “@icloud.com”.",
    ),
    Preset(
        "yahoo",
        "Yahoo Mail",
        "imap.mail.yahoo.com",
        993,
        "ssl",
        "smtp.mail.yahoo.com",
        465,
        "ssl",
        ("yahoo.com", "ymail.com", "rocketmail.com"),
        "Yahoo needs an app password (Account Info > Account Security > Generate app password).",
    ),
)


def preset_for(email: str) -> Preset | None:
    """The preset whose domain the address is at, if any."""
    domain = email.rpartition("@")[2].strip().lower()
    return next((p for p in PRESETS if domain in p.domains), None)


def preset(key: str) -> Preset:
    for p in PRESETS:
        if p.key == key:
            return p
    raise KeyError(key)

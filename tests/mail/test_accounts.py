"""mail add-account / accounts / remove-account, against a real Dovecot over
TLS and the real gnome-keyring on a private session bus."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from cli_runner import Cli, Result
from mail_account_cli import add_account, add_dovecot_account
from mailservers import PASSWORD, USER, Dovecot, SecretService

from followup.errors import ValidationError
from followup.mail import credentials
from followup.mail.accounts import build_account, format_fingerprint, normalise_fingerprint
from followup.mail.presets import PRESETS, preset_for


def add(cli: Cli, dovecot: Dovecot, *extra: str, password: str = PASSWORD) -> Result:
    """The account on the test's Dovecot, pinned only when `extra` says so."""
    return add_dovecot_account(cli, dovecot, *extra, pin=False, password=password)


def everything_in(data_dir: Path) -> bytes:
    blob = b""
    for f in data_dir.iterdir():
        blob += f.read_bytes()
    return blob


def test_a_self_signed_certificate_is_refused_with_its_fingerprint_and_nothing_is_saved(
    cli: Cli, dovecot: Dovecot, keyring_session: SecretService
) -> None:
    # GIVEN Dovecot with a certificate no authority signed WHEN the account is added without a pin
    result = add(cli, dovecot)
    # THEN it is refused, the fingerprint to pin is shown, and nothing is stored
    assert result.code == 1
    assert format_fingerprint(dovecot.fingerprint) in result.err
    assert "--pin-certificate" in result.err
    assert json.loads(cli("mail", "accounts", "--json").out) == []
    with pytest.raises(credentials.KeyringUnavailable):
        credentials.get_password(USER)


def test_pinning_the_fingerprint_adds_the_account_with_the_password_only_in_the_keyring(
    cli: Cli, dovecot: Dovecot, keyring_session: SecretService, data_dir: Path
) -> None:
    # GIVEN the fingerprint, with colons, as openssl prints it
    pin = format_fingerprint(dovecot.fingerprint)
    # WHEN the account is added with it
    result = add(cli, dovecot, "--pin-certificate", pin)
    # THEN it logs in, and the password is in the Secret Service
    assert result.code == 0, result.err
    assert credentials.get_password(USER) == PASSWORD
    accounts = json.loads(cli("mail", "accounts", "--json").out)
    assert accounts[0]["email"] == USER
    assert accounts[0]["imap"] == f"127.0.0.1:{dovecot.port}"
    assert accounts[0]["imap_security"] == "ssl"  # a port other than 993/143 still defaults to SSL
    assert accounts[0]["auth_method"] == "password"
    # AND no password anywhere: the listing, the database, the log
    assert PASSWORD not in cli("mail", "accounts").out
    assert PASSWORD.encode() not in everything_in(data_dir)
    with sqlite3.connect(data_dir / "followup.db") as conn:
        dump = "\n".join(conn.iterdump())
    assert PASSWORD not in dump
    # AND a backup carries no password either
    backup = data_dir.parent / "backup.followup"
    assert cli("backup", str(backup)).code == 0
    assert PASSWORD.encode() not in backup.read_bytes()


def test_a_wrong_password_is_refused_and_nothing_is_saved(
    cli: Cli, dovecot: Dovecot, keyring_session: SecretService
) -> None:
    result = add(cli, dovecot, "--pin-certificate", dovecot.fingerprint, password="wrong")
    assert result.code == 1
    assert "refused the user name or password" in result.err
    assert "Traceback" not in result.err
    assert json.loads(cli("mail", "accounts", "--json").out) == []


def test_the_server_down_is_one_clear_sentence(cli: Cli, dovecot: Dovecot, keyring_session: SecretService) -> None:
    dovecot.stop()
    result = add(cli, dovecot, "--pin-certificate", dovecot.fingerprint)
    assert result.code == 1
    assert f"Cannot reach the IMAP server 127.0.0.1:{dovecot.port}" in result.err
    assert "Traceback" not in result.err


def test_remove_account_forgets_the_password(cli: Cli, dovecot: Dovecot, keyring_session: SecretService) -> None:
    assert add(cli, dovecot, "--pin-certificate", dovecot.fingerprint).code == 0
    result = cli("mail", "remove-account", USER.upper())
    assert result.code == 0
    assert "deleted from the keyring" in result.out
    with pytest.raises(credentials.KeyringUnavailable):
        credentials.get_password(USER)
    assert cli("mail", "remove-account", USER).code == 1


def test_without_a_secret_service_the_user_is_told_and_nothing_is_saved(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # GIVEN no session bus at all (a headless machine)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("FOLLOWUP_KEYRING_FILE", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "no-runtime"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")  # see keyring_session
    import keyring.core

    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    # WHEN an account is added (without logging in: there is no server either)
    result = add_account(cli, "--no-check", imap="127.0.0.1:1", smtp="127.0.0.1:2", smtp_security=None, password="pw")
    # THEN it says there is no keyring and how to choose a file explicitly; nothing is saved
    assert result.code == 1
    assert "no system keyring" in result.err
    assert "FOLLOWUP_KEYRING_FILE" in result.err
    assert json.loads(cli("mail", "accounts", "--json").out) == []
    # AND when the user asks for the file explicitly, it is used (owner-only)
    secrets = tmp_path / "secrets.json"
    monkeypatch.setenv("FOLLOWUP_KEYRING_FILE", str(secrets))
    result = add_account(cli, "--no-check", imap="127.0.0.1:1", smtp="127.0.0.1:2", smtp_security=None, password="pw")
    assert result.code == 0, result.err
    assert secrets.stat().st_mode & 0o077 == 0
    assert credentials.get_password(USER) == "pw"


@pytest.mark.parametrize(
    ("imap", "smtp", "expected"),
    [
        ("imap.example.com", "smtp.example.com", ("ssl", 993, "ssl", 465)),
        ("imap.example.com:143", "smtp.example.com:587", ("starttls", 143, "starttls", 587)),
        ("imap.example.com:993", "smtp.example.com:465", ("ssl", 993, "ssl", 465)),
    ],
)
def test_security_defaults_from_the_port(imap: str, smtp: str, expected: tuple[object, ...]) -> None:
    a = build_account(email="x@example.com", imap=imap, smtp=smtp)
    assert (a.imap_security, a.imap_port, a.smtp_security, a.smtp_port) == expected


def test_no_encryption_only_for_a_loopback_bridge() -> None:
    a = build_account(
        email="x@example.com", imap="127.0.0.1:1143", smtp="localhost:1025", imap_security="none", smtp_security="none"
    )
    assert a.imap_security == a.smtp_security == "none"
    with pytest.raises(ValidationError, match="only for a bridge on this computer"):
        build_account(email="x@example.com", imap="imap.example.com:143", smtp="localhost", imap_security="none")


@pytest.mark.parametrize("bad", ["abc", "12:34", "g" * 64, "ab" * 31])
def test_a_malformed_pin_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError, match="64 hexadecimal digits"):
        normalise_fingerprint(bad)


def test_a_pin_with_colons_or_without_is_the_same() -> None:
    hexdigits = "ab" * 32
    assert normalise_fingerprint(format_fingerprint(hexdigits)) == hexdigits
    assert normalise_fingerprint("SHA256 Fingerprint=" + format_fingerprint(hexdigits)) == hexdigits


@pytest.mark.parametrize("bad", ["imap.example.com:0", "imap.example.com:99999", "imap example", ""])
def test_a_bad_host_is_one_sentence(bad: str) -> None:
    with pytest.raises(ValidationError, match="--imap"):
        build_account(email="x@example.com", imap=bad, smtp="smtp.example.com")


def test_presets_cover_the_common_providers_with_an_app_password_note() -> None:
    assert {p.key for p in PRESETS} == {"gmail", "outlook", "fastmail", "icloud", "yahoo"}
    assert all("password" in p.note for p in PRESETS)
    assert preset_for("someone@GMAIL.com").imap_host == "imap.gmail.com"  # type: ignore[union-attr]
    assert preset_for("someone@example.org") is None

"""Calendar passwords in the system keyring, never in the database.

The keyring package picks the platform's store (Secret Service on Linux,
Credential Manager on Windows, Keychain on macOS). Where there is none, saving
a password fails with a message that says so. A file store is used only when
the user (or a test without a session bus) names one in
$FOLLOWUP_KEYRING_FILE, and the log says so every time: never silently.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from followup.errors import FollowupError

log = logging.getLogger(__name__)

SERVICE = "Followup calendar"
FILE_ENV = "FOLLOWUP_KEYRING_FILE"


class CredentialsError(FollowupError):
    """The password could not be stored or read; the message says why."""


def _key(url: str, username: str) -> str:
    return f"{username}@{url}" if username else url


def _file() -> Path | None:
    name = os.environ.get(FILE_ENV, "").strip()
    return Path(name) if name else None


def _keyring() -> Any:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or (
        type(backend).__name__ == "Keyring" and "fail" in type(backend).__module__
    ):
        raise CredentialsError(
            "No system keyring is available (on Linux: the Secret Service, e.g. GNOME Keyring or KWallet, "
            "in a desktop session), so the password cannot be stored safely. Followup never keeps passwords "
            f"in its database; start a keyring, or set {FILE_ENV} to a file of your choice."
        )
    return keyring


def save_password(url: str, username: str, password: str) -> None:
    path = _file()
    if path is not None:
        log.warning("storing a calendar password in the file named by %s, not the system keyring", FILE_ENV)
        data = _read_file(path)
        data[_key(url, username)] = password
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
        return
    try:
        _keyring().set_password(SERVICE, _key(url, username), password)
    except CredentialsError:
        raise
    except Exception as error:  # keyring raises backend-specific errors (locked, no bus...)
        raise CredentialsError(f"The system keyring refused to store the password: {error}") from None


def load_password(url: str, username: str) -> str | None:
    path = _file()
    if path is not None:
        log.warning("reading a calendar password from the file named by %s, not the system keyring", FILE_ENV)
        value = _read_file(path).get(_key(url, username))
        return str(value) if value is not None else None
    try:
        value = _keyring().get_password(SERVICE, _key(url, username))
    except CredentialsError:
        raise
    except Exception as error:
        raise CredentialsError(f"The system keyring could not be read: {error}") from None
    return None if value is None else str(value)


def delete_password(url: str, username: str) -> None:
    path = _file()
    if path is not None:
        data = _read_file(path)
        if data.pop(_key(url, username), None) is not None:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
        return
    try:
        import keyring.errors

        _keyring().delete_password(SERVICE, _key(url, username))
    except keyring.errors.PasswordDeleteError:
        pass
    except CredentialsError:
        raise
    except Exception as error:
        raise CredentialsError(f"The system keyring could not remove the password: {error}") from None


def _read_file(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise CredentialsError(f"The password file {path} cannot be read: {error}") from None
    return data if isinstance(data, dict) else {}

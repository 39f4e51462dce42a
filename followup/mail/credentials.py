"""Mail passwords in the system keyring, and nowhere else.

The ``keyring`` package finds the platform's store: the Secret Service
(GNOME Keyring, KWallet) on Linux, the Credential Manager on Windows, the
Keychain on macOS. With none available, saying so is the answer: a file
backend is used only when asked for explicitly with
``FOLLOWUP_KEYRING_FILE=/path`` (meant for tests and headless machines),
and the log says so each time.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from followup.errors import FollowupError

log = logging.getLogger(__name__)
SERVICE = "Followup mail"
FILE_ENV = "FOLLOWUP_KEYRING_FILE"


NO_KEYRING = (
    "There is no system keyring to keep the mail password in (on Linux: the Secret Service of GNOME Keyring "
    "or KWallet, which needs a desktop session). Nothing was saved. Start a keyring, or set "
    f"{FILE_ENV}=/path/to/file to keep passwords in a plain file you protect yourself."
)


class KeyringUnavailable(FollowupError):
    """There is no system keyring to keep the password in."""


def _backend() -> Any:
    import keyring
    from keyring.backends import fail

    path = os.environ.get(FILE_ENV, "").strip()
    if path:
        log.warning("passwords are kept in the plain file %s, as %s asks (not in a system keyring)", path, FILE_ENV)
        return _FileKeyring(Path(path))
    backend = keyring.get_keyring()
    chained = getattr(backend, "backends", None)
    if isinstance(backend, fail.Keyring) or (chained is not None and not chained):
        log.warning("no system keyring: %s", backend)
        raise KeyringUnavailable(NO_KEYRING)
    return backend


def set_password(account_email: str, password: str) -> None:
    try:
        _backend().set_password(SERVICE, account_email.lower(), password)
    except KeyringUnavailable:
        raise
    except Exception as error:  # keyring backends raise their own types (KeyringLocked, DBus errors)
        log.warning("keyring refused to store a password: %s: %s", type(error).__name__, error)
        raise KeyringUnavailable(f"{NO_KEYRING} ({type(error).__name__}: {error})") from None


def get_password(account_email: str) -> str:
    try:
        password = _backend().get_password(SERVICE, account_email.lower())
    except KeyringUnavailable:
        raise
    except Exception as error:
        raise KeyringUnavailable(f"The system keyring could not be read ({type(error).__name__}: {error}).") from None
    if password is None:
        raise KeyringUnavailable(
            f"The keyring holds no password for {account_email}: remove the account and add it again with the password."
        )
    return str(password)


def delete_password(account_email: str) -> bool:
    """Forget the password; False when there was none (or no keyring to ask)."""
    try:
        _backend().delete_password(SERVICE, account_email.lower())
    except KeyringUnavailable:
        return False
    except Exception:
        return False
    return True


class _FileKeyring:
    """The explicit fallback: a JSON file readable by its owner only."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {str(k): str(v) for k, v in data.items()}

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, self.path)

    def set_password(self, service: str, user: str, password: str) -> None:
        data = self._read()
        data[f"{service}\n{user}"] = password
        self._write(data)

    def get_password(self, service: str, user: str) -> str | None:
        return self._read().get(f"{service}\n{user}")

    def delete_password(self, service: str, user: str) -> None:
        data = self._read()
        if data.pop(f"{service}\n{user}", None) is None:
            raise KeyError(user)
        self._write(data)

"""The mail password in the desktop session's real Secret Service
(gnome-keyring, started by tools/desktop-session.sh), through the real entry
point: in the keyring, nowhere in the data folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from desktop_helpers import wait_for

pytestmark = pytest.mark.desktop
ROOT = Path(__file__).resolve().parents[2]


def _secret_service_up() -> bool:
    probe = subprocess.run(
        [
            "gdbus",
            "call",
            "--session",
            "-d",
            "org.freedesktop.DBus",
            "-o",
            "/org/freedesktop/DBus",
            "-m",
            "org.freedesktop.DBus.NameHasOwner",
            "org.freedesktop.secrets",
        ],
        capture_output=True,
        text=True,
    )
    return "true" in probe.stdout


def test_add_account_keeps_the_password_in_the_session_keyring(tmp_path: Path) -> None:
    if shutil.which("gnome-keyring-daemon") is None:
        pytest.skip("gnome-keyring is not installed (FOLLOWUP_TEST_SESSION=1 tools/system-deps.sh)")
    wait_for(_secret_service_up, what="the Secret Service on the session bus")
    data = tmp_path / "data"
    password = "desktop-session-pw-4711"

    def run(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), *argv],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )

    added = run(
        "mail",
        "add-account",
        "--email",
        "mia@example.test",
        "--imap",
        "imap.example.test",
        "--smtp",
        "smtp.example.test",
        "--password-stdin",
        "--no-check",
        stdin=password + "\n",
    )
    assert added.returncode == 0, added.stderr
    import keyring

    assert type(keyring.get_keyring()).__module__.endswith("SecretService")
    assert keyring.get_password("Followup mail", "mia@example.test") == password
    listed = run("mail", "accounts", "--json")
    assert json.loads(listed.stdout)[0]["email"] == "mia@example.test"
    for f in data.rglob("*"):
        if f.is_file():
            assert password.encode() not in f.read_bytes(), f
    assert run("mail", "remove-account", "mia@example.test").returncode == 0
    assert keyring.get_password("Followup mail", "mia@example.test") is None

"""Fixtures for the mail tests: a real Dovecot per test, a real gnome-keyring
for the session, contacts in a data folder of its own (the `cli` fixture is tests/conftest.py's)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli_runner import make_data_dir
from mailservers import Dovecot, SecretService, have_servers

from followup.clock import FixedClock
from followup.domain import Contact, Kind, LabelledValue

ME = "me@example.test"


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecretService]:
    if shutil.which("gnome-keyring-daemon") is None or shutil.which("dbus-daemon") is None:
        pytest.skip("gnome-keyring is not installed (tools/system-deps.sh with FOLLOWUP_TEST_SESSION=1)")
    service = SecretService(tmp_path_factory.mktemp("keyring"))
    service.start()
    yield service
    service.stop()


@pytest.fixture
def keyring_session(secret_service: SecretService, monkeypatch: pytest.MonkeyPatch) -> Iterator[SecretService]:
    """The real Secret Service, reached through this test's environment only."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service.address)
    monkeypatch.delenv("FOLLOWUP_KEYRING_FILE", raising=False)
    # Named, not probed: probing tries KWallet through dbus-python, whose libdbus
    # then remembers this private bus for the whole process (and Qt's D-Bus
    # shares that libdbus: the notifier tests would find a session bus).
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    import keyring
    import keyring.core

    keyring.core._keyring_backend = None  # type: ignore[attr-defined]
    backend = keyring.get_keyring()
    assert type(backend).__module__.endswith("SecretService"), backend
    from followup.mail import credentials

    credentials.delete_password(ME)  # each test starts with an empty keyring
    yield secret_service
    credentials.delete_password(ME)
    keyring.core._keyring_backend = None  # type: ignore[attr-defined]


@pytest.fixture
def dovecot(tmp_path: Path) -> Iterator[Dovecot]:
    reason = have_servers()
    if reason:
        pytest.skip(reason)
    # Not under tmp_path: pytest keeps /tmp/pytest-of-root at mode 700 (and
    # re-applies it when another run starts), which the dovecot user cannot cross.
    folder = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
    server = Dovecot(folder)
    server.start()
    yield server
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


def people() -> list[Contact]:
    """Three contacts who write to the user, in three zones."""
    return [
        Contact(
            "Alice Archer",
            kind=Kind.CLIENT,
            emails=[LabelledValue("alice@client.example", "work")],
            tz="America/New_York",
        ),
        Contact(
            "Bob Brenner",
            kind=Kind.SUPPLIER,
            emails=[LabelledValue("BOB@Supplier.Example", "work")],
            tz="Europe/Zurich",
        ),
        Contact(
            "Chen Wei", kind=Kind.PARTNER, emails=[LabelledValue("chen@partner.example", "work")], tz="Asia/Shanghai"
        ),
    ]


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    """Mia (the user, in Berlin) and three contacts who write to her."""
    settings = {"user_tz": "Europe/Berlin", "user_email": ME, "user_name": "Mia Muster"}
    return make_data_dir(tmp_path / "data", clock, settings=settings, contacts=people())


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[int, Path, str]]:
    """aiosmtpd on 127.0.0.1 with STARTTLS (a certificate made here), delivering into a maildir.
    Yields (port, maildir, certificate SHA-256)."""
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Mailbox
    from mailservers import free_port, make_certificate

    cert, key, fingerprint = make_certificate(tmp_path, "smtp")
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(str(cert), str(key))
    maildir = tmp_path / "delivered"
    port = free_port()
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def authenticator(server: object, session: object, envelope: object, mechanism: str, data: object) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"me@example.test", b"pw")
        return AuthResult(success=ok, handled=False)

    controller = Controller(
        Mailbox(str(maildir)),
        hostname="127.0.0.1",
        port=port,
        tls_context=ctx,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    yield port, maildir, fingerprint
    controller.stop()

"""Fixtures for the mail tests: a real Dovecot per test, a real gnome-keyring
for the session, contacts, and the CLI run in-process."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mailservers import Dovecot, Result, SecretService, have_servers

from followup.cli import build_parser, run_command
from followup.clock import FixedClock
from followup.domain import Contact, Kind, LabelledValue
from followup.store import Store

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


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    folder = tmp_path / "data"
    with Store.open(folder / "followup.db", clock) as store:
        store.settings.set("user_tz", "Europe/Berlin")
        store.settings.set("user_email", ME)
        store.settings.set("user_name", "Mia Muster")
        add_people(store)
    return folder


def add_people(store: Store) -> dict[str, int]:
    people = {
        "alice": ("Alice Archer", "alice@client.example", Kind.CLIENT, "America/New_York"),
        "bob": ("Bob Brenner", "BOB@Supplier.Example", Kind.SUPPLIER, "Europe/Zurich"),
        "chen": ("Chen Wei", "chen@partner.example", Kind.PARTNER, "Asia/Shanghai"),
    }
    return {
        key: store.contacts.add(Contact(name, kind=kind, emails=[LabelledValue(addr, "work")], tz=tz))
        for key, (name, addr, kind, tz) in people.items()
    }


@pytest.fixture
def cli(
    data_dir: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Result]:
    def run(*argv: str, stdin: str | None = None) -> Result:
        if stdin is not None:
            import io

            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = run_command(build_parser().parse_args(["--data-dir", str(data_dir), *argv]), clock=clock)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def open_store(data_dir: Path, clock: FixedClock) -> Callable[[], Store]:
    return lambda: Store.open(data_dir / "followup.db", clock)


@pytest.fixture(scope="session")
def ical_check() -> Callable[[list[Path]], list[dict[str, object]]]:
    """ical.js (Mozilla's parser) through tools/ical-check, as in tests/calendar."""
    import json
    import subprocess

    checker = Path(__file__).resolve().parents[2] / "tools" / "ical-check"
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed, so the ical.js checker cannot run")
    if not (checker / "node_modules" / "ical.js").exists():
        npm = shutil.which("npm")
        assert npm, "node is here but npm is not"
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=checker, check=True, capture_output=True)

    def check(paths: list[Path]) -> list[dict[str, object]]:
        done = subprocess.run(
            [node, str(checker / "check.mjs"), *map(str, paths)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    return check


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

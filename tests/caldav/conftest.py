"""Real CalDAV servers (Radicale and Xandikos, from PyPI) on 127.0.0.1, a real
keyring (gnome-keyring's Secret Service on a private D-Bus), and a data folder
of its own for the CLI (the `cli` fixture of tests/conftest.py).

Events are put on the servers with the `caldav` library, the way another
client (a phone, Thunderbird) would, and read back the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from caldav_servers import Server, start_radicale, start_xandikos
from cli_runner import make_data_dir

from followup.clock import FixedClock


@pytest.fixture(params=["radicale", "xandikos"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    start = start_radicale if request.param == "radicale" else start_xandikos
    srv = start(tmp_path / request.param)
    yield srv
    srv.stop()


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Server]:
    srv = start_radicale(tmp_path / "radicale")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def keyring_daemons(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """gnome-keyring's Secret Service on a private session bus, unlocked, with
    a throwaway home for its files (SERVERS-TESTING.md). Yields the
    environment that reaches it; nothing of it leaks into other tests."""
    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        if os.environ.get("CI"):
            pytest.fail("dbus-daemon and gnome-keyring are needed: FOLLOWUP_TEST_SESSION=1 tools/system-deps.sh")
        pytest.skip("no dbus-daemon or gnome-keyring here: FOLLOWUP_TEST_SESSION=1 tools/system-deps.sh")
    home = tmp_path_factory.mktemp("keyring")
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_RUNTIME_DIR": str(runtime), "HOME": str(home)}
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:path={runtime}/bus"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert daemon.stdin is not None
    daemon.stdin.write(b"throwaway-test-keyring")
    daemon.stdin.close()
    yield {k: env[k] for k in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "XDG_DATA_HOME")}
    for proc in (daemon, bus):
        proc.terminate()
        proc.wait(10)
    bus.stdout.close()


@pytest.fixture
def real_keyring(keyring_daemons: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The real keyring for one test: its bus in the environment, and the
    Secret Service backend chosen (and put back afterwards)."""
    import keyring
    from keyring.backends import SecretService

    # Before the bus is in the environment: choosing the default backend
    # probes KWallet through libdbus, which remembers the session bus address
    # for the whole process (later tests would then find a bus that is gone).
    previous = keyring.get_keyring()
    for key, value in keyring_daemons.items():
        monkeypatch.setenv(key, value)
    backend = SecretService.Keyring()
    deadline = time.monotonic() + 10
    while True:  # the daemon takes a moment to own its name on the bus
        try:
            backend.set_password("followup-test", "probe", "ok")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    keyring.set_keyring(backend)
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path: Path, clock: FixedClock) -> Path:
    return make_data_dir(
        tmp_path / "data", clock, settings={"user_tz": "Europe/Lisbon", "user_email": "me@example.test"}
    )

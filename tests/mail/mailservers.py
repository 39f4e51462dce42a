"""Real servers for the mail tests, on 127.0.0.1 only: Dovecot (IMAP over TLS
with a certificate made here), aiosmtpd (SMTP into a maildir) and
gnome-keyring's Secret Service on a private session bus."""

from __future__ import annotations

import hashlib
import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

# The CLI's Result (and Cli) are tests/cli_runner.py's; still importable from here.
from cli_runner import Result as Result

USER = "me@example.test"


PASSWORD = "s3cret-pw"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_certificate(folder: Path, name: str = "cert") -> tuple[Path, Path, str]:
    """A throwaway self-signed certificate for 127.0.0.1; returns (cert, key, sha256 hex)."""
    cert, key = folder / f"{name}.pem", folder / f"{name}-key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-days",
            "2",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    der = ssl.PEM_cert_to_DER_cert(cert.read_text())
    os.chmod(key, 0o644)
    return cert, key, hashlib.sha256(der).hexdigest()


@dataclass
class Dovecot:
    folder: Path
    port: int = field(default_factory=free_port)
    fingerprint: str = ""
    pid: int | None = None

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o755)
        (self.folder / "mail").mkdir(exist_ok=True)
        (self.folder / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        self.new_certificate()

    def new_certificate(self) -> None:
        _, _, self.fingerprint = make_certificate(self.folder)

    def config(self) -> Path:
        f = self.folder
        dv = pwd.getpwnam("dovecot")
        conf = f / "dovecot.conf"
        conf.write_text(f"""
base_dir = {f}/run
state_dir = {f}/run/state
instance_name = followup-test-{self.port}
protocols = imap
listen = 127.0.0.1
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    port = {self.port}
    ssl = yes
  }}
}}
ssl = required
ssl_cert = <{f}/cert.pem
ssl_key = <{f}/cert-key.pem
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {f}/users
}}
userdb {{
  driver = static
  args = uid={dv.pw_uid} gid={dv.pw_gid} home={f}/mail/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Lists {{
    auto = subscribe
  }}
}}
imap_capability = +CONDSTORE
log_path = {f}/dovecot.log
default_internal_user = dovecot
default_login_user = dovenull
default_internal_group = dovecot
first_valid_uid = 1
""")
        return conf

    def start(self, *, probe: bool = True) -> None:
        # dovecot daemonises: its output goes to a file, not a pipe it would keep open
        with open(self.folder / "start.log", "ab") as log:
            subprocess.run(["dovecot", "-c", str(self.config())], check=True, stdout=log, stderr=log)
        subprocess.run(["chown", "-R", "dovecot:dovecot", str(self.folder / "mail")], check=True)
        pid_file = self.folder / "run" / "master.pid"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.pid = int(pid_file.read_text().split()[0])
                self.client().logout()  # the port opens before the auth process is ready
                return
            except imaplib.IMAP4.error as error:
                if not probe and "UNAVAILABLE" not in str(error):
                    return  # auth answers: the password is just not the fixture's (a test changed it)
                time.sleep(0.05)
            except (FileNotFoundError, IndexError, ValueError, OSError):
                time.sleep(0.05)
        raise RuntimeError("dovecot did not start: " + (self.folder / "dovecot.log").read_text())

    def stop(self) -> None:
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
                time.sleep(0.05)
            except ProcessLookupError:
                break
        self.pid = None

    def client(self) -> imaplib.IMAP4_SSL:
        ctx = ssl.create_default_context(cafile=str(self.folder / "cert.pem"))
        imap = imaplib.IMAP4_SSL("127.0.0.1", self.port, ssl_context=ctx)
        try:
            imap.login(USER, PASSWORD)
        except imaplib.IMAP4.error:
            imap.shutdown()
            raise
        return imap

    def append(self, folder: str, messages: list[tuple[bytes, float]]) -> None:
        """APPEND each (raw message, arrival time) to the folder, as a client would."""
        imap = self.client()
        try:
            for raw, when in messages:
                typ, data = imap.append(folder, "", imaplib.Time2Internaldate(when), raw)
                assert typ == "OK", data
        finally:
            imap.logout()

    def flags(self, folder: str) -> list[bytes]:
        imap = self.client()
        try:
            imap.select(folder, readonly=True)
            _typ, data = imap.uid("FETCH", "1:*", "(FLAGS)")
            return [d for d in data if isinstance(d, bytes)]
        finally:
            imap.logout()

    def count(self, folder: str) -> int:
        imap = self.client()
        try:
            _typ, data = imap.select(folder, readonly=True)
            return int(data[0] or 0)
        finally:
            imap.logout()


@dataclass
class SecretService:
    """A private session bus with an unlocked gnome-keyring on it."""

    folder: Path
    address: str = ""
    bus_pid: int | None = None
    keyring: subprocess.Popen[bytes] | None = None

    def start(self, *, probe: bool = True) -> None:
        env = dict(os.environ)
        runtime = self.folder / "runtime"
        runtime.mkdir(parents=True, mode=0o700)
        env.update(XDG_DATA_HOME=str(self.folder / "data"), XDG_RUNTIME_DIR=str(runtime), HOME=str(self.folder))
        out = subprocess.run(
            ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout.split()
        self.address, self.bus_pid = out[0], int(out[1])
        env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        self.keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert self.keyring.stdin is not None
        self.keyring.stdin.write(b"pw")
        self.keyring.stdin.close()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            probe = subprocess.run(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ],
                capture_output=True,
                text=True,
                env=env,
            )
            if "true" in probe.stdout:
                return
            time.sleep(0.1)
        raise RuntimeError("gnome-keyring did not come up")

    def stop(self) -> None:
        if self.keyring is not None:
            self.keyring.terminate()
            self.keyring.wait(10)
        if self.bus_pid is not None:
            try:
                os.kill(self.bus_pid, signal.SIGTERM)
            except ProcessLookupError:
                pass


def have_servers() -> str | None:
    """Why the real servers cannot run here, or None."""
    for tool in ("dovecot", "openssl"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (tools/system-deps.sh with FOLLOWUP_TEST_SESSION=1)"
    if os.geteuid() != 0:
        return "the Dovecot fixture runs as root (it chowns the maildir to the dovecot user)"
    return None

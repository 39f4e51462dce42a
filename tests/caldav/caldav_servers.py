"""Real CalDAV servers for the tests: Radicale and Xandikos (PyPI) on
127.0.0.1, with throwaway storage; and small builders of calendar data."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

# The CLI's Result (and Cli) are tests/cli_runner.py's; still importable from here.
from cli_runner import Cli as Cli
from cli_runner import Result as Result

from followup.clock import FixedClock

USER, PASSWORD = "ana", "s3cret-calendar"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"the server did not start: {log.read_text(errors='replace')[-2000:]}")


@dataclass
class Server:
    name: str
    url: str  # what the user types into Followup
    user: str
    password: str
    storage: Path
    proc: subprocess.Popen[bytes]
    port: int

    clients: list[object] = field(default_factory=list)

    def client(self):  # type: ignore[no-untyped-def]
        """A client of the test's own, as another app on another device."""
        import caldav

        client = caldav.DAVClient(self.url, username=self.user or None, password=self.password or None)
        self.clients.append(client)
        return client

    def stop(self) -> None:
        for client in self.clients:
            client.close()  # type: ignore[attr-defined]
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_radicale(folder: Path, port: int | None = None) -> Server:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
    port = port or free_port()
    log = folder / "radicale.log"
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "radicale",
            "--server-hosts", f"127.0.0.1:{port}",
            "--storage-filesystem-folder", str(folder / "collections"),
            "--auth-type", "htpasswd",
            "--auth-htpasswd-filename", str(folder / "users"),
            "--auth-htpasswd-encryption", "plain",
        ],
        stdout=(handle := log.open("wb")),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    handle.close()  # the server has its own descriptor
    wait_for_port(port, proc, log)
    return Server("radicale", f"http://127.0.0.1:{port}/", USER, PASSWORD, folder / "collections", proc, port)


def start_xandikos(folder: Path, port: int | None = None) -> Server:
    folder.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log = folder / "xandikos.log"
    exe = shutil.which("xandikos", path=str(Path(sys.executable).parent)) or "xandikos"
    proc = subprocess.Popen(
        [exe, "serve", "-d", str(folder / "data"), "--defaults", "-l", "127.0.0.1", "-p", str(port)],
        stdout=(handle := log.open("wb")),
        stderr=subprocess.STDOUT,
    )
    handle.close()
    wait_for_port(port, proc, log)
    # Xandikos has no authentication: any user name works, the password is not checked.
    return Server("xandikos", f"http://127.0.0.1:{port}/", USER, PASSWORD, folder / "data", proc, port)


def at(clock: FixedClock, days: float, hour: int = 10) -> datetime:
    """A round time ``days`` from the test's now, in UTC."""
    base = clock.now().replace(hour=hour, minute=0, second=0, microsecond=0)
    return base + timedelta(days=days)


def vevent(uid: str, title: str, start: datetime, minutes: int = 60, *, people: list[str], organizer: str = "",
           status: str = "", sequence: int = 0, rrule: str = "") -> str:  # fmt: skip
    stamp = "%Y%m%dT%H%M%SZ"
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test phone//EN", "BEGIN:VEVENT",
        f"UID:{uid}", f"DTSTAMP:{start.strftime(stamp)}", f"SUMMARY:{title}",
        f"DTSTART:{start.strftime(stamp)}", f"DTEND:{(start + timedelta(minutes=minutes)).strftime(stamp)}",
        f"SEQUENCE:{sequence}",
    ]  # fmt: skip
    if organizer:
        lines.append(f"ORGANIZER:mailto:{organizer}")
    lines += [f"ATTENDEE;CN={p.split('@')[0].title()}:mailto:{p}" for p in people]
    if status:
        lines.append(f"STATUS:{status}")
    if rrule:
        lines.append(f"RRULE:{rrule}")
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


class FaultyProxy:
    """A reverse proxy in front of a real server that answers 500 for the
    paths it is told to: a server failing on one item, which no real server
    does on demand."""

    def __init__(self, target_port: int) -> None:
        import http.client
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.failing: set[str] = set()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if any(self.path.endswith(f) for f in proxy.failing) and self.command == "GET":
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                conn = http.client.HTTPConnection("127.0.0.1", target_port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "accept-encoding")}
                conn.request(self.command, self.path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                self.send_response(response.status)
                for k, v in response.getheaders():
                    if k.lower() not in ("transfer-encoding", "content-length", "connection", "content-encoding"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_OPTIONS = do_MKCALENDAR = _forward
            do_PROPPATCH = do_HEAD = do_POST = _forward

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()

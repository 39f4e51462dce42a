"""Real processes for the data-safety tests: the command line as users run it,
and small scripted processes that stand for the window."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 120


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(REPO_ROOT)
    e.pop("FOLLOWUP_DATA_DIR", None)
    return e


def cli(folder: Path, *argv: str, timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    """``python main.py --data-dir FOLDER ARGV...``, as a user runs it."""
    return subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "--data-dir", str(folder), *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(),
        check=False,
    )


def script(code: str, *argv: str) -> subprocess.Popen[str]:
    """A Python process running ``code`` with the repository importable; talk to it on stdin/stdout."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )


def integrity(path: Path) -> str:
    """PRAGMA integrity_check of the file, read through a fresh connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "; ".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {str(r[0]) for r in conn.execute("SELECT name FROM contacts")}
    finally:
        conn.close()


HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO settings(key, value) VALUES ('holder', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
print("locked", flush=True)
seconds = float(sys.argv[2])
if seconds > 0:
    time.sleep(seconds)
else:
    sys.stdin.readline()
conn.execute("COMMIT")
print("released", flush=True)
"""


def hold_write_lock(db: Path, seconds: float = 0) -> subprocess.Popen[str]:
    """Another process holding ``BEGIN IMMEDIATE`` (the write lock) for
    ``seconds``, or until a line on its stdin when 0. Returns once it holds it."""
    proc = script(HOLDER, str(db), str(seconds))
    line = proc.stdout.readline().strip()  # type: ignore[union-attr]
    assert line == "locked", proc.stderr.read()  # type: ignore[union-attr]
    return proc


def finish(proc: subprocess.Popen[str]) -> str:
    """Let a scripted process end (a line on stdin), wait for it, return its stderr."""
    try:
        proc.stdin.write("\n")  # type: ignore[union-attr]
        proc.stdin.close()  # type: ignore[union-attr]
    except BrokenPipeError:
        pass  # it had finished already
    proc.wait(timeout=TIMEOUT_S)
    err = proc.stderr.read()  # type: ignore[union-attr]
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    return str(err)


def kill_when(proc: subprocess.Popen[str], says: str) -> None:
    """Wait until a scripted process prints ``says`` (it holds the database
    open, or has written), then SIGKILL it: no clean-up of its own runs."""
    assert proc.stdout is not None and proc.stderr is not None and proc.stdin is not None
    assert proc.stdout.readline().strip() == says, proc.stderr.read()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=TIMEOUT_S)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        stream.close()

"""Faults of the machine: for each, one clear sentence (no traceback), not a
byte of existing data changed, and the next start works once the fault is gone.
The command line and the window (offscreen, unattended) are both asked."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from safety_procs import REPO_ROOT, TIMEOUT_S, cli, env, integrity, kill_when, names, script

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files, pipes and mounts")


def digest(folder: Path) -> dict[str, str]:
    """Every file in the folder and its bytes (not following into sub-folders);
    the window's log aside, which says what happened."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "(not a file)"
        for p in sorted(folder.iterdir())
        if not p.is_fifo() and not p.name.startswith("followup.log")
    }


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("followup")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def window(folder: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The window, offscreen and unattended (it would show the sentence in a dialog)."""
    return cli(folder, "--screenshot", str(tmp_path / "shot.png"), timeout=60)


def with_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    assert cli(folder, "add-contact", "Ana Lima").returncode == 0
    return folder


def test_a_read_only_data_folder(tmp_path: Path) -> None:
    # GIVEN a data folder with a database, made read-only
    folder = with_data(tmp_path)
    before = digest(folder)
    # WHEN the command line and the window start
    results = [
        run_read_only(folder, "add-contact", "Bruno Costa"),
        run_read_only(folder, "contacts"),
        run_read_only(folder, "--screenshot", str(tmp_path / "shot.png")),
    ]
    # THEN each says in one sentence that the folder is read-only, and nothing changed
    for result in results:
        assert "is read-only" in one_sentence(result)
    assert digest(folder) == before
    # AND once it is writable again, the next start works
    assert cli(folder, "add-contact", "Bruno Costa").returncode == 0
    assert names(folder / "followup.db") == {"Ana Lima", "Bruno Costa"}


def run_read_only(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run the command line with ``folder`` read-only: by its mode for a normal
    user; for root (whom modes do not stop) in a private read-only bind mount."""
    command = [sys.executable, str(REPO_ROOT / "main.py"), "--data-dir", str(folder), *argv]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, env=env(), check=False)
        finally:
            folder.chmod(0o700)
    if not shutil.which("unshare") or subprocess.run(["unshare", "-Urm", "true"], check=False).returncode != 0:
        pytest.skip("running as root without user namespaces: a read-only folder cannot be made")
    mount = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'
    return subprocess.run(
        ["unshare", "-Urm", "sh", "-c", mount, "sh", str(folder), *command],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        env=env(),
        check=False,
    )


def _garbage(db: Path) -> None:
    db.write_bytes(os.urandom(5000))


def _zero_bytes(db: Path) -> None:
    db.write_bytes(b"")


def _directory(db: Path) -> None:
    db.unlink()
    db.mkdir()
    (db / "inside.txt").write_text("kept")


def _newer(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()


def _fifo(db: Path) -> None:
    db.unlink()
    os.mkfifo(db)


REPLACED: list[tuple[str, Callable[[Path], None], str]] = [
    ("garbage", _garbage, "is not a Followup database"),
    ("zero-bytes", _zero_bytes, "is empty (0 bytes)"),
    ("a-directory", _directory, "is a folder, not a Followup database"),
    ("a-newer-version", _newer, "was made by a newer version of Followup"),
    ("a-fifo", _fifo, "is not a regular file"),
]


@pytest.mark.parametrize(("how", "replace", "said"), REPLACED, ids=[r[0] for r in REPLACED])
def test_the_database_replaced(how: str, replace: Callable[[Path], None], said: str, tmp_path: Path) -> None:
    # GIVEN a database replaced by something else
    folder = with_data(tmp_path)
    db = folder / "followup.db"
    replace(db)
    before = digest(folder)
    inside = digest(db) if db.is_dir() else None
    # WHEN the command line and the window start (a pipe must not make them wait forever)
    results = [cli(folder, "add-contact", "Bruno Costa", timeout=60), cli(folder, "contacts", timeout=60)]
    results.append(window(folder, tmp_path))
    # THEN each says what is wrong in one sentence, and not a byte changed
    for result in results:
        assert said in one_sentence(result)
    assert digest(folder) == before
    if inside is not None:
        assert digest(db) == inside
    # AND once the thing is moved away, the next start works
    if db.is_dir():
        shutil.rmtree(db)
    else:
        db.unlink()
    assert cli(folder, "add-contact", "Bruno Costa").returncode == 0
    assert integrity(db) == "ok"


def test_a_data_folder_that_cannot_be_created(tmp_path: Path) -> None:
    # GIVEN a data folder below a plain file
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = blocker / "followup"
    # WHEN the command line and the window start
    results = [cli(folder, "contacts"), window(folder, tmp_path)]
    # THEN each says so in one sentence; the file is untouched
    for result in results:
        sentence = one_sentence(result)
        assert "cannot be created" in sentence and "--data-dir" in sentence
    assert blocker.read_text() == "not a folder"


WRITE_THEN_DIE = """
import sys
from followup.domain import Contact
from followup.store import Store
store = Store.open(sys.argv[1])
store.conn.execute("PRAGMA wal_autocheckpoint = 0")  # keep every commit in the WAL
for n in range(50):
    store.contacts.add(Contact(name=f"Person {n}"))
print("written", flush=True)
sys.stdin.readline()
"""


def test_a_stale_wal_and_shm_from_a_crash(tmp_path: Path) -> None:
    # GIVEN a process that committed 50 contacts into the WAL and was killed, leaving its -wal and -shm
    folder = with_data(tmp_path)
    db = folder / "followup.db"
    kill_when(script(WRITE_THEN_DIE, str(db)), "written")
    assert (folder / "followup.db-wal").stat().st_size > 0
    # AND the shared memory scribbled over (nobody has it open: it is rebuilt from the WAL)
    (folder / "followup.db-shm").write_bytes(os.urandom(32768))
    # WHEN the command line next starts
    done = cli(folder, "add-contact", "Bruno Costa")
    # THEN every committed contact is there, the file is intact, and nothing was said
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert names(db) == {"Ana Lima", "Bruno Costa", *(f"Person {n}" for n in range(50))}
    assert integrity(db) == "ok"

"""Is the database whole? Noticing an unclean shutdown, and checking.

Every process that opens the database leaves a small marker beside it
(``.followup.db.pid-1234``) and removes it when it closes its last
connection. A marker whose process is gone means that process died with the
database open (a crash, a kill, a power cut): the next process to open the
database runs ``PRAGMA integrity_check`` first, and refuses to write to a
damaged file. The markers stay until a check passes, so a damaged database is
refused at every start until it is repaired or restored. ``followup check``
runs the same checks on demand.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

DAMAGED = "damaged"
MAX_PROBLEMS = 20
_lock = threading.Lock()
_opened: dict[Path, int] = {}  # this process's open stores, per database
# What this process found when it last checked each database, with the file's
# (size, mtime) then: a check ahead of the open (the window runs it on a thread
# so it can say what it is doing) is not run a second time by the open itself.
_checked: dict[Path, tuple[tuple[int, int], Health]] = {}


@dataclass(slots=True, frozen=True)
class Health:
    """What ``integrity_check`` and ``foreign_key_check`` found (nothing: ok)."""

    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.foreign_keys

    def summary(self) -> str:
        problems = [*self.integrity, *self.foreign_keys]
        more = f" and {len(problems) - 3} more problems" if len(problems) > 3 else ""
        return "; ".join(problems[:3]) + more


def examine(conn: sqlite3.Connection, *, foreign_keys: bool = True) -> Health:
    """Run the checks; never writes. Raises sqlite3.DatabaseError when the file
    is too damaged to be read at all."""
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})")]
    integrity = [] if rows == ["ok"] else rows
    fks: list[str] = []
    if foreign_keys:
        for table, rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check").fetchmany(MAX_PROBLEMS):
            fks.append(f"row {rowid} of {table} points to a missing row of {parent}")
    return Health(integrity, fks)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def remember(path: Path, found: Health) -> None:
    """Remember what a check of ``path`` found, for as long as the file is unchanged."""
    stamp = _stamp(path)
    with _lock:
        if stamp is None:
            _checked.pop(path, None)
        else:
            _checked[path] = (stamp, found)


def remembered(path: Path) -> Health | None:
    """What this process found when it checked the unchanged ``path``, if it did."""
    with _lock:
        entry = _checked.get(path)
    if entry is None or entry[0] != _stamp(path):
        return None
    return entry[1]


def damage_advice(path: Path) -> str:
    return (
        "Followup will not write to it. Restore your last backup with 'followup restore FILE --force' "
        f"(a copy of what it replaces is kept), or keep a copy of {path.name} somewhere safe and ask for help. "
        "'followup check' shows the details."
    )


def _marker(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.{tag}")


def alive(pid: int) -> bool:
    """Is another process with this id running? (Never this one.)"""
    if pid == os.getpid():
        return False  # a marker of ours we did not make: left by an earlier process with our number
    if sys.platform == "win32":
        return True  # no cheap check here: never mistake a running process for a crashed one
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, belongs to someone else
    return True


def needs_check(path: Path) -> list[Path]:
    """Markers that ask for a check: processes that died with the database
    open, or damage found before. Empty when all is as it should be."""
    found: list[Path] = []
    with _lock:
        ours = _opened.get(path, 0) > 0
    try:
        entries = list(path.parent.glob(f".{path.name}.*"))
    except OSError:
        return []
    for marker in entries:
        tag = marker.name[len(path.name) + 2 :]
        if tag == DAMAGED:
            found.append(marker)
        elif tag.startswith("pid-") and tag[4:].isdigit():
            pid = int(tag[4:])
            if not (pid == os.getpid() and ours) and not alive(pid):
                found.append(marker)
    return found


def clear(markers: list[Path]) -> None:
    for marker in markers:
        try:
            marker.unlink(missing_ok=True)
        except OSError as error:
            log.warning("cannot remove %s: %s", marker, error)


def mark_damaged(path: Path) -> None:
    """Remember that the database was found damaged: every open checks it again until it passes."""
    try:
        _marker(path, DAMAGED).touch()
    except OSError as error:
        log.warning("cannot mark %s as damaged: %s", path, error)


def opened(path: Path) -> None:
    """This process now has the database open (the first store leaves the marker)."""
    with _lock:
        _opened[path] = _opened.get(path, 0) + 1
        if _opened[path] > 1:
            return
    try:
        fd = os.open(_marker(path, f"pid-{os.getpid()}"), os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as error:  # a read-only folder: nothing to mark, nothing lost
        log.debug("cannot leave the open marker beside %s: %s", path, error)


def closed(path: Path) -> None:
    """This process closed a store; the last one removes the marker (a clean shutdown)."""
    with _lock:
        left = _opened.get(path, 0) - 1
        if left > 0:
            _opened[path] = left
            return
        _opened.pop(path, None)
    try:
        _marker(path, f"pid-{os.getpid()}").unlink(missing_ok=True)
    except OSError as error:
        log.debug("cannot remove the open marker beside %s: %s", path, error)

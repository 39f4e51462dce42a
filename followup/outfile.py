"""Writing an output file the way command-line users expect.

- ``-`` means standard output.
- A folder that does not exist, or a folder given as the file, is one clear
  sentence (OutputError), checked before any work is done.
- A regular file is replaced atomically (a temporary file in the same folder,
  flushed, renamed over it), so a reader sees the old file or the new one.
- A symlink is written through: its target is replaced, the link stays.
- A device or a FIFO (/dev/null, /dev/stdout, a named pipe) is written
  directly: never renamed over, never turned into a regular file.
- Exports follow the user's umask (they are meant to be shared); private
  files (backups) are 0600.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from followup.errors import FollowupError

STDOUT = "-"


class OutputError(FollowupError, OSError):
    """An output path that cannot be written (an OSError too, for callers that
    catch the file system's errors)."""


@dataclass(slots=True, frozen=True)
class Target:
    """Where output goes: ``path`` None is standard output; ``special`` is a
    device or FIFO written in place."""

    given: str
    path: Path | None
    special: bool

    @property
    def shown(self) -> str:
        return "standard output" if self.path is None else self.given


def target(path: Path | str, *, protect: Path | None = None) -> Target:
    """Check an output path before any work is done; raise OutputError if it
    cannot be written, or if it is the database ``protect`` (or its journals)."""
    given = str(path)
    if given == STDOUT:
        return Target(given, None, True)
    p = Path(given).expanduser()
    if protect is not None:
        # By path alone: opening the live database to look at it would drop SQLite's locks.
        mine = {Path(os.path.realpath(f"{protect}{suffix}")) for suffix in ("", "-wal", "-shm", "-journal")}
        if Path(os.path.realpath(p)) in mine:
            raise OutputError(f"{given} is Followup's own database: choose another file. Nothing was written.")
    try:
        st = p.stat()  # follows symlinks
    except FileNotFoundError:
        st = None
    except OSError as error:
        raise OutputError(f"Cannot write {given}: {error.strerror or error}. Nothing was written.") from None
    if st is None:
        real = Path(os.path.realpath(p)) if p.is_symlink() else p  # a dangling link: create its target
        if not real.parent.is_dir():
            raise OutputError(
                f"The folder {real.parent} does not exist, so {given} cannot be written. Nothing was written."
            )
        return Target(given, real, False)
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{given} is a folder: give a file name to write to. Nothing was written.")
    if stat.S_ISREG(st.st_mode):
        return Target(given, Path(os.path.realpath(p)) if p.is_symlink() else p, False)
    return Target(given, p, True)


def is_terminal(path: Path | str) -> bool:
    """Whether ``path`` (not ``-``) names a terminal, such as /dev/stdout on a console."""
    if str(path) == STDOUT:
        return False
    try:
        if not stat.S_ISCHR(os.stat(os.path.expanduser(str(path))).st_mode):
            return False  # never opened otherwise: opening and closing a FIFO would end its reader's stream
        fd = os.open(os.path.expanduser(str(path)), os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def umask() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o077)  # no other way to read it here; set back at once
    os.umask(mask)
    return mask


def write(path: Path | str | Target, data: bytes, *, private: bool = False, stdout: BinaryIO | None = None) -> str:
    """Write ``data``; returns how to name where it went ("standard output" or the path)."""
    t = path if isinstance(path, Target) else target(path)
    try:
        if t.path is None:
            stream = stdout or sys.stdout.buffer
            stream.write(data)
            stream.flush()
        elif t.special:
            with open(t.path, "wb") as fh:
                fh.write(data)
        else:
            _replace(t.path, data, 0o600 if private else 0o666 & ~umask())
    except OSError as error:
        raise OutputError(f"Cannot write {t.shown}: {error.strerror or error}.") from None
    return t.shown


def place(t: Target, temporary: Path, *, private: bool) -> None:
    """Put a finished temporary file (same folder as a regular target) at ``t``."""
    try:
        if t.path is not None and not t.special:
            os.chmod(temporary, 0o600 if private else 0o666 & ~umask())
            os.replace(temporary, t.path)
            return
        write(t, temporary.read_bytes(), private=private)
    except OSError as error:
        raise OutputError(f"Cannot write {t.shown}: {error.strerror or error}.") from None
    finally:
        temporary.unlink(missing_ok=True)


def temporary_beside(t: Target) -> Path:
    """A new private temporary file where ``t`` can be renamed from (the
    system's temporary folder for standard output and devices)."""
    folder = t.path.parent if t.path is not None and not t.special else None
    name = t.path.name if t.path is not None else "stdout"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    except OSError as error:
        raise OutputError(f"Cannot write {t.shown}: {error.strerror or error}. Nothing was written.") from None
    os.close(fd)
    return Path(tmp)


def _replace(path: Path, data: bytes, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""Private by default: the data folder is the user's alone (0700), and so are
the database, its WAL and shared memory, the copies kept beside it and the
log (0600), whatever the umask. Files made before this rule are tightened
when they are next opened. Exports are not touched: they follow the umask,
being meant to be shared. On Windows the folder's ACL already does this.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

from followup.errors import StoreError

log = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
POSIX = sys.platform != "win32"


def private_dir(folder: Path) -> None:
    """Make the data folder (0700 for the folder itself), or tighten the one
    there; raises StoreError with a sentence when it cannot be made."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    except FileExistsError:
        raise StoreError(f"The data folder {folder} is a file, not a folder: choose another one.") from None
    except OSError as error:
        raise StoreError(
            f"The data folder {folder} cannot be created ({error.strerror or error}): "
            "choose another one with --data-dir or FOLLOWUP_DATA_DIR."
        ) from None
    if not folder.is_dir():
        raise StoreError(f"The data folder {folder} is not a folder: choose another one.")
    if POSIX:
        _tighten_dir(folder)


def _tighten_dir(folder: Path) -> None:
    try:
        st = folder.stat()
        shared = st.st_mode & stat.S_ISVTX or folder.resolve() == Path.home().resolve()
        if shared or st.st_uid != os.getuid() or not st.st_mode & 0o077:
            return  # /tmp and the like, someone else's folder, or private already
        folder.chmod(DIR_MODE)
    except OSError as error:
        log.debug("cannot make %s private: %s", folder, error)


def private_file(path: Path) -> None:
    """Take away group's and others' access to a file of ours (no-op when absent).
    Only changes the mode: the file is never opened (see store/connection.py)."""
    if not POSIX:
        return
    try:
        st = os.stat(path)
        if stat.S_ISREG(st.st_mode) and st.st_mode & 0o077 and st.st_uid == os.getuid():
            os.chmod(path, FILE_MODE)
    except FileNotFoundError:
        return
    except OSError as error:
        log.debug("cannot make %s private: %s", path, error)


def create_private(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 if it does not exist; False if it did."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0), FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True

"""Reading an input file given on the command line or picked in a dialog.

Only a regular file (or ``-``, standard input) is read, and never more than a
limit: a FIFO nobody writes to would hang, /dev/zero would fill the memory.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from followup.errors import FollowupError

STDIN = "-"
DEFAULT_LIMIT = 512 * 1024 * 1024  # bytes: far past any address book, calendar or note


class InputError(FollowupError):
    """An input file that cannot be read."""


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024):,} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"


def read(path: Path | str, *, limit: int | None = None, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of ``path`` (``-``: standard input), or InputError in one sentence."""
    limit = DEFAULT_LIMIT if limit is None else limit
    given = str(path)
    if given == STDIN:
        data = (stdin or sys.stdin.buffer).read(limit + 1)
        if len(data) > limit:
            raise InputError(f"Standard input is larger than {_size(limit)}: that is more than Followup reads.")
        return data
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (checked right after).
        fd = os.open(os.path.expanduser(given), os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise InputError(f"Cannot read {given}: {error.strerror or error}.") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{given} is a folder, not a file.")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"{given} is not a regular file (a pipe or a device?): give a file, or - for standard input."
            )
        if st.st_size > limit:
            raise InputError(f"{given} is larger than {_size(limit)}: that is more than Followup reads.")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise InputError(f"Cannot read {given}: {error.strerror or error}.") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise InputError(f"{given} is larger than {_size(limit)}: that is more than Followup reads.")
    return data

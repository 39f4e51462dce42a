"""Logging: a log file in the data folder (rotated at start-up), warnings to stderr.

Rotation happens once at start-up with plain renames instead of through
``logging.handlers.RotatingFileHandler``: that module pulls in socket, pickle
and queue, 12 ms on the window's start-up path, for a desktop app's log that
grows by kilobytes a day.
"""

from __future__ import annotations

import logging
from pathlib import Path

from followup import privacy
from followup.errors import StoreError

MAX_BYTES = 1_000_000
KEEP = 3


def rotate(log_file: Path) -> None:
    """followup.log -> .1 -> .2 -> .3 when it has grown past MAX_BYTES."""
    try:
        if not log_file.exists() or log_file.stat().st_size < MAX_BYTES:
            return
        for n in range(KEEP - 1, 0, -1):
            older = log_file.with_name(f"{log_file.name}.{n}")
            if older.exists():
                older.replace(log_file.with_name(f"{log_file.name}.{n + 1}"))
        log_file.replace(log_file.with_name(f"{log_file.name}.1"))
    except OSError as error:
        logging.getLogger(__name__).warning("cannot rotate %s: %s", log_file, error)


def configure_logging(log_file: Path | None, *, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("followup: %(levelname)s: %(message)s"))
    root.addHandler(console)
    if log_file is None:
        return
    try:
        privacy.private_dir(log_file.parent)
        rotate(log_file)
        # the log is the user's alone (0600), made so before the first line is written
        if not privacy.create_private(log_file):
            privacy.private_file(log_file)
        for n in range(1, KEEP + 1):
            privacy.private_file(log_file.with_name(f"{log_file.name}.{n}"))
        handler = logging.FileHandler(log_file, encoding="utf-8", delay=True)
    except (OSError, StoreError) as error:
        # Said only with --verbose: a data folder that cannot be written is
        # told to the user once, in a sentence, by the store that needs it.
        root.debug("cannot write the log file %s: %s", log_file, error)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)

"""Serialised events kept on disk between runs (the cache of event_cache.py).

icalendar's serialiser costs ~0.45 ms per event, 15 s for the 34,000 open
follow-ups of a 100,000-contact database, while putting together bytes that
are already serialised takes 0.2 s. A full `export-ics` (and the live file's
first write after a start) keeps what it serialised in a file of its own, so
the next run serialises only the events whose content changed.

What makes it safe:
- the key of an event is a digest (BLAKE2b, 128 bits) of everything that goes
  into it (the rows it is made of, the mode, the organiser: event_cache.py);
  the file also records a digest of the code that makes events
  (:func:`code_version`): a file written by other code is not used at all;
- the file ends with a CRC-32 of all of it: a file cut short, damaged or not
  ours is ignored (read as empty) and written again; a cache can cost time,
  never change the output;
- it is private (0600, in the data folder, which is 0700), beside the
  database but never inside it, so a backup (the database alone) never
  carries it; it holds event text (what the .ics holds), never a password;
- it is replaced atomically (a temporary file renamed over it), so a second
  process reading at the same time reads the old file or the new one whole,
  and two writing at once leave one of their two complete files;
- its size is bounded: each file holds the events of the last file made (one
  export, or one live file), and nothing over :data:`MAX_BYTES` is written;
- a folder that cannot be written (read-only, full) only means no cache:
  the export goes on, and says nothing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import struct
import tempfile
import zlib
from pathlib import Path

log = logging.getLogger(__name__)

MAGIC = b"FOLLOWUP-ICS-EVENTS\n"
FORMAT = 1
MAX_BYTES = 256 * 1024 * 1024  # 34,000 events are 33 MB: room for several times that
_HEAD = struct.Struct("<16sI")  # code version, entries
_ENTRY = struct.Struct("<16sII")  # key digest, octets before the time stamp, after it
_CRC = struct.Struct("<I")

Entries = dict[bytes, tuple[bytes, bytes]]  # key digest -> VEVENT bytes before and after its DTSTAMP line


def _code_version() -> bytes:
    """A digest of what decides an event's bytes and its key: this format,
    the app's and icalendar's versions and the source of the modules that
    make events and keys (when they can be read; a frozen build has its
    version)."""
    import icalendar

    from followup import __version__
    from followup.calendar import event_cache, events, export, icalendar_fold, open_events

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{FORMAT}|{__version__}|{icalendar.__version__}".encode())
    modules = [event_cache, events, export, icalendar_fold, open_events]
    for name, file in [(m.__name__, m.__file__) for m in modules] + [(__name__, __file__)]:
        try:
            h.update(Path(str(file)).read_bytes())
        except OSError:
            h.update(name.encode())
    return h.digest()


_version: bytes | None = None


def code_version() -> bytes:
    global _version
    if _version is None:
        _version = _code_version()
    return _version


def digest(key: object) -> bytes:
    """The key of an event on disk: its content key (tuples of text, numbers
    and None) pickled, hashed. Pickle writes every value whole, so equal bytes
    mean equal keys; it is 40% cheaper than ``repr`` on these keys (a second
    pickle of an equal key could differ only where one object appears twice,
    which costs a miss, never a wrong hit)."""
    return hashlib.blake2b(pickle.dumps(key, protocol=5), digest_size=16).digest()


def cache_path(database: Path, purpose: str) -> Path:
    """Beside the database, one file per purpose ("export", "live")."""
    return database.with_name(f"{database.name}.{purpose}-events.cache")


def load(path: Path) -> Entries:
    """The entries of the file; empty when it is missing, damaged, cut short,
    not ours or written by other code."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    try:
        return _parse(data)
    except (ValueError, struct.error) as error:
        log.info("calendar cache %s not used (%s): it will be written again", path, error)
        return {}


def _parse(data: bytes) -> Entries:
    if not data.startswith(MAGIC):
        raise ValueError("not a cache of serialised events")
    body_end = len(data) - _CRC.size
    if body_end < len(MAGIC) + _HEAD.size or _CRC.unpack_from(data, body_end)[0] != zlib.crc32(
        memoryview(data)[:body_end]
    ):
        raise ValueError("damaged or cut short")
    version, count = _HEAD.unpack_from(data, len(MAGIC))
    if version != code_version():
        raise ValueError("written by another version")
    at = len(MAGIC) + _HEAD.size
    index_end = at + count * _ENTRY.size
    pos = index_end
    entries: Entries = {}
    for key, before, after in _ENTRY.iter_unpack(data[at:index_end]):
        mid, end = pos + before, pos + before + after
        entries[key] = (data[pos:mid], data[mid:end])
        pos = end
    if pos != body_end:
        raise ValueError("sizes do not add up")
    return entries


def save(path: Path, entries: Entries) -> bool:
    """Replace the file with ``entries``; False (and nothing changed) when it
    cannot be written or would be too big."""
    size = sum(len(a) + len(b) for a, b in entries.values())
    if size > MAX_BYTES:
        log.info("calendar cache not written: %d octets is over the limit", size)
        return False
    index = b"".join(_ENTRY.pack(key, len(a), len(b)) for key, (a, b) in entries.items())
    parts = [MAGIC, _HEAD.pack(code_version(), len(entries)), index]
    for a, b in entries.values():
        parts += (a, b)
    data = b"".join(parts)
    data += _CRC.pack(zlib.crc32(data))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{path.name}.", suffix=".tmp", dir=path.parent)  # 0600
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError as error:
        log.info("calendar cache %s not written: %s", path, error)
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass

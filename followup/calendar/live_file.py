"""The live calendar file: one .ics with every open follow-up, kept current.

The user picks a path (for example in a synced folder) and subscribes to it
from their calendar app. The app calls :func:`refresh` after every change;
the file is replaced atomically, so a subscriber never reads half a file.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from followup.calendar.event_cache import EventCache
from followup.calendar.events import open_follow_up_events
from followup.calendar.export import Mode, Organizer, write_atomically
from followup.preferences import Preferences

if TYPE_CHECKING:
    from followup.store import Store

log = logging.getLogger(__name__)
SETTING = "calendar_live_file"  # the path, or "" / absent for off
CALENDAR_NAME = "Followup: open follow-ups"


def live_path(store: Store) -> Path | None:
    value = store.settings.get(SETTING)
    return Path(value).expanduser() if isinstance(value, str) and value.strip() else None


def set_live_path(store: Store, path: Path | str | None) -> None:
    store.settings.set(SETTING, str(path) if path else "")


# The file is written again after every change: the events whose content did
# not change are not serialised again (one cache per database file).
_CACHES: dict[Path, EventCache] = {}


def cache_for(store: Store) -> EventCache:
    key = Path(store.path).resolve()
    if key not in _CACHES:
        _CACHES.clear()  # one database at a time in practice: never grow
        _CACHES[key] = EventCache()
    return _CACHES[key]


def render(store: Store, prefs: Preferences | None = None) -> bytes:
    prefs = prefs or Preferences.load(store)
    events = open_follow_up_events(store, user_tz=prefs.user_tz)
    return cache_for(store).serialise(
        events, Mode.PUBLISH, Organizer.of(prefs), store.clock.now(), name=CALENDAR_NAME, live=True
    )


def serialise_uncached(store: Store, prefs: Preferences | None = None) -> bytes:
    """The live file as the serialiser writes it from scratch (for checks)."""
    from followup.calendar.export import serialise

    prefs = prefs or Preferences.load(store)
    events = open_follow_up_events(store, user_tz=prefs.user_tz)
    return serialise(events, Mode.PUBLISH, Organizer.of(prefs), store.clock.now(), name=CALENDAR_NAME, live=True)


def refresh(store: Store, prefs: Preferences | None = None) -> Path | None:
    """Rewrite the live file if one is set; returns its path (None when off).

    Raises OSError when the folder cannot be written, so the caller can tell
    the user (once) instead of failing silently at every change.
    """
    path = live_path(store)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, render(store, prefs))
    log.debug("live calendar file rewritten: %s", path)
    return path

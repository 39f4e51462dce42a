"""The live calendar file: one .ics with the open follow-ups, kept current.

The user picks a path (for example in a synced folder) and subscribes to it
from their calendar app. The app calls :func:`refresh` after every change
(and every hour: the window moves); the file is replaced atomically, so a
subscriber never reads half a file.

The file holds the open follow-ups that wake from a day ago to a year ahead
(:data:`DAYS_BACK`, :data:`DAYS_AHEAD`), not all of them: a subscribed
calendar is where people look at today and what is coming; every overdue
follow-up is in Today (and its reminders), and done ones already leave the
calendar. At 100,000 contacts the demo has 34,000 open follow-ups, 30,000 of
them overdue by more than a day: all of them made a 33 MB file that each
subscribed calendar fetched whole at every refresh, and that took 2.2 s (CPU)
to read and write again after each change; the window (3,600 events, 3.5 MB)
keeps what is read and written proportional to what a calendar shows: 185 ms
after a change (bench/README.md, bench_ics_scale.py).
`export-ics` still writes every open follow-up.

Writing it again reads the window's rows and serialises only the events
whose rows changed (open_events.py, event_cache.py, keyed on the rows
themselves); the first write after a start finds the events of the last run
on disk (event_file.py).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from followup.calendar import open_events
from followup.calendar.event_cache import EventCache
from followup.calendar.events import open_follow_up_events
from followup.calendar.export import Mode, Organizer, write_atomically
from followup.calendar.live_setting import SETTING as SETTING  # re-exported: the setting is read from here too
from followup.calendar.live_setting import live_path as live_path
from followup.calendar.live_setting import set_live_path as set_live_path
from followup.preferences import Preferences

if TYPE_CHECKING:
    from followup.store import Store

log = logging.getLogger(__name__)
CALENDAR_NAME = "Followup: open follow-ups"
DAYS_BACK = 1  # what came due since this time yesterday is still shown where it was due
DAYS_AHEAD = 365


PURPOSE = "live"  # its cache of serialised events (open_events.py)


def cache_for(store: Store) -> EventCache:
    """The file is written again after every change: the events whose content
    did not change are not serialised again (one cache per database file)."""
    return open_events.cache_for(store, PURPOSE)


def window(now: datetime) -> tuple[datetime, datetime]:
    """The wake times the file holds: [start, end)."""
    return now - timedelta(days=DAYS_BACK), now + timedelta(days=DAYS_AHEAD)


def render(store: Store, prefs: Preferences | None = None) -> bytes:
    prefs = prefs or Preferences.load(store)
    now = store.clock.now()
    data, _ = open_events.render(store, prefs, PURPOSE, now, name=CALENDAR_NAME, live=True, waking=window(now))
    return data


def serialise_uncached(store: Store, prefs: Preferences | None = None) -> bytes:
    """The live file as the serialiser writes it from scratch (for checks)."""
    from followup.calendar.export import serialise

    prefs = prefs or Preferences.load(store)
    now = store.clock.now()
    events = open_follow_up_events(store, user_tz=prefs.user_tz, waking=window(now))
    return serialise(events, Mode.PUBLISH, Organizer.of(prefs), now, name=CALENDAR_NAME, live=True)


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

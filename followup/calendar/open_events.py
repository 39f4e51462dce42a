"""Calendar files of open follow-ups made through the cache of serialised events.

Both the live file (its window) and a full `export-ics` (every open
follow-up) read the rows, key each event on the rows it is made of, and
compose and serialise only the events the cache does not hold
(event_cache.py, in memory; event_file.py, on disk between runs). The bytes
are exactly what `export.serialise` writes from the composed events.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from followup import collector_pause
from followup.calendar import event_file
from followup.calendar.event_cache import EventCache
from followup.calendar.events import EventData, database_id, follow_up_event, open_follow_up_rows
from followup.calendar.export import Mode, Organizer
from followup.preferences import Preferences
from followup.timeutil import zone

if TYPE_CHECKING:
    from followup.store import Store

Keyed = list[tuple[Hashable, Callable[[], EventData]]]

# One cache per purpose ("live", "export") for the database in use: events
# stay serialised while the process runs, and on disk beside the database.
_CACHES: dict[tuple[Path, str], EventCache] = {}


def cache_for(store: Store, purpose: str) -> EventCache:
    database = Path(store.path).resolve()
    key = (database, purpose)
    if key not in _CACHES:
        for old in [k for k in _CACHES if k[0] != database]:
            _CACHES.pop(old, None)  # one database at a time in practice: never grow
        _CACHES[key] = EventCache(event_file.cache_path(database, purpose))
    return _CACHES[key]


def keyed_rows(store: Store, prefs: Preferences, waking: tuple[datetime, datetime] | None = None) -> Keyed:
    """Every open follow-up (waking in ``waking``) as (key, make): the key is
    the rows the event is made of, ``make()`` composes it. (Tens of thousands
    of rows, keys and closures, none in a cycle: the collector paused.)"""
    with collector_pause.paused():
        keyed: Keyed = []
        tz = zone(prefs.user_tz or store.settings.user_zone())
        db_id = database_id(store)
        context = (tz.key, db_id)
        rows, people = open_follow_up_rows(store, waking=waking)
        persons = {cid: (person, person.key()) for cid, person in people.items()}
        for row in rows:
            person, person_key = persons[row[1]]
            keyed.append(((row, person_key, context), partial(follow_up_event, row, person, tz, db_id)))
    return keyed


def render(
    store: Store,
    prefs: Preferences,
    purpose: str,
    now: datetime,
    *,
    name: str,
    live: bool = False,
    waking: tuple[datetime, datetime] | None = None,
) -> tuple[bytes, Keyed]:
    """The PUBLISH file of the open follow-ups, and the keyed rows (their
    ``make()`` gives the events, for a caller that lists them)."""
    keyed = keyed_rows(store, prefs, waking)
    data = cache_for(store, purpose).serialise_keyed(
        keyed, Mode.PUBLISH, Organizer.of(prefs), now, name=name, live=live
    )
    return data, keyed

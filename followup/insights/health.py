"""Relationship health: who is drifting and who is overdue at ``now``.

A contact's days of silence are calendar days in the user's zone; a
temporary table of the UTC instants at which each of the past days began
(local midnight, DST included) turns "more than N days" into a comparison of
stored UTC text, and a day count into one index probe.

The figures (drifting and overdue per kind) are counted from the index of
each kind's silences (``contacts_cadence_clock``: contacts on their kind's
rhythm, by when their silence began): "more than N days" is a range of it.
The few contacts with a rhythm of their own are read one by one. The list
of silences, longest first, is read whole only when asked (exports, the
"Who?" list); the view asks for its first rows of each side (colleagues and
managers, everyone else): each kind's longest silences from the same index,
with every contact silent as long as the last of them (ties are ordered by
name), then ordered exactly as the whole list is.

When the index cannot answer alone (a ``now`` in the past, before someone's
last touch point or before someone was added; a kind this version does not
know) every active contact is read, as the whole list does.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import datetime, time, timedelta
from operator import attrgetter
from zoneinfo import ZoneInfo

from followup.domain import Kind
from followup.insights.figures import Figures, Silence
from followup.planning.promises import Health
from followup.preferences import Preferences
from followup.timeutil import from_db, to_db

KINDS = [k.value for k in Kind]
_OVERDUE, _DRIFTING = Health.OVERDUE.value, Health.DRIFTING.value
_INTERNAL = {k: Kind(k).internal for k in KINDS}
_CLOCK = "coalesce(last_touched_at, created_at)"
# Contacts on their kind's rhythm, by when their silence began (a partial index: the query repeats its terms).
_ON_KIND = f"FROM contacts INDEXED BY contacts_cadence_clock WHERE archived = 0 AND cadence_ideal_days IS NULL AND kind = ? AND {_CLOCK} < ?"
_OWN = "cadence_ideal_days IS NOT NULL OR cadence_limit_days IS NOT NULL"


def _kind(text: str) -> str:
    return text if text in KINDS else Kind.OTHER.value


def health(
    conn: sqlite3.Connection,
    prefs: Preferences,
    now: datetime,
    tz: ZoneInfo,
    overall: Figures,
    by_kind: dict[str, Figures],
    shown: int | None = None,
) -> list[Silence]:
    """Count who is drifting and who is overdue into the figures; return the
    silences, longest first: all of them, or (``shown``) the first ``shown``
    of colleagues and managers and the first ``shown`` of everyone else."""
    known = _kinds_known(conn)
    midnights = _fill_midnights(conn, now, tz, _oldest(conn) if known else None)
    if shown is None or not known or not _nobody_after(conn, now):
        silences = [_silence(row) for row in _rows(conn, prefs, now, midnights)]
        _count(((s.kind, s.health == _OVERDUE) for s in silences), overall, by_kind)
        _sort(silences)
        return silences if shown is None else first_of_each_side(silences, shown)
    counts = _count_on_kind(conn, prefs, midnights)
    # The contacts with a rhythm of their own, and each kind's longest silences.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS insights_candidates (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.insights_candidates")
    conn.execute(
        f"INSERT INTO temp.insights_candidates SELECT id FROM contacts INDEXED BY contacts_own_rhythm WHERE {_OWN}"
    )
    for kind in KINDS:
        ideal = prefs.cadences.get(kind, prefs.cadence_for(Kind.OTHER))[0]
        if ideal >= len(midnights):
            continue  # nobody has been silent that long
        bound = midnights[ideal]
        last = conn.execute(
            f"SELECT {_CLOCK} {_ON_KIND} ORDER BY {_CLOCK} LIMIT 1 OFFSET ?", (kind, bound, shown - 1)
        ).fetchone()
        if last is not None:  # everyone silent as long as the last shown (days >= d: before midnight d - 1)
            bound = midnights[_days(midnights, last[0]) - 1]
        conn.execute(f"INSERT OR IGNORE INTO temp.insights_candidates SELECT id {_ON_KIND}", (kind, bound))
    silences = []
    for row in _rows(conn, prefs, now, midnights, candidates=True):
        silence = _silence(row)
        silences.append(silence)
        own_ideal, own_limit, clock = row[-3:]
        if own_ideal:  # not on the kind's index: counted here
            counts[silence.kind, silence.health == _OVERDUE] += 1
        elif own_limit:  # on the kind's index, counted with the kind's limit there: counted again with its own
            default_limit = prefs.cadences.get(silence.kind, prefs.cadence_for(Kind.OTHER))[1]
            counts[silence.kind, default_limit < len(midnights) and clock < midnights[default_limit]] -= 1
            counts[silence.kind, silence.health == _OVERDUE] += 1
    _add(counts, overall, by_kind)
    _sort(silences)
    return first_of_each_side(silences, shown)


def first_of_each_side(silences: list[Silence], shown: int) -> list[Silence]:
    """The first ``shown`` internal and the first ``shown`` external silences, in their order."""
    taken = {True: 0, False: 0}
    first = []
    for s in silences:
        if taken[s.internal] < shown:
            taken[s.internal] += 1
            first.append(s)
    return first


def _nobody_after(conn: sqlite3.Connection, now: datetime) -> bool:
    """Whether nobody was touched or added after ``now`` (then every active
    contact's silence is the kind index's)."""
    at = to_db(now)
    latest = conn.execute(
        "SELECT (SELECT max(last_touched_at) FROM contacts), (SELECT max(created_at) FROM contacts)"
    ).fetchone()
    return not any(value is not None and value > at for value in latest)


def _kinds_known(conn: sqlite3.Connection) -> bool:
    """Whether every contact on a kind's rhythm has a kind this version knows
    (each gap between known kinds is an empty range of the index)."""
    known = sorted(KINDS)
    gaps = ["kind < ?", *("kind > ? AND kind < ?" for _ in known[1:]), "kind > ?"]
    params = [known[0], *(k for pair in itertools.pairwise(known) for k in pair), known[-1]]
    unknown = " UNION ALL ".join(
        f"SELECT 1 FROM (SELECT 1 FROM contacts INDEXED BY contacts_cadence_clock "
        f"WHERE archived = 0 AND cadence_ideal_days IS NULL AND {gap} LIMIT 1)"
        for gap in gaps
    )
    return conn.execute(unknown, params).fetchone() is None


def _oldest(conn: sqlite3.Connection) -> str | None:
    """The oldest last touch or creation of an active contact: each kind's
    first in its index, and those with an ideal of their own."""
    firsts = [
        conn.execute(
            f"SELECT min({_CLOCK}) FROM contacts INDEXED BY contacts_cadence_clock "
            "WHERE archived = 0 AND cadence_ideal_days IS NULL AND kind = ?",
            (kind,),
        ).fetchone()[0]
        for kind in KINDS
    ]
    firsts.append(
        conn.execute(
            f"SELECT min({_CLOCK}) FROM contacts INDEXED BY contacts_own_rhythm WHERE ({_OWN}) AND archived = 0"
        ).fetchone()[0]
    )
    present = [first for first in firsts if first is not None]
    return min(present) if present else None


def _count_on_kind(conn: sqlite3.Connection, prefs: Preferences, midnights: list[str]) -> dict[tuple[str, bool], int]:
    """(kind, overdue) -> contacts on their kind's rhythm: past the ideal
    (before the midnight that began day ``ideal``), of those past the limit."""
    counts: dict[tuple[str, bool], int] = defaultdict(int)
    for kind in KINDS:
        ideal, limit = prefs.cadences.get(kind, prefs.cadence_for(Kind.OTHER))
        if ideal >= len(midnights):
            continue
        past = conn.execute(f"SELECT count(*) {_ON_KIND}", (kind, midnights[ideal])).fetchone()[0]
        overdue = 0
        if past and limit < len(midnights):
            bound = min(midnights[ideal], midnights[limit])
            overdue = conn.execute(f"SELECT count(*) {_ON_KIND}", (kind, bound)).fetchone()[0]
        counts[kind, True] += overdue
        counts[kind, False] += past - overdue
    return counts


def _count(healths: Iterable[tuple[str, bool]], overall: Figures, by_kind: dict[str, Figures]) -> None:
    counts: dict[tuple[str, bool], int] = defaultdict(int)
    for key in healths:
        counts[key] += 1
    _add(counts, overall, by_kind)


def _add(counts: Mapping[tuple[str, bool], int], overall: Figures, by_kind: dict[str, Figures]) -> None:
    for (kind, overdue), n in counts.items():
        for figures in (overall, by_kind[kind]):
            if overdue:
                figures.overdue_contacts += n
            else:
                figures.drifting_contacts += n


def _days(midnights: list[str], clock: str) -> int:
    """The days of silence of a contact silent since ``clock``: the first day
    whose midnight lies at or before it (midnights run back from today)."""
    low, high = 0, len(midnights)
    while low < high:
        middle = (low + high) // 2
        if midnights[middle] <= clock:
            high = middle
        else:
            low = middle + 1
    return low


def _cadence_case(column: str, cadences: Mapping[str, tuple[object, object]], index: int) -> tuple[str, list[object]]:
    whens = " ".join("WHEN ? THEN ?" for _ in cadences)
    params: list[object] = []
    for kind, pair in cadences.items():
        params += [kind, pair[index]]
    return f"CASE {column} {whens} ELSE ? END" if cadences else "?", params


Row = tuple[int, str, str, int, int, int, int, int, int, str]


def _rows(
    conn: sqlite3.Connection, prefs: Preferences, now: datetime, midnights: list[str], *, candidates: bool = False
) -> list[Row]:
    """Each drifting or overdue contact (of the candidates, or of everyone
    active): id, name, kind, never touched, ideal, limit, days; whether
    its ideal and its limit are its own; when its silence began."""
    default = prefs.cadence_for(Kind.OTHER)
    ideal_case, ideal_params = _cadence_case("c.kind", prefs.cadences, 0)
    limit_case, limit_params = _cadence_case("c.kind", prefs.cadences, 1)
    at = to_db(now)

    def begun(days: int) -> str | None:
        # A threshold beyond the oldest day is missing (NULL), and rightly
        # excludes everyone: nobody has been silent that long.
        return midnights[days] if days < len(midnights) else None

    # Each kind's threshold read once here, not once per contact.
    threshold_case, threshold_params = _cadence_case(
        "c.kind", {k: (begun(pair[0]), None) for k, pair in prefs.cadences.items()}, 0
    )
    source = "temp.insights_candidates x CROSS JOIN contacts c ON c.id = x.id" if candidates else "contacts c"
    # last_touched_at is the latest touch point ever; only when it lies after
    # :now (a --now in the past) is the latest one up to :now looked up.
    return conn.execute(
        f"""WITH active AS (
              SELECT c.id, c.name, c.kind, c.created_at, c.cadence_ideal_days, c.cadence_limit_days,
                     CASE WHEN c.last_touched_at IS NULL OR c.last_touched_at <= ? THEN c.last_touched_at
                          ELSE (SELECT max(t.at_utc) FROM touch_points t
                                WHERE t.contact_id = c.id AND t.at_utc <= ?) END AS last,
                     coalesce(c.cadence_ideal_days, {ideal_case}) AS ideal,
                     coalesce(c.cadence_limit_days, {limit_case}) AS lim,
                     CASE WHEN c.cadence_ideal_days IS NULL THEN {threshold_case}
                          ELSE (SELECT m.utc FROM temp.insights_midnights m WHERE m.days = c.cadence_ideal_days)
                     END AS threshold
              FROM {source} WHERE c.archived = 0 AND c.created_at <= ?)
            SELECT id, name, kind, last IS NULL, ideal, lim,
                   (SELECT m.days FROM temp.insights_midnights m WHERE m.utc <= coalesce(last, created_at)
                    ORDER BY m.utc DESC LIMIT 1) AS days,
                   cadence_ideal_days IS NOT NULL, cadence_limit_days IS NOT NULL, coalesce(last, created_at)
            FROM active
            -- more than `ideal` days: before the local midnight that began day today - ideal (threshold)
            WHERE coalesce(last, created_at) < threshold""",
        [at, at, *ideal_params, default[0], *limit_params, default[1], *threshold_params, begun(default[0]), at],
    ).fetchall()


def _silence(row: Row) -> Silence:
    contact_id, name, kind, never, ideal, limit, days = row[:7]
    kind = _kind(kind)
    return Silence(
        contact_id,
        name,
        kind,
        days,
        bool(never),
        ideal,
        limit,
        _OVERDUE if days > limit else _DRIFTING,
        _INTERNAL[kind],
    )


def _sort(silences: list[Silence]) -> None:
    # Longest silence first, then by name, then as added (by id): stable
    # sorts on simple keys (a tuple key per contact cost twice as much at
    # 30,000 silences; the rows mostly come by id already, a linear pass).
    silences.sort(key=_contact_id)
    silences.sort(key=_lower_name)
    silences.sort(key=_by_days, reverse=True)


def _lower_name(s: Silence) -> str:
    return s.name.lower()


_by_days = attrgetter("days")
_contact_id = attrgetter("contact_id")


def _fill_midnights(conn: sqlite3.Connection, now: datetime, tz: ZoneInfo, oldest: str | None) -> list[str]:
    """temp.insights_midnights: for each past day (0 = today) back to the
    oldest active contact's last touch or creation (``oldest``, or read here
    when None), the UTC instant at which it began on the user's wall clock.
    Returned too, by day."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS insights_midnights (utc TEXT PRIMARY KEY, days INTEGER NOT NULL) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS temp.insights_midnights_days ON insights_midnights(days)")
    conn.execute("DELETE FROM temp.insights_midnights")
    if oldest is None:
        oldest = conn.execute(
            "SELECT min(coalesce(last_touched_at, created_at)) FROM contacts WHERE archived = 0"
        ).fetchone()[0]
    today = now.astimezone(tz).date()
    first = min(today, from_db(oldest).astimezone(tz).date()) if oldest else today
    # A threshold beyond the oldest day is missing, and rightly excludes
    # everyone: nobody has been silent that long.
    span = max((today - first).days, 1) + 1
    midnight = time()
    midnights = [to_db(datetime.combine(today - timedelta(days=k), midnight, tzinfo=tz)) for k in range(span + 1)]
    conn.executemany(
        "INSERT OR IGNORE INTO temp.insights_midnights (utc, days) VALUES (?, ?)",
        ((utc, k) for k, utc in enumerate(midnights)),
    )
    return midnights

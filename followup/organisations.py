"""Organisations as something to look at: everyone there, the last touch
point with each, and whether all recent contact went through one person.

An organisation is the text in the contacts' organisation field, matched
without regard to case, accents' case or surrounding spaces ("ACME ", "Acme"
are one). Qt-free; the clock comes in as ``now``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from followup.store import Store
from followup.timeutil import from_db, to_db

RECENT_DAYS = 90  # "recent contact" for the one-person warning


def key(name: str) -> str:
    """How two spellings of one organisation are recognised as one."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class Member:
    """A contact at an organisation, with their last touch point."""

    contact_id: int
    name: str
    title: str
    kind: str
    archived: bool
    last_at: datetime | None  # the last touch point up to now, if any
    last_summary: str
    last_channel: str
    recent: int  # touch points in the recent window


@dataclass(frozen=True, slots=True)
class Organisation:
    """Everyone at an organisation, and who recent contact went through."""

    name: str  # as most of its people spell it (the first spelling on a tie)
    members: list[Member]  # the most recently touched first, never-touched last
    recent_days: int
    recent: int  # touch points with anyone there in the recent window

    @property
    def through_one(self) -> Member | None:
        """The one person all recent contact went through, if it did (and there was some)."""
        touched = [m for m in self.members if m.recent]
        return touched[0] if len(touched) == 1 else None


def names(store: Store) -> list[tuple[str, int]]:
    """Every organisation with its number of (unarchived) people, by name."""
    counts: dict[str, tuple[str, int]] = {}
    for (org,) in store.conn.execute(
        "SELECT organisation FROM contacts WHERE archived = 0 AND trim(coalesce(organisation, '')) != ''"
    ):
        shown, count = counts.get(key(org), (" ".join(org.split()), 0))
        counts[key(org)] = (shown, count + 1)
    return sorted(counts.values(), key=lambda pair: pair[0].casefold())


def organisation(store: Store, name: str, now: datetime, recent_days: int = RECENT_DAYS) -> Organisation:
    """Everyone at ``name`` (archived people too, marked), with their last touch
    point up to ``now`` and how many they had in the last ``recent_days``."""
    wanted = key(name)
    rows = [
        r
        for r in store.conn.execute(
            "SELECT id, name, coalesce(title, ''), kind, archived, organisation FROM contacts "
            "WHERE trim(coalesce(organisation, '')) != ''"
        )
        if key(r[5]) == wanted
    ]
    spellings = [" ".join(r[5].split()) for r in rows]
    # the most common spelling; on a tie, the first given
    shown = (
        max(spellings, key=lambda s: (spellings.count(s), -spellings.index(s))) if spellings else " ".join(name.split())
    )
    ids = [r[0] for r in rows]
    at, since = to_db(now), to_db(now - timedelta(days=recent_days))
    last: dict[int, tuple[str, str, str]] = {}
    recent: dict[int, int] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        marks = ", ".join("?" * len(chunk))
        for cid, when, summary, channel in store.conn.execute(
            f"""SELECT t.contact_id, t.at_utc, t.summary, t.channel FROM touch_points t
                WHERE t.contact_id IN ({marks}) AND t.at_utc = (
                    SELECT max(u.at_utc) FROM touch_points u WHERE u.contact_id = t.contact_id AND u.at_utc <= ?)""",
            [*chunk, at],
        ):
            last[cid] = (when, summary, channel)
        for cid, count in store.conn.execute(
            f"""SELECT contact_id, count(*) FROM touch_points
                WHERE contact_id IN ({marks}) AND at_utc > ? AND at_utc <= ? GROUP BY contact_id""",
            [*chunk, since, at],
        ):
            recent[cid] = count
    members = [
        Member(
            cid,
            person,
            title,
            kind,
            bool(archived),
            from_db(last[cid][0]) if cid in last else None,
            last[cid][1] if cid in last else "",
            last[cid][2] if cid in last else "",
            recent.get(cid, 0),
        )
        for cid, person, title, kind, archived, _org in rows
    ]
    members.sort(key=lambda m: (m.last_at is None, -(m.last_at.timestamp() if m.last_at else 0), m.name.casefold()))
    return Organisation(shown, members, recent_days, sum(recent.values()))

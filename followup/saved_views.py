"""Saved views: a contact filter kept by name (issue 15).

A view combines the text filter (followup.matching, the one rule for finding
a contact) with a kind, a tag, an organisation, how the contact is doing
(drifting, overdue: as Insights counts them), whether a reply is owed, and
when they were last touched. ``compile_view`` turns the criteria into a
``ViewFilter`` once (one SQL query for what only the database knows, a set
of ids); selecting from 100,000 in-memory rows is then one list comprehension
per criterion, as the contacts list filters as one types.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from followup import matching
from followup.domain import ContactRow, Kind
from followup.errors import ValidationError
from followup.people_dates import check as check_date
from followup.planning.schedule import local_at
from followup.timeutil import to_db

if TYPE_CHECKING:
    from followup.preferences import Preferences
    from followup.store import Store

_RELATIVE = re.compile(r"^(\d{1,4})\s*(d|w|m|y)$", re.IGNORECASE)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


@dataclass(frozen=True, slots=True)
class Criteria:
    """What a view shows. Empty or False means "any"."""

    text: str = ""  # the contact filter's words (names, organisation, emails, phones, tags, notes)
    kind: Kind | None = None
    tag: str = ""
    organisation: str = ""
    drifting: bool = False  # past their ideal rhythm, not yet its limit
    overdue: bool = False  # past the limit of their rhythm
    needs_reply: bool = False  # a reply promised to them is still open
    touched_before: str = ""  # "2026-01-31", or "90d" / "12w" / "6m" / "1y" ago; never touched counts
    touched_after: str = ""  # the same forms; on or after

    @property
    def empty(self) -> bool:
        return self == Criteria()

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v not in ("", False, None)}
        if self.kind is not None:
            data["kind"] = self.kind.value
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Criteria:
        """Criteria from the database: anything unreadable is left out, never fatal."""
        try:
            data = json.loads(text)
        except (TypeError, ValueError, RecursionError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = data.get(f.name)
            if f.name == "kind":
                values["kind"] = Kind(value) if value in {k.value for k in Kind} else None
            elif (isinstance(value, str) and f.type == "str") or (isinstance(value, bool) and f.type == "bool"):
                values[f.name] = value
        return cls(**values)

    def cleaned(self, today: date) -> Criteria:
        """The same criteria, checked: ValidationError with a sentence if a date is no date."""
        for label, value in (("Last touched before", self.touched_before), ("Last touched after", self.touched_after)):
            if value.strip():
                day_of(value, today, label)
        return replace(
            self,
            text=self.text.strip(),
            tag=self.tag.strip().lstrip("#"),
            organisation=self.organisation.strip(),
            touched_before=self.touched_before.strip(),
            touched_after=self.touched_after.strip(),
        )

    def describe(self) -> str:
        """One line a person reads: "Clients · tag vip · overdue · touched before 90d"."""
        parts = []
        if self.text:
            parts.append(f"“{self.text}”")
        if self.kind is not None:
            parts.append(self.kind.label + "s" if self.kind is not Kind.OTHER else "Others")
        if self.tag:
            parts.append(f"tag {self.tag}")
        if self.organisation:
            parts.append(f"at {self.organisation}")
        health = [w for w, on in (("drifting", self.drifting), ("overdue", self.overdue)) if on]
        if health:
            parts.append(" or ".join(health))
        if self.needs_reply:
            parts.append("needs a reply")
        if self.touched_before:
            parts.append(f"last touched before {_shown_day(self.touched_before)} (or never)")
        if self.touched_after:
            parts.append(f"touched since {_shown_day(self.touched_after)}")
        return " · ".join(parts) or "Everyone"


def _shown_day(value: str) -> str:
    found = _RELATIVE.match(value.strip())
    if not found:
        return value
    n, unit = int(found[1]), found[2].lower()
    word = {"d": "day", "w": "week", "m": "month", "y": "year"}[unit]
    return f"{n} {word}{'s' if n != 1 else ''} ago"


def day_of(value: str, today: date, label: str = "The date") -> date:
    """A day typed as 2026-01-31, or as a time ago: 90d, 12w, 6m, 1y."""
    text = value.strip()
    found = _RELATIVE.match(text)
    if found:
        return today - timedelta(days=int(found[1]) * _UNIT_DAYS[found[2].lower()])
    found = _ISO_DAY.match(text)
    if not found:
        raise ValidationError(
            f"{label}: {text!r} is not a date. Write it as 2026-01-31, or as a time ago: 90d, 12w, 6m or 1y."
        )
    year, month, day = int(found[1]), int(found[2]), int(found[3])
    try:
        check_date(year, month, day)
    except ValidationError as error:
        raise ValidationError(f"{label}: {error}") from None
    return date(year, month, day)


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """Criteria made ready to select rows: folded words, instants, and the ids
    the database gave for what only it knows (None: that criterion is off)."""

    criteria: Criteria
    query: matching.Query
    tag: str
    organisation: str
    before: str | None  # UTC text: last touched before this (or never)
    after: str | None  # UTC text: last touched at or after this
    ids: frozenset[int] | None

    def accepts(self, row: ContactRow) -> bool:
        return bool(self.select([row]))

    def select(self, rows: Sequence[ContactRow]) -> list[ContactRow]:
        found = list(rows)
        c = self.criteria
        if self.ids is not None:
            ids = self.ids
            found = [r for r in found if r.id in ids]
        if c.kind is not None:
            kind = c.kind
            found = [r for r in found if r.kind == kind]
        if self.tag:
            tag = self.tag
            found = [r for r in found if r.tags and any(matching.fold(t) == tag for t in r.tags)]
        if self.organisation:
            org = self.organisation
            found = [r for r in found if matching.fold(r.organisation.strip()) == org]
        if self.before is not None:
            before = datetime.fromisoformat(self.before)
            found = [r for r in found if r.last_touched_at is None or r.last_touched_at < before]
        if self.after is not None:
            after = datetime.fromisoformat(self.after)
            found = [r for r in found if r.last_touched_at is not None and r.last_touched_at >= after]
        if not self.query.empty:
            found = matching.select(self.query, found)
        return found


def compile_view(store: Store, criteria: Criteria, now: datetime, prefs: Preferences) -> ViewFilter:
    """The filter for ``criteria`` at ``now``: at most two indexed queries."""
    tz = ZoneInfo(prefs.user_tz)
    today = now.astimezone(tz).date()
    c = criteria.cleaned(today)

    def midnight(value: str, label: str) -> str:
        return to_db(local_at(day_of(value, today, label), time(0, 0), tz))

    ids: set[int] | None = None
    if c.drifting or c.overdue:
        ids = health_ids(store, now, prefs, drifting=c.drifting, overdue=c.overdue)
    if c.needs_reply:
        owed = needs_reply_ids(store)
        ids = owed if ids is None else ids & owed
    return ViewFilter(
        c,
        matching.parse(c.text),
        matching.fold(c.tag),
        matching.fold(c.organisation),
        midnight(c.touched_before, "Last touched before") if c.touched_before else None,
        midnight(c.touched_after, "Last touched after") if c.touched_after else None,
        frozenset(ids) if ids is not None else None,
    )


def needs_reply_ids(store: Store) -> set[int]:
    """Contacts owed a reply: an open reply promise (the partial index of open follow-ups)."""
    rows = store.conn.execute("SELECT DISTINCT contact_id FROM follow_ups WHERE status = 'open' AND source = 'reply'")
    return {cid for (cid,) in rows}


def health_ids(store: Store, now: datetime, prefs: Preferences, *, drifting: bool, overdue: bool) -> set[int]:
    """Contacts drifting (past their ideal, not their limit) and/or overdue
    (past their limit), as Insights counts them: days of silence on the user's
    calendar since the last touch point (or since they were added). One scan
    of the contacts in SQL: each rhythm's day count is turned into the UTC
    instant of the local midnight it names (a few distinct values, computed
    here), so a contact is two comparisons of stored UTC text."""
    tz = ZoneInfo(prefs.user_tz)
    today = now.astimezone(tz).date()
    conn = store.conn
    default = prefs.cadence_for(Kind.OTHER)
    days = {d for pair in prefs.cadences.values() for d in pair} | set(default)
    for ideal, limit in conn.execute(
        "SELECT DISTINCT cadence_ideal_days, cadence_limit_days FROM contacts WHERE cadence_ideal_days IS NOT NULL"
    ):
        days |= {d for d in (ideal, limit) if d is not None}
    # more than N days of silence: before the local midnight that began day today - N
    cut_params: list[Any] = []
    for d in sorted(days):
        cut_params += [d, to_db(local_at(today - timedelta(days=d), time(0, 0), tz))]
    cutoff = "CASE {} " + " ".join("WHEN ? THEN ?" for _ in days) + " END"

    def rhythm(index: int) -> tuple[str, list[Any]]:
        whens = " ".join("WHEN ? THEN ?" for _ in prefs.cadences)
        params: list[Any] = [v for kind, pair in prefs.cadences.items() for v in (kind, pair[index])]
        return f"CASE c.kind {whens} ELSE ? END", [*params, default[index]]

    ideal_case, ideal_params = rhythm(0)
    limit_case, limit_params = rhythm(1)
    which, which_params = "", []
    if not (drifting and overdue):
        which = f"AND since {'<' if overdue else '>='} {cutoff.format('lim')}"
        which_params = cut_params
    # one scan (a join on a table of cut-offs had SQLite scan the contacts once per cut-off)
    rows = conn.execute(
        f"""SELECT id FROM (SELECT c.id, coalesce(c.last_touched_at, c.created_at) AS since,
                                   coalesce(c.cadence_ideal_days, {ideal_case}) AS ideal,
                                   coalesce(c.cadence_limit_days, {limit_case}) AS lim
                            FROM contacts c WHERE c.archived = 0)
            WHERE since < {cutoff.format("ideal")} {which}""",
        ideal_params + limit_params + cut_params + which_params,
    )
    return {cid for (cid,) in rows}

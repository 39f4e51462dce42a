"""Likely duplicates: pairs of contacts that share an email address, a phone
number (by its digits, in international or national form) or a name (accents,
case and word order folded away: "José Peña" and "pena, jose").

Never every pair of 100,000 contacts: each contact gives a few normalised keys
(grouped by SQLite for emails and phones) and only contacts that share a key
are paired (blocking). A key shared by more
than ``MAX_BLOCK`` contacts (an office's shared mailbox, a switchboard number,
fifty "John Smith"s) says little about any two of them and is left out, so
the work stays linear in the number of contacts. Pairs the user dismissed are
remembered in the database and never offered again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from followup import matching
from followup.timeutil import to_db

if TYPE_CHECKING:
    from followup.store import Store

MAX_BLOCK = 12
LISTED = 500
_WORD = re.compile(r"\w+")
_MIN_PHONE_DIGITS = 7

EMAIL, PHONE, NAME = "same email", "same phone", "similar name"


@dataclass(frozen=True, slots=True)
class Side:
    """One contact of a likely duplicate pair, as the list shows it."""

    id: int
    name: str
    detail: str  # the organisation, else the first email: tells two "Emma Taylor"s apart


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two contacts that are likely the same person, and why."""

    first: Side  # the lower id
    second: Side
    reasons: tuple[str, ...]  # EMAIL, PHONE, NAME, strongest first

    @property
    def ids(self) -> tuple[int, int]:
        return self.first.id, self.second.id


def name_key(name: str) -> str:
    """The words of a name, folded and sorted; "" for a one-word name (too
    common to say two people are one)."""
    words = _WORD.findall(name.lower() if name.isascii() else matching.fold(name))
    words = sorted(w for w in words if len(w) > 1 or w.isdigit())
    return " ".join(words) if len(words) >= 2 else ""


# Phones are blocked by their last seven digits (in SQL), then two numbers are
# one phone when they share a form matching.phone_keys gives: "+49 30 1234567"
# and "030 1234567", "+972 3 555 1234" and "03-555-1234".
_PHONE_BLOCK = "substr(normalised, -7)"


def _same_phone(entries: list[tuple[int, str]]) -> set[tuple[int, int]]:
    """The pairs of contacts in a block whose numbers are one phone."""
    keys = [(cid, set(matching.phone_keys(number))) for cid, number in entries]
    found = set()
    for i, (a, ka) in enumerate(keys):
        for b, kb in keys[i + 1 :]:
            if a != b and ka & kb:
                found.add((min(a, b), max(a, b)))
    return found


def find(store: Store, *, limit: int = LISTED, max_block: int = MAX_BLOCK) -> list[DuplicatePair]:
    """The likely duplicates, the pairs with the most evidence first; dismissed pairs left out."""
    conn = store.conn
    groups: list[tuple[str, list[int]]] = []
    # emails and phones are grouped by SQLite (C, an index for the emails);
    # only the keys two to max_block contacts share come back
    rows = conn.execute(
        "SELECT group_concat(DISTINCT contact_id) FROM contact_emails GROUP BY address_lower "
        "HAVING count(DISTINCT contact_id) BETWEEN 2 AND ?",
        (max_block,),
    )
    groups += [(EMAIL, [int(i) for i in ids.split(",")]) for (ids,) in rows]
    rows = conn.execute(
        f"""SELECT group_concat(contact_id || char(31) || number, char(30)) FROM contact_phones
            WHERE length(normalised) >= {_MIN_PHONE_DIGITS} GROUP BY {_PHONE_BLOCK}
            HAVING count(DISTINCT contact_id) BETWEEN 2 AND ?""",
        (max_block,),
    )
    for (joined,) in rows:
        entries = [(int(cid), number) for cid, number in (e.split("\x1f", 1) for e in joined.split("\x1e"))]
        groups += [(PHONE, [a, b]) for a, b in _same_phone(entries)]
    by_name: dict[str, list[int]] = {}
    for cid, name in conn.execute("SELECT id, name FROM contacts"):
        key = name_key(name)
        if key:
            by_name.setdefault(key, []).append(cid)
    groups += [(NAME, ids) for ids in by_name.values() if 2 <= len(ids) <= max_block]
    reasons: dict[tuple[int, int], set[str]] = defaultdict(set)
    for why, ids in groups:
        ordered = sorted(set(ids))
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                reasons[a, b].add(why)
    if not reasons:
        return []
    dismissed = set(conn.execute("SELECT contact_low, contact_high FROM duplicate_dismissals"))
    strength = {EMAIL: 0, PHONE: 1, NAME: 2}
    ranked = sorted(
        (
            (pair, tuple(sorted(why, key=strength.__getitem__)))
            for pair, why in reasons.items()
            if pair not in dismissed
        ),
        key=lambda item: (-len(item[1]), strength[item[1][0]], item[0]),
    )[:limit]
    sides = _sides(store, {cid for pair, _ in ranked for cid in pair})
    return [DuplicatePair(sides[a], sides[b], why) for (a, b), why in ranked]


def _sides(store: Store, ids: Iterable[int]) -> dict[int, Side]:
    wanted = sorted(ids)
    sides: dict[int, Side] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = store.conn.execute(
            f"""SELECT c.id, c.name, c.organisation,
                       (SELECT address FROM contact_emails e WHERE e.contact_id = c.id ORDER BY position LIMIT 1)
                FROM contacts c WHERE c.id IN ({marks})""",
            chunk,
        )
        for cid, name, organisation, email in rows:
            sides[cid] = Side(cid, name, organisation.strip() or email or "")
    return sides


def dismiss(store: Store, a: int, b: int) -> None:
    """They are two people: never offer this pair again."""
    low, high = min(a, b), max(a, b)
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO duplicate_dismissals (contact_low, contact_high, dismissed_at) VALUES (?, ?, ?)",
            (low, high, to_db(store.clock.now())),
        )


def undismiss(store: Store, a: int, b: int) -> None:
    with store.transaction() as conn:
        conn.execute(
            "DELETE FROM duplicate_dismissals WHERE contact_low = ? AND contact_high = ?", (min(a, b), max(a, b))
        )

"""A realistic, deterministic demo data set: the same seed gives the same data.

Written in batches of contacts inside one transaction (memory stays flat at
any size), with the touch points' time and full-text indexes built once at the
end or a few times in all (followup/store/bulk.py). Each batch is made on a
thread of its own while SQLite copies and indexes the one before
(followup/demo_batches.py), so Python's work and SQLite's share the two cores
of a small machine. A failure leaves the database as it was.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator
from contextlib import closing, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter

from followup import demo_batches, demo_plans
from followup.demo_batches import Rows
from followup.demo_data import (
    MY_COMPANY,
    NOTE_SENTENCES,
    ORG_FIRST,
    ORG_SECOND,
    REGIONS,
    SPACE_NOTES,
    SUMMARIES,
    TAGS,
    TITLES,
)
from followup.domain import Channel, Kind, Mood
from followup.engine.follow_ups import sync_cadences
from followup.planning.model import FollowUp
from followup.preferences import Preferences
from followup.store import Store, bulk
from followup.store.followups import timed_rows
from followup.timeutil import to_db
from followup.validation import normalise_phone

KIND_WEIGHTS = [
    (Kind.CLIENT, 40),
    (Kind.SUPPLIER, 15),
    (Kind.COLLEAGUE, 20),
    (Kind.MANAGER, 5),
    (Kind.PARTNER, 10),
    (Kind.OTHER, 10),
]
DAYS_OF_HISTORY = 730
CHUNK = 5_000  # contacts generated and written per batch
WRITE_ONCE_FROM = 5_000  # contacts: from here the load bypasses the WAL (store/bulk.py, written_once)
NOTE_POOL = 4096
# Touch points the full-text index takes at a time while loading (one segment
# each; FTS5 merges them all at once from 16 segments on, so not every batch).
FULL_TEXT_STEP = 200_000
# Batches made and waiting for the writer, besides the one being made (each
# ~41 MB packed at 5,000 contacts). One is enough: with 2, 100,000 contacts
# took as long and 40 MB more at the peak.
AHEAD = 1


@dataclass(slots=True)
class DemoSummary:
    contacts: int
    touch_points: int
    engagements: int = 0
    reply_promises: int = 0
    follow_ups_open: int = 0


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


# A touch point row as written: (id, contact_id, at_utc, tz, channel,
# direction, summary, notes, mood, needs_reply, difficult, satisfaction,
# referral, created_at, updated_at).
TouchPointRow = tuple[object, ...]


@dataclass(slots=True)
class Batch:
    """One batch of contacts with everything that belongs to them, in memory
    until written."""

    next_tp: int
    stamp: str
    contacts: list[tuple[object, ...]] = field(default_factory=list)
    emails: list[tuple[object, ...]] = field(default_factory=list)
    phones: list[tuple[object, ...]] = field(default_factory=list)
    tags: list[tuple[object, ...]] = field(default_factory=list)
    touch_points: dict[int, list[TouchPointRow]] = field(default_factory=dict)
    first_names: dict[int, str] = field(default_factory=dict)
    refers: dict[int, bool] = field(default_factory=dict)  # clients and partners: referrals in their log
    follow_ups: list[FollowUp] = field(default_factory=list)
    generated: int = 0

    def take_id(self) -> int:
        self.next_tp += 1
        return self.next_tp - 1

    def rows(self, created: str) -> Rows:
        """The batch as its INSERTs take it (Python's share of the writing,
        done on the thread that makes the batches); ``created`` is the
        follow-ups' creation time."""
        last = {cid: max((str(t[2]) for t in tps), default=None) for cid, tps in self.touch_points.items()}
        return Rows(
            [(*row, last.get(row[0])) for row in self.contacts],  # type: ignore[call-overload]
            self.emails,
            self.phones,
            self.tags,
            # In id order, the reply promises' answers among the rest: written
            # in any other order, the copy seeks its place in the table for
            # each (and FTS5, given them so, writes what it holds as a new
            # segment at every id lower than the one before).
            sorted((tp for tps in self.touch_points.values() for tp in tps), key=itemgetter(0)),
            timed_rows(self.follow_ups, created),
        )


@dataclass(slots=True)
class _Made:
    """A batch made on the making thread, packed for the writer."""

    packed: bytes
    next_tp: int  # the id the next batch's first touch point takes
    generated: int
    promises: int


def generate(
    store: Store,
    *,
    contacts: int = 60,
    seed: int = 1,
    touch_points_per_contact: int = 20,
    engagements: int | None = None,
) -> DemoSummary:
    """Add ``contacts`` demo contacts and about ``touch_points_per_contact`` each,
    reply promises for the messages that needed an answer, ``engagements``
    planned engagements (default: one for every four contacts, at most 300),
    and the stay-in-touch follow-ups of the contacts who drifted."""
    if contacts < 0:
        raise ValueError("contacts must be zero or more")
    rng = random.Random(seed)
    promise_rng = random.Random(seed + 3)
    now = store.clock.now().replace(microsecond=0)
    stamp = to_db(now)
    prefs = Preferences.load(store)
    maker = _Maker(rng, random.Random(seed + 1), random.Random(seed + 4), now, stamp, touch_points_per_contact)
    created = to_db(store.clock.now())
    total_tps = promises = 0

    def make(start: int, next_tp: int) -> _Made:
        batch = Batch(next_tp, stamp)
        for n in range(start, min(contacts, start + CHUNK)):
            maker.contact(batch, first_id, n)
        answered = demo_plans.add_promises(batch, promise_rng, now, prefs)
        return _Made(batch.rows(created).pack(), batch.next_tp, batch.generated, answered)

    with (
        bulk.written_once(store.conn) if contacts >= WRITE_ONCE_FROM else nullcontext(),
        demo_batches.batch_schema(store.conn),
        bulk.load_pragmas(store.conn),
        store.transaction() as conn,
    ):
        first_id = (conn.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchone()[0]) + 1
        with (
            bulk.loading_touch_points(conn) as load,
            bulk.without_secondary_indexes(conn, "follow_ups"),
            bulk.loading_follow_ups(conn),
        ):
            # The batches are made on a thread while SQLite copies and indexes
            # the ones before (statements that run without Python's lock:
            # demo_batches.py says why the rows travel as a database).
            def one_by_one(next_tp: int) -> Iterator[_Made]:
                for start in range(0, contacts, CHUNK):
                    batch = make(start, next_tp)
                    next_tp = batch.next_tp
                    yield batch

            batches = one_by_one(bulk.next_id(conn, "touch_points"))
            with closing(demo_batches.made_ahead(batches, AHEAD, "demo-rows")) as ahead:
                for number, done in enumerate(ahead, start=1):
                    demo_batches.write(conn, done.packed, number)
                    load.index_new(at_least=FULL_TEXT_STEP)
                    total_tps, promises = total_tps + done.generated, promises + done.promises
                    del done
        wanted = min(contacts // 4, 300) if engagements is None else engagements
        made = demo_plans.add_engagements(store, first_id, wanted, rng, prefs)
        # Marked as demo, so `demo --remove` takes out exactly these (and what hangs off them).
        conn.execute("INSERT INTO demo_contacts(contact_id) SELECT id FROM contacts WHERE id >= ?", (first_id,))
        conn.execute(
            "INSERT OR IGNORE INTO demo_engagements(engagement_id) "
            "SELECT DISTINCT engagement_id FROM engagement_contacts WHERE contact_id >= ?",
            (first_id,),
        )
        # The stay-in-touch follow-ups of the contacts who drifted (32,000 at
        # 100,000 contacts), in the load's transaction: through its journal
        # and large page cache, not the write-ahead log with the default
        # cache (3.4-4.2 s against 5.0-6.3).
        sync_cadences(store, prefs)
    store.analyze()  # a bulk load: the planner needs statistics from the first query
    return DemoSummary(contacts, total_tps, made, promises, store.follow_ups.count_open())


_KINDS = [k for k, _ in KIND_WEIGHTS]
_WEIGHTS = [w for _, w in KIND_WEIGHTS]
_ORGANISATIONS = [f"{a} {b}" for a in ORG_FIRST for b in ORG_SECOND]
_NEWEST = [0, 1, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 35, 50, 80]
_MINUTES = [0, 10, 15, 30, 45]
_MET = [Channel.IN_PERSON.value, Channel.VIDEO.value]
_WRITTEN_OR_CALL = [Channel.EMAIL.value, Channel.PHONE.value, Channel.TEXT.value]
_SATISFACTION = [3, 4, 4, 5, 5]
_MOODS = [None, *(m.value for m in Mood)]


class _Maker:
    """Contacts and their logs. Touch points are drawn with ``random()`` and
    list lookups (the C-speed calls) rather than choice/sample, and their
    times come from a cache of formatted instants: two million in seconds."""

    def __init__(
        self,
        rng: random.Random,
        log_rng: random.Random,
        note_rng: random.Random,
        now: datetime,
        stamp: str,
        per_contact: int,
    ) -> None:
        # Contacts, their logs and the notes' pool draw from generators of their
        # own: changing how logs are drawn leaves the people as they were.
        self.rng, self.log_rng, self.note_rng = rng, log_rng, note_rng
        self.now, self.stamp, self.per_contact = now, stamp, per_contact
        self._times: dict[int, str] = {}
        self._note_pool: dict[int, list[str]] = {}

    def contact(self, batch: Batch, first_id: int, n: int) -> None:
        rng = self.rng
        cid = first_id + n
        firsts, lasts, zones, prefix, tld = rng.choice(REGIONS)
        first, last = rng.choice(firsts), rng.choice(lasts)
        kind = rng.choices(_KINDS, _WEIGHTS)[0]
        internal = kind in (Kind.COLLEAGUE, Kind.MANAGER)
        org = MY_COMPANY if internal else rng.choice(_ORGANISATIONS)
        domain = _ascii(org) + ("." + tld if not internal else ".example")
        email = f"{_ascii(first)}.{_ascii(last)}{'' if n < 500 else n}@{domain}"
        channel = rng.choice(list(Channel))
        referred = first_id + rng.randrange(n) if n > 5 and rng.random() < 0.08 else None
        batch.contacts.append(
            (
                cid,
                f"{first} {last}",
                org,
                rng.choice(TITLES[kind.value]),
                kind.value,
                channel.value,
                rng.choice(zones),
                rng.choice(SPACE_NOTES) if rng.random() < 0.7 else "",
                referred,
                0,
                self.stamp,
                self.stamp,
            )
        )
        batch.first_names[cid] = first
        batch.refers[cid] = kind in (Kind.CLIENT, Kind.PARTNER)
        batch.emails.append((cid, 0, "work", email, email.lower()))
        if rng.random() < 0.25:
            private = f"{_ascii(first)}{rng.randrange(10, 99)}@mail.example"
            batch.emails.append((cid, 1, "home", private, private))
        phone = f"{prefix} {rng.randrange(100, 999)} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
        batch.phones.append((cid, 0, "mobile" if rng.random() < 0.6 else "work", phone, normalise_phone(phone)))
        for tag in rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3])):
            batch.tags.append((cid, tag))
        count = max(0, int(rng.gauss(self.per_contact, self.per_contact / 4)))
        # The newest touch point ranges from today to a few months ago, so
        # some contacts are fresh and some are drifting.
        newest = rng.choice(_NEWEST)
        batch.touch_points[cid] = self._touch_points(
            batch, cid, count, newest, zones[0], channel.value, batch.refers[cid]
        )
        batch.generated += count

    def _touch_points(
        self, batch: Batch, cid: int, count: int, newest: int, tz: str, preferred: str, refers: bool
    ) -> list[TouchPointRow]:
        random_ = self.log_rng.random
        span = DAYS_OF_HISTORY - newest
        stamp = self.stamp
        rows: list[TouchPointRow] = []
        for _ in range(count):
            days = newest + int(random_() ** 1.6 * span)
            hours = int(random_() * 10)
            minutes = _MINUTES[int(random_() * 5)]
            at = self._at(days, hours, minutes)
            roll = random_() * 100
            direction = "in" if roll < 35 else "out" if roll < 75 else "met"
            if direction == "met":
                channel = _MET[int(random_() * 2)]
            else:
                channel = preferred if random_() < 0.6 else _WRITTEN_OR_CALL[int(random_() * 3)]
            notes = self._notes(int(random_() * 5) + 1)
            difficult = int(random_() < 0.05)
            satisfaction = _SATISFACTION[int(random_() * 5)] if direction == "met" and random_() < 0.5 else None
            mood = _MOODS[int(random_() * len(_MOODS))] if random_() < 0.6 else None
            summaries = SUMMARIES[direction]
            summary = summaries[int(random_() * len(summaries))]
            needs_reply = int(direction == "in" and random_() < 0.4)
            referral = _referral(random_(), direction) if refers else None
            rows.append(
                (
                    batch.take_id(),
                    cid,
                    at,
                    tz,
                    channel,
                    direction,
                    summary,
                    notes,
                    mood,
                    needs_reply,
                    difficult,
                    satisfaction,
                    referral,
                    stamp,
                    stamp,
                )
            )
        return rows

    def _at(self, days: int, hours: int, minutes: int) -> str:
        key = (days * 24 + hours) * 60 + minutes
        text = self._times.get(key)
        if text is None:
            text = self._times[key] = to_db(self.now - timedelta(days=days, hours=hours, minutes=minutes))
        return text

    def _notes(self, k: int) -> str:
        """One to five different sentences. Drawn from a pool of 4,096 per
        length, made from the same generator on first use: the text of two
        million notes in a fraction of the time, with the same words."""
        pool = self._note_pool.get(k)
        if pool is None:
            pool = self._note_pool[k] = [self._draw_note(k) for _ in range(NOTE_POOL)]
        return pool[int(self.log_rng.random() * NOTE_POOL)]

    def _draw_note(self, k: int) -> str:
        random_ = self.note_rng.random
        n = len(NOTE_SENTENCES)
        picked: list[int] = []
        while len(picked) < k:
            i = int(random_() * n)
            if i not in picked:
                picked.append(i)
        return " ".join([NOTE_SENTENCES[i] for i in picked])


def _referral(roll: float, direction: str) -> str | None:
    """With clients and partners, about one in twenty-five touch points where I
    spoke to them is marked "asked" (I asked for a referral) and one in forty
    where they spoke to me "received" (they referred someone)."""
    if direction in ("out", "met") and roll < 0.04:
        return "asked"
    if direction in ("in", "met") and roll > 0.975:
        return "received"
    return None

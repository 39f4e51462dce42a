"""A realistic, deterministic demo data set: the same seed gives the same data.

Written in bulk inside one transaction, so 10,000 contacts with 200,000 touch
points take seconds, and a failure leaves the database as it was.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from followup import demo_plans
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
from followup.preferences import Preferences
from followup.store import Store
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


@dataclass(slots=True)
class DemoSummary:
    contacts: int
    touch_points: int
    engagements: int = 0
    reply_promises: int = 0
    follow_ups_open: int = 0


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


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
    now = store.clock.now().replace(microsecond=0)
    stamp = to_db(now)
    kinds = [k for k, _ in KIND_WEIGHTS]
    weights = [w for _, w in KIND_WEIGHTS]
    organisations = [f"{a} {b}" for a in ORG_FIRST for b in ORG_SECOND]
    total_tps = 0
    with store.transaction() as conn:
        first_id = (conn.execute("SELECT coalesce(max(id), 0) FROM contacts").fetchone()[0]) + 1
        contact_rows, email_rows, phone_rows, tag_rows, tp_rows = [], [], [], [], []
        for n in range(contacts):
            cid = first_id + n
            firsts, lasts, zones, prefix, tld = rng.choice(REGIONS)
            first, last = rng.choice(firsts), rng.choice(lasts)
            kind = rng.choices(kinds, weights)[0]
            internal = kind in (Kind.COLLEAGUE, Kind.MANAGER)
            org = MY_COMPANY if internal else rng.choice(organisations)
            domain = _ascii(org) + ("." + tld if not internal else ".example")
            name = f"{first} {last}"
            email = f"{_ascii(first)}.{_ascii(last)}{'' if n < 500 else n}@{domain}"
            channel = rng.choice(list(Channel))
            referred = first_id + rng.randrange(n) if n > 5 and rng.random() < 0.08 else None
            contact_rows.append(
                (
                    cid,
                    name,
                    org,
                    rng.choice(TITLES[kind.value]),
                    kind.value,
                    channel.value,
                    rng.choice(zones),
                    rng.choice(SPACE_NOTES) if rng.random() < 0.7 else "",
                    referred,
                    0,
                    stamp,
                    stamp,
                )
            )
            email_rows.append((cid, 0, "work", email, email.lower()))
            if rng.random() < 0.25:
                private = f"{_ascii(first)}{rng.randrange(10, 99)}@mail.example"
                email_rows.append((cid, 1, "home", private, private))
            phone = f"{prefix} {rng.randrange(100, 999)} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}"
            phone_rows.append((cid, 0, "mobile" if rng.random() < 0.6 else "work", phone, normalise_phone(phone)))
            for tag in rng.sample(TAGS, rng.choice([0, 0, 1, 1, 2, 3])):
                tag_rows.append((cid, tag))
            count = max(0, int(rng.gauss(touch_points_per_contact, touch_points_per_contact / 4)))
            # The newest touch point ranges from today to a few months ago, so
            # some contacts are fresh and some are drifting.
            newest = rng.choice([0, 1, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 35, 50, 80])
            for _ in range(count):
                tp_rows.append(_touch_point(rng, cid, now, newest, zones[0], channel, stamp))
            total_tps += count
        # Bulk writes go through sqlite-utils (store.bulk_insert), in this transaction.
        store.bulk_insert(
            "contacts",
            (
                "id",
                "name",
                "organisation",
                "title",
                "kind",
                "preferred_channel",
                "tz",
                "notes",
                "referred_by",
                "archived",
                "created_at",
                "updated_at",
            ),
            contact_rows,
        )
        store.bulk_insert("contact_emails", ("contact_id", "position", "label", "address", "address_lower"), email_rows)
        store.bulk_insert("contact_phones", ("contact_id", "position", "label", "number", "normalised"), phone_rows)
        store.bulk_insert("contact_tags", ("contact_id", "tag"), tag_rows, ignore=True)
        store.bulk_insert(
            "touch_points",
            (
                "contact_id",
                "at_utc",
                "tz",
                "channel",
                "direction",
                "summary",
                "notes",
                "mood",
                "needs_reply",
                "difficult",
                "satisfaction",
                "created_at",
                "updated_at",
            ),
            tp_rows,
        )
        prefs = Preferences.load(store)
        promises = demo_plans.add_promises(store, first_id, rng, prefs)
        demo_plans.add_referrals(store, first_id, random.Random(seed + 2))
        conn.execute(
            """UPDATE contacts SET last_touched_at =
                 (SELECT max(at_utc) FROM touch_points WHERE contact_id = contacts.id)
               WHERE id >= ?""",
            (first_id,),
        )
        wanted = min(contacts // 4, 300) if engagements is None else engagements
        made = demo_plans.add_engagements(store, first_id, wanted, rng, prefs)
        # Marked as demo, so `demo --remove` takes out exactly these (and what hangs off them).
        conn.execute("INSERT INTO demo_contacts(contact_id) SELECT id FROM contacts WHERE id >= ?", (first_id,))
        conn.execute(
            "INSERT OR IGNORE INTO demo_engagements(engagement_id) "
            "SELECT DISTINCT engagement_id FROM engagement_contacts WHERE contact_id >= ?",
            (first_id,),
        )
    sync_cadences(store, prefs)
    return DemoSummary(contacts, total_tps, made, promises, store.follow_ups.count_open())


def _touch_point(
    rng: random.Random, cid: int, now: datetime, newest: int, tz: str, preferred: Channel, stamp: str
) -> tuple[object, ...]:
    days = newest + int(rng.random() ** 1.6 * (DAYS_OF_HISTORY - newest))
    at = now - timedelta(days=days, hours=rng.randrange(0, 10), minutes=rng.choice([0, 10, 15, 30, 45]))
    direction = rng.choices(["in", "out", "met"], [35, 40, 25])[0]
    if direction == "met":
        channel = rng.choice([Channel.IN_PERSON, Channel.VIDEO])
    else:
        channel = preferred if rng.random() < 0.6 else rng.choice([Channel.EMAIL, Channel.PHONE, Channel.TEXT])
    sentences = rng.sample(NOTE_SENTENCES, rng.choice([1, 2, 3, 4, 5]))
    difficult = rng.random() < 0.05
    satisfaction = rng.choice([3, 4, 4, 5, 5]) if direction == "met" and rng.random() < 0.5 else None
    mood = rng.choice([None, *Mood]) if rng.random() < 0.6 else None
    return (
        cid,
        to_db(at),
        tz,
        channel.value,
        direction,
        rng.choice(SUMMARIES[direction]),
        " ".join(sentences),
        mood.value if mood else None,
        int(direction == "in" and rng.random() < 0.4),
        int(difficult),
        satisfaction,
        stamp,
        stamp,
    )

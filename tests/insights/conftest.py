"""A small world for the Insights tests, built through the store and the engine
(so reply promises open and close by the real rules), with every expected
figure worked out by hand in the tests from the table below.

The user's zone is Europe/Lisbon, which is UTC in November (and UTC+1 in
August), so the wall-clock times below are also UTC. "Now" is Monday
2026-11-23 09:30. The reply window is 24 hours. Every contact was added on
2026-01-01.

Touch points (in order of time; "!" = needs a reply):

    #   when (Nov)   who    kind       dir  channel    extra
    1   Thu 12 10:00 Dora   supplier   in!  email
    2   Fri 13 10:00 Dora              out  email
    3   Sun 15 20:00 Dora              in!  email
    4   Mon 16 02:00 Dora              out  email      answers #3 after 6 h
    5   Mon 16 10:00 Ana    client     in!  email      referral received
    6   Mon 16 12:00 Ana               out  email      answers #5 after 2 h
    7   Tue 17 09:00 Ana               in!  email      difficult
    8   Wed 18 15:00 Ana               out  phone      answers #7 after 30 h
    9   Thu 19 08:00 Bruno  colleague  in!  text
    10  Thu 19 18:00 Bruno             met  in_person  answers #9 after 10 h; difficult; satisfaction 4
    11  Fri 20 09:00 Carla  manager    in!  email
    12  Fri 20 09:30 Ana               in!  email      never answered
    13  Sat 21 09:00 Carla             out  video      answers #11 after 24 h; difficult; satisfaction 2;
                                                       referral asked
    14  Sun 22 21:30 Bruno             in!  text       never answered

For relationship health only (all before 12 Nov):
    Eva   partner (45/90)      last touched Sat 1 Aug
    Fabio colleague (14/28)    last touched Tue 3 Nov
    Gil   client, own 5/10     last touched Tue 10 Nov
    Hugo  other (90/180)       never touched
    Ines  manager, archived    last touched 5 Jan
    Joao  client (30/60)       last touched Tue 20 Oct

Other follow-ups (besides the reply promises, which are due 24 h after each
inbound message):

    F1 Bruno plan before  due Tue 17 12:00  done Tue 17 11:00
    F2 Ana   plan after   due Wed 18 12:00  done Thu 19 12:00
    F3 Carla plan during  due Thu 19 12:00  skipped Thu 19 13:00
    F4 Dora  manual       due Fri 20 12:00  open
    F5 Ana   plan after   due Sat 21 12:00  cancelled
    F6 Ana   plan before  due Wed 25 12:00  open (not yet due)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.planning.model import FollowUp, Phase, Source, Status
from followup.preferences import Preferences
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
ADDED = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def nov(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@dataclass
class World:
    store: Store
    prefs: Preferences
    ids: dict[str, int]


@pytest.fixture
def prefs(store: Store) -> Preferences:
    return Preferences.load(store)


@pytest.fixture
def world(store: Store, clock: FixedClock, prefs: Preferences) -> World:
    clock.set(ADDED)
    ids = {}
    for name, kind, cadence in [
        ("Ana Lima", Kind.CLIENT, None),
        ("Bruno Costa", Kind.COLLEAGUE, None),
        ("Carla Dias", Kind.MANAGER, None),
        ("Dora Reis", Kind.SUPPLIER, None),
        ("Eva Moura", Kind.PARTNER, None),
        ("Fabio Neves", Kind.COLLEAGUE, None),
        ("Gil Pinto", Kind.CLIENT, (5, 10)),
        ("Hugo Sá", Kind.OTHER, None),
        ("Ines Vaz", Kind.MANAGER, None),
        ("Joao Rocha", Kind.CLIENT, None),
    ]:
        contact = Contact(name=name, kind=kind, tz="Europe/Lisbon")
        if cadence:
            contact.cadence_ideal_days, contact.cadence_limit_days = cadence
        ids[name.split()[0]] = store.contacts.add(contact)
    clock.set(NOW)

    def log(who: str, at: datetime, direction: Direction, channel: Channel, **extra: object) -> None:
        tp = TouchPoint(ids[who], at, channel, direction, f"{who} {at:%d %H:%M}", tz="Europe/Lisbon", **extra)  # type: ignore[arg-type]
        log_touch_point(store, tp, prefs)

    IN, OUT, MET = Direction.IN, Direction.OUT, Direction.MET
    log("Ines", datetime(2026, 1, 5, 10, tzinfo=UTC), OUT, Channel.EMAIL)
    log("Eva", datetime(2026, 8, 1, 10, tzinfo=UTC), OUT, Channel.EMAIL)
    log("Joao", datetime(2026, 10, 20, 10, tzinfo=UTC), OUT, Channel.PHONE)
    log("Fabio", nov(3, 10), OUT, Channel.EMAIL)
    log("Gil", nov(10, 10), OUT, Channel.EMAIL)
    log("Dora", nov(12, 10), IN, Channel.EMAIL, needs_reply=True)
    log("Dora", nov(13, 10), OUT, Channel.EMAIL)
    log("Dora", nov(15, 20), IN, Channel.EMAIL, needs_reply=True)
    log("Dora", nov(16, 2), OUT, Channel.EMAIL)
    log("Ana", nov(16, 10), IN, Channel.EMAIL, needs_reply=True, referral="received")
    log("Ana", nov(16, 12), OUT, Channel.EMAIL)
    log("Ana", nov(17, 9), IN, Channel.EMAIL, needs_reply=True, difficult=True)
    log("Ana", nov(18, 15), OUT, Channel.PHONE)
    log("Bruno", nov(19, 8), IN, Channel.TEXT, needs_reply=True)
    log("Bruno", nov(19, 18), MET, Channel.IN_PERSON, difficult=True, satisfaction=4)
    log("Carla", nov(20, 9), IN, Channel.EMAIL, needs_reply=True)
    log("Ana", nov(20, 9, 30), IN, Channel.EMAIL, needs_reply=True)
    log("Carla", nov(21, 9), OUT, Channel.VIDEO, difficult=True, satisfaction=2, referral="asked")
    log("Bruno", nov(22, 21, 30), IN, Channel.TEXT, needs_reply=True)
    store.contacts.set_archived(ids["Ines"])

    def follow_up(who: str, source: Source, phase: Phase | None, due: datetime) -> int:
        return store.follow_ups.add(FollowUp(ids[who], f"{who} {source}", source, due, phase=phase))

    store.follow_ups.close(follow_up("Bruno", Source.PLAN, Phase.BEFORE, nov(17, 12)), Status.DONE, nov(17, 11))
    store.follow_ups.close(follow_up("Ana", Source.PLAN, Phase.AFTER, nov(18, 12)), Status.DONE, nov(19, 12))
    store.follow_ups.close(follow_up("Carla", Source.PLAN, Phase.DURING, nov(19, 12)), Status.SKIPPED, nov(19, 13))
    follow_up("Dora", Source.MANUAL, None, nov(20, 12))
    store.follow_ups.close(follow_up("Ana", Source.PLAN, Phase.AFTER, nov(21, 12)), Status.CANCELLED, nov(20, 8))
    follow_up("Ana", Source.PLAN, Phase.BEFORE, nov(25, 12))
    return World(store, prefs, ids)

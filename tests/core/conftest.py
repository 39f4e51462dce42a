"""Small factories for the core tests: a contact or a touch point in one call."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.store import Store


@pytest.fixture
def add_contact(store: Store) -> Callable[..., int]:
    def add(name: str = "Ana Lima", **fields: Any) -> int:
        return store.contacts.add(Contact(name=name, **fields))

    return add


@pytest.fixture
def log_tp(store: Store, clock: FixedClock) -> Callable[..., int]:
    def log(
        contact_id: int,
        at: datetime | None = None,
        summary: str = "Quick call",
        *,
        channel: Channel = Channel.PHONE,
        direction: Direction = Direction.OUT,
        **fields: Any,
    ) -> int:
        tp = TouchPoint(
            contact_id=contact_id,
            at=at if at is not None else clock.now(),
            channel=channel,
            direction=direction,
            summary=summary,
            **fields,
        )
        return store.touch_points.add(tp)

    return log


@pytest.fixture
def fts_ok(store: Store) -> Callable[[], bool]:
    """FTS5's own check that the search index matches the touch_points table."""

    def check() -> bool:
        try:
            store.conn.execute("INSERT INTO touch_points_fts(touch_points_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError:
            return False
        return True

    return check

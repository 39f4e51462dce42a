"""The demo's bulk load (indexes, full-text index and the figures the
triggers keep, built once at the end: followup/store/bulk.py) writes exactly
what the same rows written one by one, with every trigger and index in
place, would: every table, the full-text index term by term, the per-hour
figures (migration 11) and what each follow-up keeps (migration 13). And the
same seed gives the same data as before the load was made faster."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from pathlib import Path

import pytest

from followup import demo, demo_plans
from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.preferences import Preferences
from followup.store import Store, bulk
from tests.conftest import NOW
from tests.demo_dump import digest, dump

CONTACTS = 300
SEED = 5
CHUNK = 70  # several batches, one cut mid-way
# The digest of the demo at CONTACTS, SEED, CHUNK and NOW as the code made it
# before the load was made faster (issue 16): the same seed, the same data.
# A deliberate change of the demo's data changes it; nothing else may. (The
# code before also left FTS5's 'hashsize' row in touch_points_fts_config:
# this digest is its dump without that one line.) The dump holds the schema:
# migration 15 (_v_kind_pause: the trigger_pauses table, two kind triggers
# with a longer WHEN) changed those three schema lines and nothing else,
# compared line by line at the merge. Migration 16 (_v_merge_when_idle)
# added FTS5's two settings to touch_points_fts_config ('automerge' 0,
# 'crisismerge' 256): without those two lines the dump hashes to the digest
# before it, a578fe88…f95a. Migration 17 (_v_name_index) added one schema
# line, the index ``contacts_name``: without it the dump hashes to the digest
# before it, 5f8b4274…7d90.
DIGEST_BEFORE = "7e5c80ebac8da07d571f86fd71c50360d5657e9fc289c88470c9177bdb285bae"


class _NothingSuspended:
    def index_new(self, *, at_least: int = 1) -> None:
        pass


@contextmanager
def _nothing_suspended(*_args: object) -> Iterator[_NothingSuspended]:
    yield _NothingSuspended()


def _row_by_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every bulk shortcut off: each row written with every trigger and index in place."""
    for name in ("loading_touch_points", "loading_follow_ups", "without_secondary_indexes"):
        monkeypatch.setattr(bulk, name, _nothing_suspended)
    monkeypatch.setattr(bulk, "written_once", lambda _conn: nullcontext())


def _build(path: Path, *, real_data: bool = False) -> Path:
    clock = FixedClock(NOW)
    with Store.open(path, clock) as store:
        if real_data:
            _add_real_data(store, clock)
        # as at 100,000 contacts: several batches, the full text indexed a few
        # batches at a time, the load through a rollback journal
        saved = demo.CHUNK, demo.FULL_TEXT_STEP, demo.WRITE_ONCE_FROM
        demo.CHUNK, demo.FULL_TEXT_STEP, demo.WRITE_ONCE_FROM = CHUNK, 2_000, 0
        try:
            demo.generate(store, contacts=CONTACTS, seed=SEED)
        finally:
            demo.CHUNK, demo.FULL_TEXT_STEP, demo.WRITE_ONCE_FROM = saved
    return path


def _add_real_data(store: Store, clock: FixedClock) -> None:
    """A few real contacts with touch points and a reply promise, written the normal way."""
    prefs = Preferences.load(store)
    for n in range(3):
        cid = store.contacts.add(Contact(f"Real Person {n}", kind=Kind.CLIENT if n else Kind.SUPPLIER))
        for days in (1, 5, 40):
            log_touch_point(
                store,
                TouchPoint(
                    contact_id=cid,
                    at=clock.now() - timedelta(days=days, hours=n),
                    tz="UTC",
                    channel=Channel.EMAIL,
                    direction=Direction.IN if days == 1 else Direction.OUT,
                    summary=f"Budget review {days}",
                    notes="A real note about the quarterly budget",
                    needs_reply=days == 1,
                ),
                prefs,
            )


def _first_difference(a: list[str], b: list[str]) -> str:
    for x, y in zip(a, b, strict=False):
        if x != y:
            return f"{x[:300]}\n  !=\n{y[:300]}"
    return f"{len(a)} lines != {len(b)} lines"


@pytest.mark.parametrize("real_data", [False, True], ids=["empty database", "with real data"])
def test_the_bulk_load_writes_what_row_by_row_writes_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_data: bool
) -> None:
    # GIVEN the demo built the fast way
    fast = dump(_build(tmp_path / "fast.db", real_data=real_data))
    # WHEN the same demo is built row by row, every trigger and index in place
    with monkeypatch.context() as m:
        _row_by_row(m)
        slow = dump(_build(tmp_path / "slow.db", real_data=real_data))
    # THEN both databases hold the same rows, schema and full-text index
    assert any(line.startswith("touch_point_hours ") for line in fast)
    assert any(line.startswith("fts ") for line in fast)
    assert fast == slow, _first_difference(fast, slow)


def test_the_same_seed_gives_the_same_data_as_before(tmp_path: Path) -> None:
    assert digest(_build(tmp_path / "demo.db")) == DIGEST_BEFORE


@pytest.mark.parametrize("step", ["engagements", "cadences"])
def test_a_failed_demo_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    # GIVEN a database with real data
    path = tmp_path / "real.db"
    clock = FixedClock(NOW)
    with Store.open(path, clock) as store:
        _add_real_data(store, clock)
    before = dump(path)

    # WHEN the demo fails after every touch point is loaded, or at its last step
    def fail(*_args: object) -> int:
        raise RuntimeError("interrupted")

    if step == "engagements":
        monkeypatch.setattr(demo_plans, "add_engagements", fail)
    else:  # the last step: the stay-in-touch follow-ups are in the load's transaction
        monkeypatch.setattr(demo, "sync_cadences", fail)
    with Store.open(path, clock) as store, pytest.raises(RuntimeError):
        demo.generate(store, contacts=CONTACTS, seed=SEED)
    # THEN every row, trigger and index is as it was
    after = dump(path)
    assert after == before, _first_difference(after, before)

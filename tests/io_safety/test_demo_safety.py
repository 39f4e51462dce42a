"""Demo data never mixes with real data: `demo` refuses a database with real
contacts unless --force, demo rows are marked, and `demo --remove` removes
exactly them (and what hangs off them), never a real contact."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from cli_runner import Cli

from followup import demo
from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.store import Store


def _open(data_dir: Path, clock: FixedClock) -> Store:
    return Store.open(data_dir / "followup.db", clock)


def _real(data_dir: Path, clock: FixedClock) -> int:
    with _open(data_dir, clock) as store:
        cid = store.contacts.add(Contact("Real Person", notes="my own notes"))
        store.touch_points.add(
            TouchPoint(
                contact_id=cid,
                at=clock.now() - timedelta(days=2),
                tz="UTC",
                channel=Channel.EMAIL,
                direction=Direction.OUT,
                summary="Quarterly budget review",
                notes="A real note",
            )
        )
        return cid


def _everything(store: Store) -> list[str]:
    """Every row, but the full-text index's own pages, the id counters and the
    planner's statistics (they change with any bulk write; the index is
    checked by searching). Sorted: a bulk load recreates indexes and triggers,
    which moves them in the schema's listing without changing them."""
    return sorted(
        line
        for line in store.conn.iterdump()
        if not line.startswith('INSERT INTO "touch_points_fts_')
        and "sqlite_sequence" not in line
        and "sqlite_stat" not in line  # the planner's statistics, refreshed after a bulk change
    )


def test_demo_refuses_a_database_with_real_contacts(cli: Cli, data_dir: Path, clock: FixedClock) -> None:
    # GIVEN a database with one real contact
    _real(data_dir, clock)
    with _open(data_dir, clock) as store:
        before = _everything(store)
    # WHEN demo data is asked for without --force
    result = cli("demo", "--contacts", "5")
    # THEN it is refused in one sentence and nothing is added
    assert result.code == 1
    assert "--force" in result.err and "1 real contact" in result.err
    with _open(data_dir, clock) as store:
        assert _everything(store) == before


def test_demo_remove_takes_out_exactly_the_demo_data(cli: Cli, data_dir: Path, clock: FixedClock) -> None:
    # GIVEN a real contact with history, then demo data added with --force
    real = _real(data_dir, clock)
    with _open(data_dir, clock) as store:
        before = _everything(store)
    added = cli("demo", "--contacts", "12", "--force", "--json")
    assert added.code == 0, added.err
    with _open(data_dir, clock) as store:
        assert store.contacts.count() == 13
        assert store.conn.execute("SELECT count(*) FROM engagements").fetchone()[0] > 0
    # WHEN the demo data is removed
    removed = cli("demo", "--remove", "--json")
    # THEN the database is as it was before the demo, row for row
    assert removed.code == 0, removed.err
    assert json.loads(removed.out)["contacts"] == 12
    with _open(data_dir, clock) as store:
        assert _everything(store) == before
        assert [n for _, n in store.contacts.names()] == ["Real Person"]
        assert store.contacts.get(real).notes == "my own notes"
        assert store.integrity_ok()
        assert [h.summary for h in store.touch_points.search("budget")] == ["Quarterly budget review"]


def test_demo_on_an_empty_database_or_over_demo_data_needs_no_force(cli: Cli) -> None:
    assert cli("demo", "--contacts", "3").code == 0
    assert cli("demo", "--contacts", "3", "--seed", "2").code == 0
    removed = cli("demo", "--remove")
    assert removed.code == 0 and "Removed 6 demo contacts" in removed.out


def test_demo_remove_with_no_demo_data_says_so(cli: Cli, data_dir: Path, clock: FixedClock) -> None:
    _real(data_dir, clock)
    result = cli("demo", "--remove")
    assert result.code == 0 and "no demo data" in result.out.lower()
    with _open(data_dir, clock) as store:
        assert store.contacts.count() == 1


def test_generated_demo_rows_are_marked(store: Store) -> None:
    mine = store.contacts.add(Contact("Mine"))
    demo.generate(store, contacts=8, seed=4)
    marked = {r[0] for r in store.conn.execute("SELECT contact_id FROM demo_contacts")}
    assert len(marked) == 8 and mine not in marked

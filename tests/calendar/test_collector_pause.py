"""The cycle collector paused while the calendar's rows are read
(followup/collector_pause.py): no automatic pass inside, and the collector
left as it was found, on in the command line, off in the app."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from followup import collector_pause
from followup.calendar import open_events
from followup.planning.model import FollowUp, Source
from followup.preferences import Preferences
from followup.store import Store

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def passes() -> Iterator[list[set[str]]]:
    """Each automatic pass, as the names of the functions it ran under, with
    the youngest generation's threshold at 10 objects: a pass every few
    objects made."""
    seen: list[set[str]] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            frame, names = sys._getframe(1), set()
            while frame is not None:
                names.add(frame.f_code.co_name)
                frame = frame.f_back
            seen.append(names)

    was_on, thresholds = gc.isenabled(), gc.get_threshold()
    gc.enable()
    gc.set_threshold(10, 10, 10)
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*thresholds)
        if not was_on:
            gc.disable()


def _under(passes: list[set[str]], name: str) -> int:
    return sum(1 for names in passes if name in names)


def _cycles(n: int) -> list[list[object]]:
    made: list[list[object]] = []
    for _ in range(n):
        a: list[object] = []
        a.append(a)
        made.append(a)
    return made


def test_no_automatic_pass_runs_while_paused_and_it_is_on_again_after(passes: list[set[str]]) -> None:
    # WHILE paused, objects that would have crossed the threshold many times over are made: no pass
    with collector_pause.paused():
        assert not gc.isenabled()
        kept = _cycles(500)
    assert _under(passes, "_cycles") == 0 and gc.isenabled()
    # AND after it, the same objects made bring the passes back
    kept += _cycles(500)
    assert _under(passes, "_cycles") > 10


def test_a_collector_found_off_is_left_off_even_after_an_error(passes: list[set[str]]) -> None:
    # GIVEN the collector off, as the app keeps it (ui/ops/collector.py collects on the GUI thread)
    gc.disable()
    # WHEN a pause ends with an error
    with pytest.raises(RuntimeError), collector_pause.paused():
        raise RuntimeError("the read failed")
    # THEN it is still off; AND found on, it is on again after an error
    assert not gc.isenabled()
    gc.enable()
    with pytest.raises(RuntimeError), collector_pause.paused():
        raise RuntimeError("the read failed")
    assert gc.isenabled()


def test_reading_the_calendar_s_rows_runs_no_pass_over_them(
    store: Store, people: dict[str, int], passes: list[set[str]]
) -> None:
    # GIVEN forty open follow-ups, each with its contact
    for n in range(40):
        who = people["alice"] if n % 2 else people["bob"]
        store.follow_ups.add(FollowUp(who, f"Follow-up {n}", Source.MANUAL, NOW + timedelta(hours=n)))
    prefs = Preferences.load(store)
    # WHEN every open follow-up is read and keyed, as export-ics and the live file do
    keyed = open_events.keyed_rows(store, prefs)
    # THEN no pass ran while hundreds of objects were made (18 passes, unpaused), and it is on again
    # (at most one as it began: making the pause's own context manager may cross the threshold)
    assert len(keyed) == 40 and _under(passes, "keyed_rows") <= 1
    assert gc.isenabled()

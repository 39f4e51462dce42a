"""How often the GUI thread's collector measures the heap (ui/ops/collector.py)."""

from __future__ import annotations

import gc
import math

import pytest

from ui.ops import collector


def _cross_every_threshold() -> list[list[int]]:
    """Every generation due (automatic collection off): the young objects to keep alive."""
    threshold0, threshold1, threshold2 = gc.get_threshold()
    for _ in range(threshold2 + 1):
        gc.collect(1)
    for _ in range(threshold1 + 1):
        gc.collect(0)
    return [[] for _ in range(2 * threshold0)]


def test_while_a_job_runs_the_heap_is_measured_once_a_second_not_at_every_tick(monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the oldest generation due while a job runs and the user works (no full pass can run)
    measured: list[float] = []
    monkeypatch.setattr(collector, "_heap", lambda: measured.append(1) or 10**9)
    monkeypatch.setattr(collector, "_long_lived", [0])
    monkeypatch.setattr(collector, "_due_since", [None])
    monkeypatch.setattr(collector, "_heap_at", [-math.inf], raising=False)
    was = gc.isenabled()
    gc.disable()
    junk: list[list[list[int]]] = []  # kept alive until collected
    try:
        # WHEN the collector ticks every 16 ms for two seconds (a burst: the delete of 100,000 contacts)
        for tick in range(125):
            junk.append(_cross_every_threshold())
            collector.collect_due(burst=True, idle_for=0.5, quiet_for=0.0, now=1000.0 + tick * 0.016)
        # THEN the heap (a walk over every pool of the interpreter's memory: 4 GB held) was measured twice
        assert len(measured) == 2
        # AND when the user pauses and no job runs, at the next tick, whenever it was last measured
        junk.append(_cross_every_threshold())
        collector.collect_due(idle_for=collector.IDLE_S, quiet_for=collector.QUIET_S, now=1002.01)
        assert len(measured) == 4  # (once to know it is due, once after the full pass)
    finally:
        if was:
            gc.enable()

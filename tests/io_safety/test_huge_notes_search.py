"""Searching a touch point whose notes are huge finds it, with a short
highlighted snippet (speed is measured in bench/bench_huge_notes.py)."""

from __future__ import annotations

import random
from datetime import timedelta

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, TouchPoint
from followup.store import Store
from followup.store.touchpoints import HIT_END, HIT_START, SNIPPET_IN_SQL_MAX

WORDS = ["alpha", "budget", "contract", "delivery", "forecast", "growth", "hiring", "roadmap"]


def _huge_notes(planted: str, at: int) -> str:
    rnd = random.Random(7)
    words = [f"{rnd.choice(WORDS)}{rnd.randint(0, 999)}" for _ in range(SNIPPET_IN_SQL_MAX // 5)]
    words[at] = planted
    words[at + 500] = "escrow"
    return " ".join(words + ["escrow"] * 2000)


def _log(store: Store, clock: FixedClock, contact: int, summary: str, notes: str, hours: int) -> int:
    return store.touch_points.add(
        TouchPoint(
            contact_id=contact,
            at=clock.now() - timedelta(hours=hours),
            tz="UTC",
            channel=Channel.EMAIL,
            direction=Direction.IN,
            summary=summary,
            notes=notes,
        )
    )


def test_a_huge_note_is_found_with_a_short_snippet_around_the_match(store: Store, clock: FixedClock) -> None:
    # GIVEN one touch point with notes far past the size FTS5's snippet handles quickly, and a small one
    ana = store.contacts.add(Contact("Ana Lima"))
    notes = _huge_notes("Zürich", 4_000)
    assert len(notes) > SNIPPET_IN_SQL_MAX
    huge = _log(store, clock, ana, "Long thread", notes, 2)
    small = _log(store, clock, ana, "Escrow call", "short escrow notes", 1)
    # WHEN a word in it is searched, without its accent
    hits = store.touch_points.search("zurich")
    # THEN the huge one is found, and its snippet shows the word, highlighted, with a few words around it
    assert [h.touch_point_id for h in hits] == [huge]
    snippet = hits[0].snippet
    assert f"{HIT_START}Zürich{HIT_END}" in snippet
    assert len(snippet) < 300 and snippet.startswith("…") and snippet.endswith("…")
    # AND a word found in both is found in both, newest first, each with a highlight
    both = store.touch_points.search("escr")
    assert [h.touch_point_id for h in both] == [small, huge]
    assert all(HIT_START in h.snippet and len(h.snippet) < 300 for h in both)


def test_a_huge_note_that_matches_only_in_its_summary_shows_the_start_of_its_notes(
    store: Store, clock: FixedClock
) -> None:
    # GIVEN a huge note whose summary alone has the word
    ana = store.contacts.add(Contact("Ana Lima"))
    notes = _huge_notes("plain", 10)
    huge = _log(store, clock, ana, "Quarterly kickoff", notes, 1)
    # WHEN it is searched for
    hits = store.touch_points.search("kickoff")
    # THEN it is found, and its snippet is the notes' start, short (the summary is
    # shown beside the snippet already: Search notes never repeats it)
    assert [h.touch_point_id for h in hits] == [huge]
    assert "kickoff" not in hits[0].snippet.lower()
    assert hits[0].snippet.startswith(notes.split()[0]) and len(hits[0].snippet) < 400

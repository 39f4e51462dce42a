"""check-tone and draft: offline rules, each finding with rule, message and span."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from cli_runner import Cli

from followup.domain import Channel, Direction, Mood, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.mail.tone import check
from followup.store import Store

GOOD = "Hi Alice,\n\nthe offer is attached. Does Tuesday suit you for a call?\n\nBest,\nMia\n"


def rules(text: str, **kw: object) -> list[str]:
    return [f.rule for f in check(text, **kw)]  # type: ignore[arg-type]


def test_a_good_message_has_no_findings() -> None:
    assert rules(GOOD) == []


def test_missing_greeting_and_closing() -> None:
    findings = check("the offer is attached.\nLet me know.\nMia")
    assert [f.rule for f in findings] == ["missing-greeting", "missing-closing"]
    assert findings[0].span == (0, len("the offer is attached."))


@pytest.mark.parametrize(
    ("text", "rule", "marked"),
    [
        ("Hi Bob,\n\nthis is URGENT, send it now.\n\nBest,\nMia", "shouting", "URGENT"),
        ("Hi Bob,\n\nwhere is the delivery!!!\n\nBest,\nMia", "shouting", "!!!"),
        ("Hi Bob,\n\nthx, can u send it?\n\nBest,\nMia", "slang", "thx"),
        ("Hi Bob,\n\nas per my last email, this is unacceptable.\n\nBest,\nMia", "harsh", "per my last email"),
    ],
)
def test_each_finding_marks_its_words(text: str, rule: str, marked: str) -> None:
    found = [f for f in check(text) if f.rule == rule]
    assert found, check(text)
    start, end = found[0].span  # type: ignore[misc]
    assert text[start:end] == marked
    assert found[0].message


def test_acronyms_are_not_shouting() -> None:
    assert rules("Hi Bob,\n\nthe PDF and the API docs, ASAP please.\n\nBest,\nMia") == []


def test_a_wall_of_text_for_a_quick_question() -> None:
    filler = " ".join(["We have looked at the numbers again and considered every option carefully."] * 12)
    assert "wall-of-text" in rules(f"Hi Bob,\n\n{filler} Can you send it?\n\nBest,\nMia")


def test_cli_check_tone_json_and_context_of_a_stressed_contact(cli: Cli, open_store: Callable[[], Store]) -> None:
    # GIVEN Alice was stressed last time, and her question is past its 24-hour promise
    with open_store() as store:
        alice = store.contacts.resolve("Alice Archer")
        log_touch_point(
            store,
            TouchPoint(
                alice,
                store.clock.now() - timedelta(hours=30),
                Channel.EMAIL,
                Direction.IN,
                "Where is the offer?",
                mood=Mood.STRESSED,
                needs_reply=True,
            ),
        )
    # WHEN a reply without a word about the delay is checked
    result = cli("check-tone", "--contact", "Alice Archer", "--json", stdin=GOOD)
    # THEN both are found
    findings = json.loads(result.out)["findings"]
    assert {f["rule"] for f in findings} == {"late-reply", "better-as-call"}
    assert all(set(f) == {"rule", "message", "span"} for f in findings)
    # AND an apology settles the lateness
    sorry = GOOD.replace("the offer", "sorry for the slow reply: the offer")
    findings = json.loads(cli("check-tone", "--contact", "Alice Archer", "--json", stdin=sorry).out)["findings"]
    assert [f["rule"] for f in findings] == ["better-as-call"]


def test_draft_fills_the_template_and_checks_it(cli: Cli) -> None:
    result = cli("plan", "Bob Brenner", "--title", "Delivery of parts", "--start", "2026-11-10T10:00", "--json")
    plan = json.loads(result.out)
    ids = [f["id"] if isinstance(f, dict) else f for f in plan["follow_ups"]]
    drafts = [json.loads(cli("draft", str(i), "--json").out) for i in ids]
    assert all(d["body"].startswith("Hi Bob,\n\n") and d["body"].rstrip().endswith("Best,\nMia") for d in drafts)
    assert all(d["to"] == ["BOB@Supplier.Example"] for d in drafts)
    assert any("Delivery of parts" in d["subject"] or "Delivery of parts" in d["body"] for d in drafts)
    assert all(d["findings"] == [] for d in drafts)
    assert cli("draft", "99999").code == 1

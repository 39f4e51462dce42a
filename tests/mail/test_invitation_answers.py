"""Who accepted (followup/mail/answers.py): answers that came back by mail,
per attendee of the engagement, in Today until seen; a proposed new time
accepted (the engagement moves, its follow-ups re-planned) or declined.
Real SQLite, the answers read by import-mail as a sync would read them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from mailfixtures import raw
from mailservers import Result

from followup.errors import ValidationError
from followup.mail import answers
from followup.mail.answers_today import any_for_today
from followup.store import Store

Cli = Callable[..., Result]
PROPOSED = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


@pytest.fixture
def kickoff(cli: Cli) -> int:
    result = cli(
        "plan", "Alice Archer", "--with", "Bob Brenner", "--with", "Chen Wei", "--title", "Kick-off",
        "--start", "2026-12-01T10:00", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    return int(json.loads(result.out)["engagement_id"])


def answer_by_mail(cli: Cli, folder: Path, who: str, uid: str, method: str, partstat: str, n: int = 0) -> None:
    extra = "COMMENT:Could we do the afternoon?\r\n" if method == "COUNTER" else ""
    ics = (
        f"BEGIN:VCALENDAR\r\nPRODID:-//Test//EN\r\nVERSION:2.0\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261124T090000Z\r\nSEQUENCE:0\r\nDTSTART:20261202T150000Z\r\n"
        f"ORGANIZER:mailto:me@example.test\r\nATTENDEE;PARTSTAT={partstat}:mailto:{who}\r\n{extra}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    path = folder / f"{who}-{n}.eml"
    path.write_bytes(
        raw(
            sender=who,
            subject=f"{partstat.title()}: Kick-off",
            mid=f"{method}-{n}-{who}",
            date=f"Mon, 23 Nov 2026 0{n}:00:00 +0000",
            ctype=f'text/calendar; method={method}; charset="utf-8"',
            body=ics.replace("\r\n", "\n"),
        )
    )
    assert json.loads(cli("import-mail", str(path), "--json").out)["replies_read"] == 1


@pytest.fixture
def answered(cli: Cli, kickoff: int, tmp_path: Path, open_store: Callable[[], Store]) -> int:
    """Bob accepted; Alice is tentative and proposes the afternoon of the next day; Chen said nothing."""
    with open_store() as store:
        uid = store.engagements.get(kickoff).uid
    answer_by_mail(cli, tmp_path, "bob@supplier.example", uid, "REPLY", "ACCEPTED")
    answer_by_mail(cli, tmp_path, "alice@client.example", uid, "COUNTER", "TENTATIVE", 1)
    return kickoff


def test_each_attendee_with_their_answer(answered: int, open_store: Callable[[], Store]) -> None:
    with open_store() as store:
        rows = {a.contact: a for a in answers.attendees(store, answered)}
    assert [(n, a.word) for n, a in sorted(rows.items())] == [
        ("Alice Archer", "Maybe"),
        ("Bob Brenner", "Accepted"),
        ("Chen Wei", "No answer yet"),
    ]
    assert rows["Alice Archer"].proposed_start == PROPOSED
    assert rows["Alice Archer"].comment == "Could we do the afternoon?"
    assert not rows["Bob Brenner"].proposes


def test_today_shows_new_answers_until_seen_and_proposals_until_decided(
    cli: Cli, answered: int, tmp_path: Path, open_store: Callable[[], Store]
) -> None:
    with open_store() as store:
        # GIVEN two answers: THEN both are in Today, newest first
        assert [a.contact for a in answers.for_today(store)] == ["Alice Archer", "Bob Brenner"]
        assert any_for_today(store)  # (what a start on Today asks before building the panel)
        alice, bob = (store.contacts.resolve(n) for n in ("Alice Archer", "Bob Brenner"))
        # WHEN both are taken note of
        answers.mark_seen(store, answered, bob)
        answers.mark_seen(store, answered, alice)
        # THEN Bob's acceptance leaves Today; Alice's proposal stays until it is decided
        assert [a.contact for a in answers.for_today(store)] == ["Alice Archer"]
        assert any_for_today(store)  # a proposal still to decide, though seen
        # WHEN it is declined
        answers.decline_proposal(store, answered, alice)
        # THEN Today has nothing, and the engagement kept its time
        assert answers.for_today(store) == []
        assert not any_for_today(store)
        assert store.engagements.get(answered).start == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        uid = store.engagements.get(answered).uid
        # AND deciding twice is refused with a reason
        with pytest.raises(ValidationError, match="no new time proposed"):
            answers.decline_proposal(store, answered, alice)
    # WHEN Bob changes his mind by mail
    answer_by_mail(cli, tmp_path, "bob@supplier.example", uid, "REPLY", "DECLINED", 2)
    # THEN his new answer is in Today again
    with open_store() as store:
        [again] = answers.for_today(store)
        assert any_for_today(store)
        assert (again.contact, again.word, again.seen) == ("Bob Brenner", "Declined", False)


def test_accepting_a_proposed_time_moves_the_engagement_and_its_plan(
    answered: int, open_store: Callable[[], Store]
) -> None:
    with open_store() as store:
        before = store.engagements.get(answered)
        assert before.start is not None and before.end is not None
        length = before.end - before.start
        due_before = {f.id: f.due for f in store.follow_ups.for_engagement(answered) if f.status.value == "open"}
        alice = store.contacts.resolve("Alice Archer")
        # WHEN Alice's proposed time is accepted
        result = answers.accept_proposal(store, answered, alice)
        # THEN the engagement starts then, as long as before, and its open follow-ups moved with it
        after = store.engagements.get(answered)
        assert after.start == PROPOSED and after.end == PROPOSED + length
        assert result.moved
        moved = {f.id: f.due for f in store.follow_ups.for_engagement(answered) if f.id in due_before}
        assert any(d is not None and d - timedelta(days=1) >= (due_before[i] or d) for i, d in moved.items())
        # AND the proposal is answered: out of Today
        assert all(not a.proposes for a in answers.attendees(store, answered))
        assert [a.contact for a in answers.for_today(store)] == ["Bob Brenner"]


def test_a_cancelled_engagement_has_no_answers_in_today(answered: int, open_store: Callable[[], Store]) -> None:
    from followup.engine import plans

    with open_store() as store:
        assert any_for_today(store)
        plans.cancel(store, answered)
        assert answers.for_today(store) == []
        assert not any_for_today(store)

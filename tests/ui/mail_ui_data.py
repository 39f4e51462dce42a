"""Mail for the mail UI tests, logged through the real ingest (the same code
as a sync or an import): a thread of four with one contact, a Cc-only
message, invitation answers. Shared by tests/ui/contacts and tests/ui/today."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime

from followup.domain import Contact, Kind, LabelledValue
from followup.mail.ingest import Ingestor, MailResult
from followup.mail.message import parse
from followup.store import Store

ME = "me@example.test"


def add_ana(store: Store) -> int:
    store.settings.set("user_email", ME)
    store.settings.set("user_name", "Mia Muster")
    return store.contacts.add(
        Contact("Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon", emails=[LabelledValue("ana@acme.example", "work")])
    )


def message(
    mid: str,
    subject: str,
    when: datetime,
    *,
    mine: bool,
    refs: list[str] | None = None,
    cc_only: bool = False,
    body: str = "",
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = ME if mine else "Ana Lima <ana@acme.example>"
    if cc_only:
        msg["To"] = "team@acme.example"
        msg["Cc"] = ME
    else:
        msg["To"] = "ana@acme.example" if mine else ME
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{mid}@test>"
    if refs:
        msg["In-Reply-To"] = f"<{refs[-1]}@test>"
        msg["References"] = " ".join(f"<{r}@test>" for r in refs)
    msg.set_content(body or f"About {subject.lower()}: could you tell me by Friday?")
    return msg


def ingest(store: Store, *messages: EmailMessage) -> MailResult:
    result = MailResult()
    ingestor = Ingestor(store, {ME})
    for msg in messages:
        ingestor.ingest(parse(msg.as_bytes()), result)
    return result


def day(d: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, d, hour, 0, tzinfo=UTC)


def thread_of_four(store: Store) -> None:
    """Quote (theirs), my answer, their question, my answer: one thread; then an Invoice, Cc-only."""
    ingest(
        store,
        message("q1", "Quote for the rollout", day(10), mine=False),
        message("q2", "Re: Quote for the rollout", day(11), mine=True, refs=["q1"]),
        message("q3", "Re: Quote for the rollout", day(12), mine=False, refs=["q1", "q2"]),
        message("q4", "Re: Quote for the rollout", day(13), mine=True, refs=["q1", "q2", "q3"]),
        message("inv", "Invoice 2026-114", day(14), mine=False, cc_only=True, body="The invoice is attached."),
    )


def add_bo(store: Store) -> int:
    return store.contacts.add(
        Contact("Bo Chen", kind=Kind.SUPPLIER, tz="America/New_York", emails=[LabelledValue("bo@harbor.example", "")])
    )


def plan_kickoff(store: Store, contact_ids: list[int]) -> int:
    """A one-hour kick-off on Tuesday 1 December, 10:00 UTC, planned with the default playbook."""
    from followup.engine import plans
    from followup.planning.model import Engagement

    start = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    e = Engagement("Kick-off", contact_ids, start=start, end=start.replace(hour=11), tz="Europe/Lisbon")
    return plans.create(store, e, plans.default_playbook(store, contact_ids)).engagement_id


def answer(store: Store, who: str, address: str, uid: str, method: str, partstat: str, n: int = 0) -> MailResult:
    """An iMIP answer from ``address`` read as the sync reads it (a COUNTER proposes Wed 2 Dec 15:00 UTC)."""
    comment = "COMMENT:Could we do the afternoon?\n" if method == "COUNTER" else ""
    ics = (
        f"BEGIN:VCALENDAR\nPRODID:-//Test//EN\nVERSION:2.0\nMETHOD:{method}\nBEGIN:VEVENT\nUID:{uid}\n"
        f"DTSTAMP:20261124T090000Z\nSEQUENCE:0\nDTSTART:20261202T150000Z\nORGANIZER:mailto:{ME}\n"
        f"ATTENDEE;PARTSTAT={partstat}:mailto:{address}\n{comment}END:VEVENT\nEND:VCALENDAR\n"
    )
    msg = EmailMessage()
    msg["From"] = f"{who} <{address}>"
    msg["To"] = ME
    msg["Subject"] = f"{partstat.title()}: Kick-off"
    msg["Date"] = format_datetime(day(22, 8 + n))
    msg["Message-ID"] = f"<{method}-{n}-{address}>"
    msg.set_content(ics, subtype="calendar", params={"method": method})
    return ingest(store, msg)

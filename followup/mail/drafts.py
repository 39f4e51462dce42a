"""A draft message for a follow-up: the step's template filled with the
contact's name, the engagement and the last touch point, tone-checked."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from followup.domain import Mood
from followup.mail.tone import Context, Finding, check
from followup.planning.mail_templates import fill
from followup.planning.model import Source
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone

# (words in the step's title, subject, opening) — the first that matches is used.
TEMPLATES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("thank",),
        "Thank you for {engagement_or_today}",
        "Thank you for {engagement_or_today}. It was good to talk{about_last}. I'll follow up on what we agreed.",
    ),
    (
        ("happy", "check", "working", "satisf"),
        "How is {engagement_or_it} working for you?",
        "I wanted to check in: how is {engagement_or_it} working for you so far? If anything is not as expected, "
        "tell me and I'll take care of it.",
    ),
    (
        ("feedback", "referral", "review"),
        "A quick favour",
        "I hope {engagement_or_it} went well for you. Would you share two lines of feedback? And if you know someone "
        "who could use the same, I'd be glad of an introduction.",
    ),
    (
        ("confirm", "prepare", "remind"),
        "Confirming {engagement}",
        "A short note to confirm {engagement} on {when}. Is there anything you'd like me to prepare?",
    ),
)
REPLY = ("Re: {last_summary}", "Thank you for your message{about_last}. Here is my answer:\n\n…")
CHECK_IN = ("Checking in", "It has been a while since we last spoke{about_last}, and I wanted to hear how you are.")


@dataclass(slots=True)
class Draft:
    to: list[str]
    subject: str
    body: str
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "to": self.to,
            "subject": self.subject,
            "body": self.body,
            "findings": [f.as_json() for f in self.findings],
        }


def context_for(store: Store, contact_id: int) -> Context:
    """What the tone check should know about this person."""
    contact = store.contacts.get(contact_id)
    last = store.touch_points.for_contact(contact_id, limit=1)
    promises = store.follow_ups.open_of_source(contact_id, Source.REPLY)
    return Context(
        first_name=contact.name.split()[0],
        reply_due=promises[0].due if promises else None,
        now=store.clock.now(),
        last_difficult=bool(last and last[0].difficult),
        last_mood_stressed=bool(last and last[0].mood == Mood.STRESSED),
    )


def draft(store: Store, follow_up_id: int) -> Draft:
    fu = store.follow_ups.get(follow_up_id)
    contact = store.contacts.get(fu.contact_id)
    prefs = Preferences.load(store)
    engagement = store.engagements.get(fu.engagement_id) if fu.engagement_id else None
    last = store.touch_points.for_contact(fu.contact_id, limit=1)
    tz = zone(prefs.user_tz)
    when = ""
    if engagement and engagement.start:
        when = engagement.start.astimezone(tz).strftime("%A %d %B at %H:%M")
    elif engagement and engagement.start_date:
        when = engagement.start_date.strftime("%A %d %B")
    values = {
        "first": contact.name.split()[0],
        "engagement": engagement.title if engagement else "our next step",
        "engagement_or_today": engagement.title if engagement else "today",
        "engagement_or_it": engagement.title if engagement else "everything",
        "when": when or "the agreed day",
        "last_summary": (
            store.touch_points.get(fu.origin_touch_point_id).summary
            if fu.source == Source.REPLY and fu.origin_touch_point_id is not None
            else last[0].summary
            if last
            else "your message"
        ),
        "about_last": f" about “{last[0].summary}”" if last else "",
    }
    if fu.source == Source.REPLY:
        subject, opening = REPLY
    elif fu.source == Source.CADENCE:
        subject, opening = CHECK_IN
    else:
        title = fu.title.lower()
        subject, opening = next(
            ((s, o) for words, s, o in TEMPLATES if any(w in title for w in words)),
            (fu.title, "I'm following up on {engagement}."),
        )
    sign = prefs.user_name.strip().split()[0] if prefs.user_name.strip() else ""
    own = step_template(store, fu.step_key)
    if own is not None:
        # the step's own template (Playbooks > step > Mail template), written as the user wants it
        filled = {
            "first": values["first"],
            "contact": contact.name,
            "organisation": contact.organisation,
            "engagement": values["engagement"],
            "when": values["when"],
            "last_touch": last[0].summary if last else "",
            "last_date": f"{last[0].at.astimezone(tz):%A %d %B}" if last else "",
            "me": sign,
        }
        subject_text = fill(own[0], filled).strip()
        body = fill(own[1], filled).strip() + "\n" if own[1].strip() else ""
        if not body:
            body = f"Hi {values['first']},\n\n\n\nBest,\n{sign}".rstrip() + "\n"
    else:
        subject_text = subject.format(**values)
        body = f"Hi {values['first']},\n\n{opening.format(**values)}\n\nBest,\n{sign}".rstrip() + "\n"
    channel = fu.channel or "email"
    return Draft(
        to=[contact.primary_email] if contact.primary_email else [],
        subject=subject_text,
        body=body,
        findings=check(body, channel, context_for(store, fu.contact_id)),
    )


def step_template(store: Store, step_key: str | None) -> tuple[str, str] | None:
    """(subject, body) of the playbook step a follow-up was planned from, when it has a template."""
    found = re.match(r"s(\d+):", step_key or "")
    if not found:
        return None
    row = store.conn.execute(
        "SELECT mail_subject, mail_body FROM playbook_steps WHERE id = ?", (int(found.group(1)),)
    ).fetchone()
    if row is None or not str(row[0]).strip():
        return None
    return str(row[0]), str(row[1])


def mailto(d: Draft) -> str:
    """The draft as a mailto: link, to finish it in the user's own mail program."""
    from urllib.parse import quote

    return f"mailto:{','.join(d.to)}?subject={quote(d.subject)}&body={quote(d.body)}"


def send_draft(store: Store, follow_up_id: int, d: Draft, account_email: str | None = None) -> int:
    """Send the draft by SMTP, log it, and keep the follow-up: a reply closes
    exactly the promise of the message it answers. Returns the touch point id."""
    from email.message import EmailMessage
    from email.utils import format_datetime, formataddr, make_msgid

    from followup.errors import ValidationError
    from followup.mail.ingest import Ingestor, MailResult
    from followup.mail.message import parse
    from followup.mail.send import send, sending_account
    from followup.planning.model import Status

    if not d.to:
        raise ValidationError("The contact has no email address to send to.")
    fu = store.follow_ups.get(follow_up_id)
    account = sending_account(store, account_email)
    prefs = Preferences.load(store)
    msg = EmailMessage()
    msg["From"] = formataddr((prefs.user_name.strip(), account.email))
    msg["To"] = ", ".join(d.to)
    msg["Subject"] = d.subject
    msg["Date"] = format_datetime(store.clock.now())
    msg["Message-ID"] = make_msgid(domain=account.email.rpartition("@")[2])
    if fu.origin_touch_point_id is not None:
        row = store.conn.execute(
            "SELECT message_id FROM mail_messages WHERE touch_point_id = ?", (fu.origin_touch_point_id,)
        ).fetchone()
        if row:
            msg["In-Reply-To"] = row[0]
            msg["References"] = row[0]
    msg.set_content(d.body)
    send(account, msg, d.to)
    parsed = parse(msg.as_bytes())
    Ingestor(store, {account.email, prefs.user_email}).ingest(parsed, MailResult(), fallback=store.clock.now())
    row = store.conn.execute(
        "SELECT touch_point_id FROM mail_messages WHERE message_id = ? AND contact_id = ?",
        (parsed.message_id, fu.contact_id),
    ).fetchone()
    tp_id = int(row[0])
    if store.follow_ups.get(follow_up_id).status == Status.OPEN:
        store.follow_ups.close(follow_up_id, Status.DONE, store.clock.now(), resolved_by=tp_id)
    return tp_id

"""Invitations by mail (iMIP, RFC 6047), as Outlook and Gmail expect them:

multipart/mixed
  multipart/alternative
    text/plain                                  (for people)
    text/calendar; method=REQUEST|CANCEL        (Accept/Decline buttons)
  application/ics; name=invite.ics              (the same calendar, attached)

The calendar is followup.calendar's export: ORGANIZER the user, every
contact an ATTENDEE with RSVP, SEQUENCE rising with each change.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from followup.calendar.export import ExportRequest, Mode, export
from followup.errors import ValidationError
from followup.preferences import Preferences
from followup.store import Store
from followup.timeutil import zone


@dataclass(slots=True)
class Invitation:
    message: EmailMessage
    recipients: list[str]
    method: str
    sequence: int
    uid: str
    warnings: list[str]


def build_invitation(store: Store, engagement_id: int, *, cancel: bool = False) -> Invitation:
    prefs = Preferences.load(store)
    if not prefs.user_email.strip():
        raise ValidationError("Invitations need your email address as the organizer: set it in Settings.")
    mode = Mode.CANCEL if cancel else Mode.REQUEST
    result = export(store, ExportRequest(engagement_id=engagement_id, mode=mode), prefs)
    event = result.events[0]
    engagement = store.engagements.get(engagement_id)
    recipients = [email for email, _ in event.attendees]
    tz = zone(prefs.user_tz)
    if engagement.start is not None:
        when = engagement.start.astimezone(tz).strftime("%A %d %B %Y, %H:%M") + f" ({prefs.user_tz})"
    else:
        when = engagement.start_date.strftime("%A %d %B %Y") if engagement.start_date else ""
    msg = EmailMessage()
    msg["From"] = formataddr((prefs.user_name.strip(), prefs.user_email.strip()))
    msg["To"] = ", ".join(formataddr((name, email)) for email, name in event.attendees)
    msg["Subject"] = ("Cancelled: " if cancel else "Invitation: ") + engagement.title + (f" @ {when}" if when else "")
    msg["Date"] = format_datetime(store.clock.now())
    msg["Message-ID"] = make_msgid(domain=prefs.user_email.rpartition("@")[2] or "followup.invalid")
    lines = [
        ("This meeting has been cancelled: " if cancel else "You are invited: ") + engagement.title,
        f"When: {when}" if when else "",
        f"Where: {engagement.location}" if engagement.location else "",
        f"Organizer: {prefs.user_name.strip() or prefs.user_email.strip()} <{prefs.user_email.strip()}>",
        "",
        "" if cancel else "Your calendar shows Accept and Decline for this invitation; the .ics file is attached too.",
    ]
    msg.set_content("\n".join(line for line in lines if line is not None).strip() + "\n")
    calendar = result.data
    msg.make_alternative()
    msg.add_alternative(calendar, maintype="text", subtype="calendar", params={"method": mode.value})
    for part in msg.iter_parts():  # add_alternative with bytes sets no charset
        if part.get_content_type() == "text/calendar":
            part.set_param("charset", "UTF-8")
    msg.make_mixed()
    msg.add_attachment(calendar, maintype="application", subtype="ics", filename="invite.ics")
    return Invitation(msg, recipients, mode.value, event.sequence, event.uid, result.warnings)

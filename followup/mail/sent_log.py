"""What Followup itself sends (an invitation, a follow-up) is logged at once,
exactly as the sync would log it from the Sent folder: a touch point per
contact it went to (channel email, outbound, the subject as summary), with
its Message-ID kept, so the later sync of Sent finds it logged and adds nothing."""

from __future__ import annotations

from email.message import EmailMessage

from followup.mail.ingest import Ingestor, MailResult
from followup.mail.message import parse
from followup.preferences import Preferences
from followup.store import Store


def log_sent(store: Store, message: EmailMessage, account_email: str) -> list[int]:
    """Log a message just sent; returns the touch point ids, one per contact it went to."""
    prefs = Preferences.load(store)
    parsed = parse(message.as_bytes())
    result = MailResult()
    Ingestor(store, {account_email, prefs.user_email}).ingest(parsed, result, fallback=store.clock.now())
    rows = store.conn.execute(
        "SELECT touch_point_id FROM mail_messages WHERE message_id = ? AND touch_point_id IS NOT NULL "
        "ORDER BY contact_id",
        (parsed.message_id,),
    )
    return [int(r[0]) for r in rows]


def send_invitation(store: Store, engagement_id: int, account_email: str | None = None) -> tuple[str, list[int]]:
    """Send the engagement's invitation (an update, with a higher SEQUENCE, when it
    changed since the last one) to its contacts and log it; returns the account it
    went from and the touch points logged."""
    from followup.mail.imip import build_invitation
    from followup.mail.send import send, sending_account

    account = sending_account(store, account_email)
    invitation = build_invitation(store, engagement_id)
    send(account, invitation.message, invitation.recipients)
    return account.email, log_sent(store, invitation.message, account.email)

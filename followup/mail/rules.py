"""Does an inbound message ask for a reply? The rules (docs/mail.md):

1. it is addressed to the user in To, not only in Cc;
2. it is not from a mailing list (List-Id, List-Unsubscribe, List-Post);
3. it is not automatic: no Auto-Submitted (other than "no"), no Precedence
   bulk, list, junk or auto_reply, no X-Autoreply/X-Autorespond, not an
   out-of-office or automatic reply by its subject, not from a no-reply
   sender (noreply, no-reply, donotreply, mailer-daemon, postmaster), not
   an answer to an invitation (iMIP REPLY; a COUNTER, a new time proposed,
   does need an answer);
4. it is not a bare "thanks": a short message that only thanks or
   acknowledges, with no question in it.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from followup.mail.message import Parsed

_NO_REPLY = re.compile(
    r"^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?)([+.\-_].*)?@", re.I
)
_OUT_OF_OFFICE = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|auto:|abwesenheitsnotiz|"
    r"réponse automatique|respuesta automática|absence)",
    re.I,
)
_THANKS = re.compile(
    r"^(many |thank you|thanks|thx|ty|cheers|great|perfect|ok|okay|got it|noted|danke|merci|gracias|"
    r"sounds good|will do|all good|appreciated|much appreciated)\b",
    re.I,
)


def reply_needed(msg: Parsed, user_addresses: Collection[str], text: str) -> tuple[bool, str]:
    """(needs a reply, the reason when not), ``text`` being the snippet without quotes."""
    mine = {a.lower() for a in user_addresses}
    if not any(addr in mine for _, addr in msg.to):
        return False, "not addressed to you in To" if any(a in mine for _, a in msg.cc) else "not addressed to you"
    if any(h in msg.headers for h in ("list-id", "list-unsubscribe", "list-post")):
        return False, "from a mailing list"
    auto = msg.headers.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return False, "sent automatically (Auto-Submitted)"
    if msg.headers.get("precedence", "").strip().lower() in ("bulk", "list", "junk", "auto_reply"):
        return False, "bulk mail (Precedence)"
    if "x-autoreply" in msg.headers or "x-autorespond" in msg.headers:
        return False, "an automatic reply"
    if _OUT_OF_OFFICE.match(msg.subject):
        return False, "an out-of-office or automatic reply"
    if msg.calendar_method == "REPLY":
        return False, "an answer to an invitation"
    if msg.sender and _NO_REPLY.match(msg.sender[1]):
        return False, "from a no-reply address"
    if bare_thanks(text):
        return False, "only says thanks"
    return True, ""


_REQUEST = re.compile(r"\b(please|could|can|would|need|when|send|let me know|bitte|kannst|könnten)\b", re.I)


def bare_thanks(text: str) -> bool:
    words = re.findall(r"[\w']+", text)
    return 0 < len(words) <= 12 and "?" not in text and not _REQUEST.search(text) and bool(_THANKS.match(text.strip()))

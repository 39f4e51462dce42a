"""An invitation's answer that came back by mail (iMIP REPLY, RFC 6047):
the attendee's PARTSTAT (and a proposed time, COUNTER) on the engagement."""

from __future__ import annotations

from datetime import datetime


def apply_reply(store: object, data: bytes, contact_id: int, at: datetime) -> bool:
    return False

"""Synthetic calendars for tests and bench/bench_calendar.py: many events, as
a Google export would hold them (UTC times, an organizer and a guest)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def many_events(n: int, *, start: datetime | None = None, people: int = 50) -> bytes:
    start = start or datetime(2026, 11, 24, 9, tzinfo=UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Work",
    ]
    fmt = "%Y%m%dT%H%M%SZ"
    for i in range(n):
        at = start + timedelta(hours=(i % 8), days=i // 8 % 80)
        lines += [
            "BEGIN:VEVENT",
            f"DTSTART:{at:{fmt}}",
            f"DTEND:{at + timedelta(minutes=45):{fmt}}",
            "DTSTAMP:20261122T120000Z",
            f"UID:bench-{i}@google.com",
            f"ORGANIZER;CN=Person {i % people}:mailto:person{i % people}@client.example",
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN=Guest {i % 7}:mailto:guest{i % 7}@partner.example",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            f"SUMMARY:Meeting {i} about the renewal\\, pricing and the delivery plan",
            "DESCRIPTION:Agenda:\\n1. Review\\n2. Next steps",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()

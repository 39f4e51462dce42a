"""RFC 5546 (iTIP) restrictions on VEVENTs, per METHOD: the checks libical's
icalrestriction_check() makes, for the properties that Outlook and Google care
about. Applied to our own output only (real Google exports break them)."""

from __future__ import annotations

from icalendar import Calendar

# property -> (min, max) occurrences per VEVENT; None: no upper bound.
RULES: dict[str, dict[str, tuple[int, int | None]]] = {
    "PUBLISH": {
        "ORGANIZER": (1, 1),
        "ATTENDEE": (0, 0),
        "DTSTAMP": (1, 1),
        "DTSTART": (1, 1),
        "SUMMARY": (1, 1),
        "UID": (1, 1),
        "SEQUENCE": (0, 1),
        "RECURRENCE-ID": (0, 1),
    },
    "REQUEST": {
        "ORGANIZER": (1, 1),
        "ATTENDEE": (1, None),
        "DTSTAMP": (1, 1),
        "DTSTART": (1, 1),
        "SUMMARY": (1, 1),
        "UID": (1, 1),
        "SEQUENCE": (0, 1),
    },
    "CANCEL": {
        "ORGANIZER": (1, 1),
        "ATTENDEE": (0, None),
        "DTSTAMP": (1, 1),
        "UID": (1, 1),
        "SEQUENCE": (1, 1),
        "STATUS": (0, 1),
    },
}


def method_problems(data: bytes) -> list[str]:
    cal = Calendar.from_ical(data)
    method = str(cal.get("METHOD", ""))
    problems = []
    if method not in RULES:
        return [f"unexpected METHOD {method!r}"]
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID"))
        for prop, (low, high) in RULES[method].items():
            found = ev.get(prop)
            n = 0 if found is None else len(found) if isinstance(found, list) else 1
            if n < low or (high is not None and n > high):
                problems.append(f"{uid}: {method} wants {prop} {low}..{high if high is not None else 'n'}, has {n}")
        if method == "CANCEL" and str(ev.get("STATUS", "CANCELLED")) != "CANCELLED":
            problems.append(f"{uid}: CANCEL with STATUS {ev.get('STATUS')}")
        if method == "REQUEST" and int(ev.get("SEQUENCE", 0)) > 0 and ev.get("SEQUENCE") is None:
            problems.append(f"{uid}: REQUEST update without SEQUENCE")
    return problems


def raw_lines(data: bytes) -> list[bytes]:
    """The physical lines, after checking every one ends in CRLF."""
    assert data.endswith(b"\r\n")
    body = data[:-2]
    assert b"\n" not in body.replace(b"\r\n", b""), "a bare LF outside CRLF"
    assert b"\r" not in body.replace(b"\r\n", b""), "a bare CR outside CRLF"
    return body.split(b"\r\n")


def vevent_blocks(data: bytes) -> list[list[bytes]]:
    blocks: list[list[bytes]] = []
    current: list[bytes] | None = None
    for line in raw_lines(data):
        if line == b"BEGIN:VEVENT":
            current = []
        elif line == b"END:VEVENT":
            assert current is not None
            blocks.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return blocks

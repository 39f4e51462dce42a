"""'Add to Google Calendar' and 'Add to Outlook' links for one item.

Neither page is an official API, but both are widely used (CALENDAR-INTEROP):
times in UTC, all-day items as dates with an exclusive end, every value
percent-encoded.
"""

from __future__ import annotations

from datetime import UTC
from urllib.parse import quote, urlencode

from followup.calendar.events import EventData

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_WORK = "https://outlook.office.com/calendar/0/deeplink/compose"
OUTLOOK_PERSONAL = "https://outlook.live.com/calendar/0/deeplink/compose"
# Browsers and the pages themselves cut long URLs; the description is trimmed to fit.
MAX_DETAILS = 1500


def _encode(params: list[tuple[str, str]]) -> str:
    # quote_via=quote writes spaces as %20, which both pages read; '+' is read
    # as a literal plus by Outlook's page.
    return urlencode(params, quote_via=quote, safe="")


def _details(text: str) -> str:
    return text if len(text) <= MAX_DETAILS else text[: MAX_DETAILS - 1].rstrip() + "…"


def google_url(event: EventData) -> str:
    if event.start is not None and event.end is not None:
        fmt = "%Y%m%dT%H%M%SZ"
        dates = f"{event.start.astimezone(UTC):{fmt}}/{event.end.astimezone(UTC):{fmt}}"
    else:
        assert event.start_date is not None and event.end_date is not None
        dates = f"{event.start_date:%Y%m%d}/{event.end_date:%Y%m%d}"
    params = [("action", "TEMPLATE"), ("text", event.title), ("dates", dates)]
    if event.description:
        params.append(("details", _details(event.description)))
    if event.location:
        params.append(("location", event.location))
    return f"{GOOGLE}?{_encode(params)}"


def outlook_url(event: EventData, *, personal: bool = False) -> str:
    params = [("path", "/calendar/action/compose"), ("rru", "addevent"), ("subject", event.title)]
    if event.start is not None and event.end is not None:
        fmt = "%Y-%m-%dT%H:%M:%SZ"
        params += [("startdt", f"{event.start.astimezone(UTC):{fmt}}"), ("enddt", f"{event.end.astimezone(UTC):{fmt}}")]
    else:
        assert event.start_date is not None and event.end_date is not None
        params += [
            ("startdt", event.start_date.isoformat()),
            ("enddt", event.end_date.isoformat()),
            ("allday", "true"),
        ]
    if event.description:
        params.append(("body", _details(event.description)))
    if event.location:
        params.append(("location", event.location))
    return f"{OUTLOOK_PERSONAL if personal else OUTLOOK_WORK}?{_encode(params)}"

"""Printing results: JSON for scripts, aligned text for people."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from followup.domain import Contact, ContactRow


def iso(instant: datetime | None, tz: ZoneInfo) -> str | None:
    """ISO 8601 with the offset of ``tz`` (the user's zone), or None."""
    return instant.astimezone(tz).isoformat() if instant else None


def write_json(out: TextIO, data: Any) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_json_list(out: TextIO, items: Iterable[Any]) -> int:
    """A JSON array written item by item, byte for byte what ``write_json``
    writes for the same list, without holding the list. Returns the count."""
    count = 0
    for item in items:
        out.write("[\n" if count == 0 else ",\n")
        out.write(textwrap.indent(json.dumps(item, ensure_ascii=False, indent=2), "  "))
        count += 1
    out.write("[]\n" if count == 0 else "\n]\n")
    return count


def contact_json(contact: Contact, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.name,
        "kind": contact.kind.value,
        "organisation": contact.organisation,
        "title": contact.title,
        "emails": [e.value for e in contact.emails],
        "phones": [p.value for p in contact.phones],
        "tags": list(contact.tags),
        "preferred_channel": contact.preferred_channel.value,
        "tz": contact.tz,
        "archived": contact.archived,
        "last_touched": iso(contact.last_touched_at, tz),
    }


def row_json(row: ContactRow, phones: list[str], tz: ZoneInfo) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind.value,
        "organisation": row.organisation,
        "emails": list(row.emails),
        "phones": phones,
        "tags": list(row.tags),
        "archived": row.archived,
        "last_touched": iso(row.last_touched_at, tz),
    }


def table(out: TextIO, headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")

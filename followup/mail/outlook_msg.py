"""Outlook .msg files (MS-OXMSG), read with olefile (BSD licensed).

A .msg is an OLE compound file of MAPI properties. When Outlook kept the
internet headers (PR_TRANSPORT_MESSAGE_HEADERS), those are read as they
are; otherwise the headers are rebuilt from the properties (subject,
sender, recipients, submit time, Message-ID, In-Reply-To).
"""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, formataddr
from pathlib import Path
from typing import Any

from followup.errors import ValidationError
from followup.mail.html_text import html_to_text
from followup.mail.message import Parsed, parse

_PREFIX = "__substg1.0_"


def _string(ole: Any, storage: str, prop: str) -> str:
    for kind, encoding in (("001F", "utf-16-le"), ("001E", "cp1252")):
        name = f"{storage}{_PREFIX}{prop}{kind}"
        if ole.exists(name):
            return str(ole.openstream(name).read().decode(encoding, errors="replace").rstrip("\x00"))
    return ""


def _binary(ole: Any, storage: str, prop: str) -> bytes:
    name = f"{storage}{_PREFIX}{prop}0102"
    return bytes(ole.openstream(name).read()) if ole.exists(name) else b""


def _fixed(ole: Any, storage: str, header: int) -> dict[int, bytes]:
    """Fixed-size properties (times, numbers): tag -> 8-byte value."""
    name = f"{storage}__properties_version1.0"
    if not ole.exists(name):
        return {}
    data = ole.openstream(name).read()[header:]
    out = {}
    for i in range(0, len(data) - 15, 16):
        tag = struct.unpack_from("<I", data, i)[0]
        if tag:
            out[tag] = data[i + 8 : i + 16]
    return out


def _filetime(value: bytes | None) -> datetime | None:
    if not value:
        return None
    ticks = struct.unpack("<Q", value)[0]
    if not ticks:
        return None
    return datetime(1601, 1, 1, tzinfo=UTC) + timedelta(microseconds=ticks // 10)


def read_msg(path: Path) -> Parsed:
    import olefile  # type: ignore[import-untyped]

    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError) as error:
        raise ValidationError(f"not a readable Outlook message ({error})") from None
    try:
        headers = _string(ole, "", "007D")
        body = _string(ole, "", "1000")
        if not body:
            html = _binary(ole, "", "1013")
            body = html_to_text(html.decode("utf-8", errors="replace")) if html else ""
        if headers.strip():
            head = "\r\n".join(line for line in headers.strip().splitlines() if not line.lower().startswith("content-"))
        else:
            head = _rebuild_headers(ole)
    finally:
        ole.close()
    raw = head.strip() + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
    return parse(raw.encode("utf-8"))


def _rebuild_headers(ole: Any) -> str:
    fixed = _fixed(ole, "", 32)
    sent = _filetime(fixed.get(0x00390040)) or _filetime(fixed.get(0x0E060040))
    sender = _string(ole, "", "5D01") or _string(ole, "", "0C1F") or _string(ole, "", "0065")
    lines = [
        "Subject: " + _string(ole, "", "0037"),
        "From: " + formataddr((_string(ole, "", "0C1A"), sender)),
    ]
    to: list[str] = []
    cc: list[str] = []
    for entry in ole.listdir(streams=False, storages=True):
        if len(entry) != 1 or not entry[0].startswith("__recip_version1.0_"):
            continue
        storage = entry[0] + "/"
        address = _string(ole, storage, "39FE") or _string(ole, storage, "3003")
        kind = struct.unpack_from("<I", _fixed(ole, storage, 8).get(0x0C150003, b"\x01\0\0\0\0\0\0\0"))[0]
        (cc if kind == 2 else to).append(formataddr((_string(ole, storage, "3001"), address)))
    if to:
        lines.append("To: " + ", ".join(to))
    if cc:
        lines.append("Cc: " + ", ".join(cc))
    if sent:
        lines.append("Date: " + format_datetime(sent))
    for prop, header in (("1035", "Message-ID"), ("1042", "In-Reply-To"), ("1039", "References")):
        value = _string(ole, "", prop)
        if value:
            lines.append(f"{header}: {value}")
    return "\r\n".join(lines)

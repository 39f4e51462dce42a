"""A minimal OLE compound file writer (MS-CFB, version 3), to make Outlook
.msg fixtures here instead of committing someone else's files.

Every stream is padded with NULs to at least 4096 bytes, so all live in
regular sectors and no mini stream is needed (NUL padding is harmless for
the MAPI strings and property tables written by ``msg_file``)."""

from __future__ import annotations

import itertools
import struct
from datetime import datetime
from pathlib import Path

FREE, END, FAT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def write_cfb(path: Path, tree: dict[str, object]) -> None:
    """``tree``: name -> bytes (a stream) or a dict (a storage)."""
    entries: list[dict[str, object]] = [{"name": "Root Entry", "type": 5, "kids": []}]

    def add(children: dict[str, object], parent: int) -> None:
        for name, value in children.items():
            index = len(entries)
            entries[parent]["kids"].append(index)  # type: ignore[attr-defined]
            if isinstance(value, dict):
                entries.append({"name": name, "type": 1, "kids": []})
                add(value, index)
            else:
                data = bytes(value)  # type: ignore[arg-type]
                data += b"\0" * max(0, 4096 - len(data))
                entries.append({"name": name, "type": 2, "kids": [], "data": data})

    add(tree, 0)
    dir_sectors = -(-len(entries) * 128 // SECTOR)
    stream_sectors = sum(-(-len(e["data"]) // SECTOR) for e in entries if "data" in e)  # type: ignore[arg-type]
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + dir_sectors + stream_sectors:
        fat_sectors += 1
    fat = [FAT] * fat_sectors
    first_dir = len(fat)
    fat += [first_dir + i + 1 for i in range(dir_sectors - 1)] + [END]
    body = b""
    for e in entries:
        if "data" in e:
            data: bytes = e["data"]  # type: ignore[assignment]
            n = -(-len(data) // SECTOR)
            e["start"] = len(fat)
            fat += [len(fat) + i + 1 for i in range(n - 1)] + [END]
            body += data + b"\0" * (n * SECTOR - len(data))
    fat += [FREE] * (fat_sectors * 128 - len(fat))
    directory = b""
    for e in entries:
        kids: list[int] = e["kids"]  # type: ignore[assignment]
        for a, b in itertools.pairwise(kids):
            entries[a]["right"] = b
        name = str(e["name"]).encode("utf-16-le") + b"\0\0"
        directory += struct.pack(
            "<64sHBBIII16sIQQIQ",
            name,
            len(name),
            int(e["type"]),  # type: ignore[call-overload]
            1,
            NOSTREAM,
            int(e.get("right", NOSTREAM)),  # type: ignore[call-overload]
            kids[0] if kids else NOSTREAM,
            b"\0" * 16,
            0,
            0,
            0,
            int(e.get("start", END)),  # type: ignore[call-overload]
            len(e.get("data", b"")),  # type: ignore[arg-type]
        )
    empty = struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, b"\0" * 16, 0, 0, 0, 0, 0)
    directory += empty * (dir_sectors * 4 - len(entries))
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        fat_sectors,
        first_dir,
        0,
        4096,
        END,
        0,
        END,
        0,
        *difat,
    )
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    path.write_bytes(header + fat_bytes + directory + body)


def _unicode(text: str) -> bytes:
    return text.encode("utf-16-le") + b"\0\0"


def msg_file(
    path: Path,
    *,
    subject: str,
    sender: str,
    sender_name: str,
    to: list[tuple[str, str]],
    body: str,
    sent: datetime,
    message_id: str,
    in_reply_to: str = "",
) -> None:
    """An Outlook .msg without internet headers: everything from MAPI properties."""
    ticks = int((sent.timestamp() + 11644473600) * 10_000_000)
    props = b"\0" * 32 + struct.pack("<IIQ", 0x00390040, 6, ticks)
    tree: dict[str, object] = {
        "__substg1.0_0037001F": _unicode(subject),
        "__substg1.0_0C1A001F": _unicode(sender_name),
        "__substg1.0_5D01001F": _unicode(sender),
        "__substg1.0_1000001F": _unicode(body),
        "__substg1.0_1035001F": _unicode(message_id),
        "__properties_version1.0": props,
    }
    if in_reply_to:
        tree["__substg1.0_1042001F"] = _unicode(in_reply_to)
    for i, (name, address) in enumerate(to):
        tree[f"__recip_version1.0_#{i:08X}"] = {
            "__substg1.0_3001001F": _unicode(name),
            "__substg1.0_39FE001F": _unicode(address),
            "__properties_version1.0": b"\0" * 8 + struct.pack("<IIQ", 0x0C150003, 6, 1),
        }
    write_cfb(path, tree)

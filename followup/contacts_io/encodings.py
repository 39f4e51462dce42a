"""Which encoding a contacts file was written in, named as people say it.

What programs really write: UTF-8 with or without a byte-order mark (Google,
Apple, phones), UTF-16 with a mark (Outlook's "Unicode" CSV), Windows-1252 and
its Central European and Cyrillic siblings (Outlook on Windows), and the East
Asian legacy encodings (Shift-JIS from Japanese phones and Excel, GB18030,
Big5, EUC-KR). A vCard may say its own with CHARSET on each property.

Order of the decision: a byte-order mark; UTF-8 (also when a few bytes are
damaged, which are then replaced and reported rather than the whole file
read as Windows-1252); a vCard's own CHARSET; Windows-1252 or -1250 when the
text reads as a Latin alphabet; otherwise charset-normalizer chooses among
the legacy encodings above by how the text reads.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from followup.contacts_io.model import ContactsFileError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 with BOM"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_CHARSET = re.compile(rb";\s*CHARSET\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)

# Python codecs (the superset Windows really uses) -> the name people know.
NAMES = {
    "cp932": "Shift-JIS", "gb18030": "GB18030", "cp950": "Big5", "cp949": "EUC-KR",
    "cp1250": "Windows-1250", "cp1251": "Windows-1251", "cp1252": "Windows-1252", "cp1253": "Windows-1253",
    "cp1254": "Windows-1254", "cp1255": "Windows-1255", "cp1256": "Windows-1256", "cp1257": "Windows-1257",
    "utf-8": "UTF-8", "latin-1": "Latin-1", "iso8859-1": "Latin-1",
}  # fmt: skip
# CHARSET values (vCard 2.1, MIME names) -> the codec that reads what those programs write.
_CHARSET_CODECS = {
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "windows-31j": "cp932",
    "cp932": "cp932", "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "cp950",
    "big5-hkscs": "big5hkscs", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "iso-8859-1": "cp1252",
    "us-ascii": "utf-8", "utf-8": "utf-8",
}  # fmt: skip
_LEGACY = ["cp932", "gb18030", "cp950", "cp949", "cp1251", "cp1253", "cp1250", "cp1252"]
# Common in Latin-alphabet text besides letters.
_LATIN_SYMBOLS = set("€£¥°§«»„“”‘’–—…•·²³½¼¾©®™×÷¿¡ºªµ\u00a0")
# What Windows-1252 shows for Polish, Czech... letters written in Windows-1250.
_ODD_1252 = set("¹³¿¥¼¾¯ŸŒœ£¤¦")


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)  # what the reader should know: damaged bytes


def decode(data: bytes) -> Decoded:
    """The text, the name of its encoding and any notes; ContactsFileError for binary data."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), name)
            except UnicodeDecodeError as error:
                raise ContactsFileError(f"The file says it is {name} but byte {error.start:,} is not.") from None
    head = data[:65536]
    if b"\x00" in head or len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise ContactsFileError(
            "This is not a contacts file: it holds binary data, not text. "
            "Export your contacts as vCard (.vcf) or CSV and import that."
        )
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    if data.lstrip()[:11].upper() == b"BEGIN:VCARD" and _CHARSET.search(data):
        return _vcard_charsets(data)
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    codec = guess_legacy(data)
    return Decoded(data.decode(codec), NAMES.get(codec, codec))


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes: read as UTF-8, the bad spots replaced and named."""
    spots: list[int] = []
    decoder = codecs.getincrementaldecoder("utf-8")()
    position = 0
    view = memoryview(data)
    while position < len(data) and len(spots) <= 20:
        try:
            decoder.decode(view[position:], final=True)
            break
        except UnicodeDecodeError as error:
            spots.append(position + error.start)
            position += error.end
            decoder.reset()
    if not spots or len(spots) > 20 or len(_MULTIBYTE.findall(data)) < max(2, 2 * len(spots)):
        return None
    lines = sorted({data.count(b"\n", 0, spot) + 1 for spot in spots})
    where = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(str(n) for n in lines)
    note = (
        f"The file is UTF-8 but {where} {'has a byte that is' if len(spots) == 1 else 'have bytes that are'} "
        "not UTF-8 (damaged): shown as \ufffd there; the rest is read as written."
    )
    return Decoded(data.decode("utf-8", errors="replace"), "UTF-8", [note])


def _vcard_charsets(data: bytes) -> Decoded:
    """A vCard 2.1 whose properties name their CHARSET: each line in its own."""
    declared = [_codec(m.group(1).decode("ascii")) for m in _CHARSET.finditer(data)]
    known = [c for c in declared if c]
    fallback = max(set(known), key=known.count) if known else guess_legacy(data)
    out: list[str] = []
    current = fallback
    used: set[str] = set()
    for line in data.splitlines(keepends=True):
        if not line[:1].isspace():
            found = _CHARSET.search(line.split(b":", 1)[0])
            current = (_codec(found.group(1).decode("ascii")) if found else None) or "utf-8"
        for codec in (current, "utf-8", fallback):
            try:
                out.append(line.decode(codec))
                used.add(codec)
                break
            except UnicodeDecodeError:
                continue
        else:
            out.append(line.decode(fallback, errors="replace"))
            used.add(fallback)
    named = sorted(NAMES.get(c, c) for c in used if c != "utf-8") or ["UTF-8"]
    return Decoded("".join(out), f"{', '.join(named)} (the vCard's CHARSET)")


def _codec(charset: str) -> str | None:
    name = charset.strip().lower()
    codec = _CHARSET_CODECS.get(name, name)
    try:
        codecs.lookup(codec)
    except LookupError:
        return None
    return codec


def guess_legacy(data: bytes) -> str:
    """The Python codec of a file that is not UTF-8."""
    western = _strict(data, "cp1252")
    if western is not None and _reads_as_latin(western):
        central = _strict(data, "cp1250")
        if central is not None and _odd(western, _ODD_1252) > _odd(central, set()):
            return "cp1250"
        return "cp1252"
    from charset_normalizer import from_bytes  # 20 ms to import: only for these files

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is not None:
        return codecs.lookup(best.encoding).name
    return "cp1252" if western is not None else "latin-1"


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _reads_as_latin(text: str) -> bool:
    """Accented letters one or two at a time among plain ones, as in Latin alphabets;
    not the runs of accented capitals that Cyrillic or CJK bytes make."""
    runs = _NON_ASCII.findall(text)
    if not runs:
        return True
    chars = "".join(runs)
    fitting = sum(1 for ch in chars if ch.isalpha() or ch in _LATIN_SYMBOLS)
    long_runs = sum(1 for run in runs if len(run) >= 3)
    return fitting >= 0.9 * len(chars) and long_runs <= 0.1 * len(runs)


def _odd(text: str, odd: set[str]) -> int:
    """Characters that are unlikely next to a letter in the text's language."""
    count = 0
    for i, ch in enumerate(text):
        if ch in odd or not (ch.isascii() or ch.isalpha() or ch in _LATIN_SYMBOLS):
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalpha() or after.isalpha():
                count += 1
    return count

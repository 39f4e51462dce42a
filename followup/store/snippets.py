"""A search snippet cut in Python, for notes too long for FTS5's snippet().

FTS5's snippet() scores each phrase instance against the others: on a note of
millions of characters with thousands of hits it took 17-34 s. Here the first
match (in the summary, else the notes) is found with one linear regular
expression that matches like the index does (word prefixes, any case, any
accents), and a window of words around it is highlighted like snippet() does.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

HIT_START, HIT_END = "\x02", "\x03"  # snippet markers the UI turns into bold
ELLIPSIS = "…"
BEFORE, AFTER = 5, 11  # words around the first match: 16 in all, as snippet(..., 16)
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents (as the index's remove_diacritics)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _variants() -> dict[str, str]:
    """Each ASCII letter with every Latin letter that folds to it, as a regex class."""
    groups: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = fold(ch)
        if len(base) == 1 and base.isascii() and base.isalpha():
            groups.setdefault(base, {base}).update({ch, ch.lower(), ch.upper()})
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in groups.items()}


def pattern(words: list[str]) -> re.Pattern[str]:
    """Matches any of ``words`` as the index does: a prefix of a word (a
    one-letter word whole), any case, any accents."""
    variants = _variants()
    parts = []
    for word in words:
        body = "".join(variants.get(c, re.escape(c)) for c in fold(word))
        parts.append(body + (r"(?!\w)" if len(word) == 1 else r"\w*"))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts or [r"(?!)"]) + ")", re.IGNORECASE)


def long_snippet(summary: str, notes: str, words: list[str]) -> str:
    """About 16 words around the first match, the matches marked, '…' where cut."""
    found = pattern(words)
    for text in (summary, notes):
        first = found.search(text)
        if first is not None:
            return _window(text, first.start(), found)
    return _window(notes, 0, found)


def _window(text: str, at: int, found: re.Pattern[str]) -> str:
    before = list(_WORD.finditer(text, max(0, at - 60 * BEFORE), at))
    start = before[-BEFORE].start() if len(before) >= BEFORE else before[0].start() if before else at
    if len(before) < BEFORE and at - 60 * BEFORE <= 0:
        start = 0
    after = list(_WORD.finditer(text, at, min(len(text), at + 60 * AFTER)))
    end = after[AFTER - 1].end() if len(after) >= AFTER else (after[-1].end() if after else at)
    if len(after) < AFTER and at + 60 * AFTER >= len(text):
        end = len(text)
    piece = found.sub(lambda m: f"{HIT_START}{m.group(0)}{HIT_END}", text[start:end])
    return (ELLIPSIS if start > 0 else "") + piece + (ELLIPSIS if end < len(text) else "")

"""Finding anyone: the one matching rule of the contact filter and of
`contacts --query` (issue 15).

Accents and case fold away ("jose pena" finds José Peña, "angstrom" finds
Ängström); every word must match somewhere, in any order ("gonzalez maria");
a query that is a phone number matches by digits, in international or
national form ("+49 30" and "030" both find +49 30 1234567); the "Their
space" notes count too. Plain functions over strings: no store, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

SEP = "\x1f"  # between the parts of a haystack: no word matches across two of them
# Letters NFKD does not take apart.
_LETTERS = {"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "đ": "d",
            "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d"}  # fmt: skip
_SPECIAL = re.compile(f"[{''.join(_LETTERS)}]")
_NOT_DIGIT = re.compile(r"\D")
_PHONE_QUERY = re.compile(r"^\+?[\d\s().\-/]+$")


# Combining marks of the Latin, Greek and Cyrillic accents (NFKD puts them after their letter).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents: "Ängström" -> "angstrom". Plain ASCII (most
    text) takes the fast path: 10,000 contacts' haystacks are built at start-up."""
    if text.isascii():
        return text.lower()
    if _SPECIAL.search(text):  # str.translate with a table is 10x slower than this test
        text = _SPECIAL.sub(lambda found: _LETTERS[found.group()], text)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def phone_keys(number: str) -> list[str]:
    """The digit strings a phone number can be typed as: international
    ("4930…"), and national with a trunk 0 for a 1-3 digit country code ("030…")."""
    digits = _NOT_DIGIT.sub("", number)
    if not digits:
        return []
    stripped = number.strip()
    if digits.startswith("00"):
        digits, international = digits[2:], True
    else:
        international = stripped.startswith("+")
    keys = [digits]
    if international:
        keys += ["0" + digits[n:] for n in (1, 2, 3) if len(digits) > n + 4]
    return keys


def haystack(parts: Iterable[str], phones: Sequence[str] = ()) -> str:
    """What a contact is found by, folded once: names, organisation, emails,
    tags, notes; then a phone section of digit keys."""
    text = fold(SEP.join(parts))
    if not phones:
        return text
    keys = " ".join([k for number in phones for k in phone_keys(number)])
    return f"{text}{SEP}#{keys}" if keys else text


@dataclass(slots=True, frozen=True)
class Query:
    """What the user typed to find a contact, made ready to match."""

    words: tuple[str, ...]  # every one must be found
    digits: str  # a phone query's digits, or ""

    @property
    def empty(self) -> bool:
        return not self.words and not self.digits


def parse(text: str) -> Query:
    value = text.strip()
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 2 and _PHONE_QUERY.match(value):
        if value.startswith("00"):
            digits = digits[2:]
        return Query((), digits)
    return Query(tuple(fold(value).split()), "")


def matches(query: Query, hay: str) -> bool:
    if query.digits:
        cut = hay.rfind(SEP + "#")
        if cut >= 0 and query.digits in hay[cut + 2 :]:
            return True
        # a number typed as part of a name or a note ("Room 101") still counts
        return query.digits in hay[: cut if cut >= 0 else len(hay)]
    return all(word in hay for word in query.words)


class HasHaystack(Protocol):
    @property
    def haystack(self) -> str: ...


R = TypeVar("R", bound=HasHaystack)


def select(query: Query, rows: Sequence[R]) -> list[R]:
    """The rows whose haystack ``query`` matches, in their order: one list
    comprehension a word (substring tests in C), ~1 ms for 10,000 contacts."""
    if query.digits:
        return [r for r in rows if query.digits in r.haystack]
    found = list(rows)
    for word in query.words:
        found = [r for r in found if word in r.haystack]
    return found

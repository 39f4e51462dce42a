"""Finding a person as the user types their name (issue 16): the few dozen
contacts a picker shows, never all of them.

A picker that listed every contact read, labelled and measured 100,000 of
them each time it opened (1.3 s for "Plan an engagement", 1.7 s to open
"Referred by"). ``pick`` answers one query with at most ``limit`` people, in
the order a person expects:

1. those whose name begins with what was typed (a range of the name index);
2. then those in whom every word typed begins a word of their name or
   organisation, or begins an email of theirs ("tay" finds Emma Taylor);
3. then those in whom every word appears anywhere in them.

Each in name order. Case is ignored, for any alphabet: a query of plain
ASCII is a LIKE (ASCII case-insensitive, and it can use the index); any
other query compares case-folded text. Tiers 2 and 3 are one pass. At
100,000 contacts a query that finds few people reads every contact once
(45-70 ms on this machine; ~200 ms outside ASCII, through a Python
function), so the window asks from a thread of its own (ui/widgets/
people_search.py).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence

from followup.validation import MAX_SHORT

LIMIT = 50
MAX_WORDS = 8  # of what was typed, looked for: SQLite takes a few hundred arguments at most
MAX_WORD = MAX_SHORT  # characters of a word: no name, organisation or email is longer (LIKE refuses 50,000)

_EMAIL = "coalesce((SELECT e.address FROM contact_emails e WHERE e.contact_id = c.id ORDER BY e.position LIMIT 1), '')"
_FOLD = "followup_fold"


def pick(conn: sqlite3.Connection, text: str, limit: int = LIMIT, exclude: int | None = None) -> list[tuple[int, str]]:
    """(id, label) of at most ``limit`` contacts matching ``text`` (archived
    ones too), best first; every contact's first ``limit`` when ``text`` is
    blank. ``exclude``: a contact never offered (nobody refers themselves).
    Labels as in every picker: a shared name with what tells its people apart."""
    # (a label typed whole: "Emma Taylor · Acme"; a paste of a page: its first few words)
    words = [word[:MAX_WORD] for word in text.replace("·", " ").split()[:MAX_WORDS]]
    ascii_only = all(w.isascii() for w in words)
    if not ascii_only:
        conn.create_function(_FOLD, 1, _fold, deterministic=True)
    words = [w.casefold() for w in words]
    found: dict[int, tuple[int, str, str, str]] = {}
    if exclude is not None:
        found[exclude] = (exclude, "", "", "")  # (taken out again below)
    keep = limit + (exclude is not None)
    for where, args, by_name in _passes(words, ascii_only):
        if len(found) >= keep:
            break
        sql = (
            f"SELECT c.id, c.name, coalesce(c.organisation, ''), {_EMAIL} FROM contacts c "
            f"{'' if by_name else 'NOT INDEXED '}"  # (else SQLite walks the name index row by row)
            f"WHERE {where} LIMIT ?"
        )
        for row in conn.execute(sql, (*args, keep)):
            if len(found) < keep:
                found.setdefault(row[0], row)
    if exclude is not None:
        del found[exclude]
    return _labelled(conn, list(found.values())[:limit])


def _passes(words: list[str], ascii_only: bool) -> list[tuple[str, list[object], bool]]:
    """(WHERE and ORDER BY, their arguments, whether it is a range of the name
    index) of each pass over the contacts, best first.

    First the names that begin with what was typed (most often what was
    meant: a range of the name index for ASCII). Then the two tiers that
    read every contact, in one pass, not one each: the rows in which every
    word appears anywhere (the wider tier), the word starts first, then by
    name. At 100,000 contacts a query that finds few people took 96 ms
    ("zzq") and 359 ms ("zzqé") when each tier read them all
    (bench/bench_people_search.py)."""
    by_name = "c.name COLLATE NOCASE, c.id"
    if not words:
        return [(f"c.name LIKE ? ORDER BY {by_name}", ["%"], True)]  # (the first of everyone)
    begins, word_start, anywhere = _tiers(words, ascii_only)
    rest = f"{anywhere[0]} ORDER BY CASE WHEN {word_start[0]} THEN 2 ELSE 3 END, {by_name}"
    return [
        (f"{begins[0]} ORDER BY {by_name}", begins[1], ascii_only),  # (not ASCII: a scan, few names are not)
        (rest, [*anywhere[1], *word_start[1]], False),
    ]


def _tiers(words: list[str], ascii_only: bool) -> tuple[tuple[str, list[object]], ...]:
    """(condition, its arguments) of each tier: the name begins with what was
    typed; every word begins a word of the contact or an email; every word
    is anywhere in them. Each tier holds the one before."""
    phrase = " ".join(words)
    if ascii_only:
        begins: tuple[str, list[object]] = ("c.name LIKE ? ESCAPE '\\'", [_escape(phrase) + "%"])
        word_start = _every(
            words,
            "(' ' || c.name || ' ' || coalesce(c.organisation, '')) LIKE ? ESCAPE '\\'",
            "e.address LIKE ? ESCAPE '\\'",
            lambda w: ("% " + _escape(w) + "%", _escape(w) + "%"),
        )
        anywhere = _every(
            words,
            "(c.name || ' ' || coalesce(c.organisation, '')) LIKE ? ESCAPE '\\'",
            "e.address LIKE ? ESCAPE '\\'",
            lambda w: ("%" + _escape(w) + "%",) * 2,
        )
        return begins, word_start, anywhere
    fold_name = f"{_FOLD}(' ' || c.name || ' ' || coalesce(c.organisation, ''))"
    begins_folded: tuple[str, list[object]] = (f"substr({_FOLD}(c.name), 1, ?) = ?", [len(phrase), phrase])
    word_start = _every(
        words, f"instr({fold_name}, ?) > 0", f"substr({_FOLD}(e.address), 1, length(?)) = ?", lambda w: (" " + w, w, w)
    )
    anywhere = _every(words, f"instr({fold_name}, ?) > 0", f"instr({_FOLD}(e.address), ?) > 0", lambda w: (w, w))
    return begins_folded, word_start, anywhere


def _every(
    words: Sequence[str], in_contact: str, in_email: str, args_of: Callable[[str], tuple[str, ...]]
) -> tuple[str, list[object]]:
    """Every word in the contact's name or organisation, or in one of their emails."""
    clauses: list[str] = []
    args: list[object] = []
    for word in words:
        clauses.append(f"({in_contact} OR c.id IN (SELECT e.contact_id FROM contact_emails e WHERE {in_email}))")
        args.extend(args_of(word))
    return " AND ".join(clauses), args


def _labelled(conn: sqlite3.Connection, people: list[tuple[int, str, str, str]]) -> list[tuple[int, str]]:
    """Each found person's label, as pickers have labelled people since issue 15, over the
    whole address book: the name alone, or, when someone else has it too,
    "name · organisation · email"; a number after labels still alike."""
    names = sorted({_nocase(name) for _cid, name, _org, _email in people})
    shared: set[str] = set()
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        shared.update(
            _nocase(name)
            for (name,) in conn.execute(
                f"SELECT name FROM contacts WHERE name COLLATE NOCASE IN ({marks}) "
                "GROUP BY name COLLATE NOCASE HAVING count(*) > 1",
                chunk,
            )
        )
    labels = [
        (cid, " · ".join(part for part in (name, org, email) if part) if _nocase(name) in shared else name)
        for cid, name, org, email in people
    ]
    alike = Counter(label.casefold() for _cid, label in labels)
    numbered: Counter[str] = Counter()
    out: list[tuple[int, str]] = []
    for cid, label in labels:
        key = label.casefold()
        if alike[key] > 1:
            numbered[key] += 1
            label = f"{label} ({numbered[key]})"
        out.append((cid, label))
    return out


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _nocase(text: str) -> str:
    """``text`` as SQLite's NOCASE compares it (ASCII letters only)."""
    return text.translate(_ASCII_LOWER)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fold(value: object) -> str:
    return value.casefold() if isinstance(value, str) else ""


def labels_of(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, str]:
    """The picker label of each of ``ids`` that is a contact."""
    marks = ", ".join("?" * len(ids))
    rows = (
        list(
            conn.execute(
                f"SELECT c.id, c.name, coalesce(c.organisation, ''), {_EMAIL} FROM contacts c WHERE c.id IN ({marks})",
                list(ids),
            )
        )
        if ids
        else []
    )
    return dict(_labelled(conn, rows))

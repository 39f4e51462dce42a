"""How a person is named in a picker: their name, and where two people share
a name, what tells them apart (their organisation, else their email), never
an internal id (issue 15)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.store import Store


def distinct_labels(people: list[tuple[int, str, str, str]]) -> list[tuple[int, str]]:
    """(id, label) for each (id, name, organisation, email), in the same order.

    "Emma Taylor" alone; "Emma Taylor · Acme" and "Emma Taylor · emma@b.example"
    when there are two; a number only when nothing else differs.
    """
    names = Counter(name.casefold() for _, name, _, _ in people)
    labels: list[tuple[int, str]] = []
    for cid, name, organisation, email in people:
        if names[name.casefold()] == 1:
            labels.append((cid, name))
        else:
            labels.append((cid, " · ".join(part for part in (name, organisation, email) if part)))
    # Two people with one name, one organisation and one email (or none): count them.
    seen = Counter(label.casefold() for _, label in labels)
    numbered: Counter[str] = Counter()
    out: list[tuple[int, str]] = []
    for cid, label in labels:
        key = label.casefold()
        if seen[key] > 1:
            numbered[key] += 1
            label = f"{label} ({numbered[key]})"
        out.append((cid, label))
    return out


def contact_labels(store: Store) -> list[tuple[int, str]]:
    """Every contact as (id, label), in the order of their names."""
    rows = {r.id: r for r in store.contacts.rows(include_archived=True)}
    people = []
    for cid, name in store.contacts.names():
        row = rows.get(cid)
        people.append((cid, name, row.organisation if row else "", row.primary_email if row else ""))
    return distinct_labels(people)

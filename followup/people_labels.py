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
    folded = [name.casefold() for _, name, _, _ in people]  # (each name folded once: 100,000 in a picker)
    names = Counter(folded)
    labels: list[tuple[int, str]] = []
    keys: list[str] = []  # each label, folded
    for (cid, name, organisation, email), key in zip(people, folded, strict=True):
        if names[key] == 1:
            labels.append((cid, name))
            keys.append(key)
        else:
            label = " · ".join(part for part in (name, organisation, email) if part)
            labels.append((cid, label))
            keys.append(label.casefold())
    # Two people with one name, one organisation and one email (or none): count them.
    seen = Counter(keys)
    if len(seen) == len(keys):
        return labels
    numbered: Counter[str] = Counter()
    out: list[tuple[int, str]] = []
    for (cid, label), key in zip(labels, keys, strict=True):
        if seen[key] > 1:
            numbered[key] += 1
            label = f"{label} ({numbered[key]})"
        out.append((cid, label))
    return out


def contact_labels(store: Store) -> list[tuple[int, str]]:
    """Every contact as (id, label), in the order of their names."""
    return distinct_labels(store.contacts.for_pickers())

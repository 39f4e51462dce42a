"""The contacts list keeps the whole list in each order it was asked for, so
typing never sorts and sorting again is a lookup (issue 16: 100,000 contacts).
Whatever it keeps, what it shows must be what sorting the filtered rows from
scratch shows, through any mix of sorts, filters, kinds, edits and removals."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from followup import matching
from followup.domain import ContactRow, Kind
from tests.ui.contacts.test_models import sort_key, visible_rows
from ui.contacts import orders
from ui.contacts.model import COLUMNS, ContactsTableModel

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
FIRST = ["Ana", "Bruno", "Chen", "Dana", "Émile", "Zoë", "ana", "Oğuz", "Yusuf", "Bo"]
LAST = ["Lima", "Costa", "Wei", "Smith", "Zola", "Åberg", "lima"]
ORGS = ["", "Acme", "acme", "Blue Harbor", "Zeta"]
KINDS = list(Kind)


def a_row(rng: random.Random, contact_id: int) -> ContactRow:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    org = rng.choice(ORGS)
    email = rng.choice(["", f"{name.split()[0].lower()}@{org.lower() or 'mail'}.example"])
    touched = None if rng.random() < 0.2 else NOW - timedelta(days=rng.randrange(0, 400))
    tags = tuple(rng.sample(["vip", "lisbon", "fair"], rng.randrange(0, 3)))
    haystack = " ".join([name, org, email, *tags]).casefold()
    return ContactRow(
        contact_id, name, org, rng.choice(KINDS), email, (email,) if email else (), tags, touched, False, haystack
    )


def expected(everyone: list[ContactRow], column: int, order: Qt.SortOrder, text: str, kind: Kind | None) -> list[int]:
    rows = [r for r in everyone if kind is None or r.kind == kind]
    rows = matching.select(matching.parse(text), rows) if text.strip() else rows
    ranked = sorted(rows, key=sort_key(None, column), reverse=order == Qt.SortOrder.DescendingOrder)  # type: ignore[arg-type]
    return [r.id for r in ranked]


def test_what_the_list_shows_is_always_the_filtered_rows_sorted_from_scratch(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(orders, "RUN", 16)  # orders sorted elsewhere come in many runs
    for seed in range(6):
        rng = random.Random(seed)
        everyone = sorted((a_row(rng, i) for i in range(1, 301)), key=lambda r: r.name.casefold())
        model = ContactsTableModel(lambda: NOW, ZoneInfo("Europe/Lisbon"))
        # GIVEN the list as the worker hands it over, already A to Z by name
        model.set_rows(everyone, in_name_order=True)
        column, order, text, kind = 0, Qt.SortOrder.AscendingOrder, "", None
        next_id = 301
        asked: tuple[int, dict[orders.Order, list[ContactRow]]] | None = None
        for step in range(120):
            # WHEN anything a user does happens, in any order, and orders sorted
            # on the worker arrive at any time later (after other changes, too)
            action = rng.choice(["sort", "filter", "kind", "edit", "add", "remove", "remove many", "prefetch"])
            if asked is not None and rng.random() < 0.4:
                model.adopt_orders(*asked)
                asked = None
            if action == "prefetch":
                generation, rows, wanted = model.order_request()
                asked = (generation, orders.every_order(rows, wanted, lambda: False))
            elif action == "sort":
                column = rng.randrange(len(COLUMNS))
                order = rng.choice([Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
                model.sort(column, order)
            elif action in ("filter", "kind"):
                if action == "filter":  # often a letter more or less than before, as typing goes
                    typed = text + rng.choice("aenilmoz é") if rng.random() < 0.5 else text[:-1]
                    text = rng.choice([typed, typed, "", "acme", "lima", "vip", "an li", "e", "nobody"])
                if action == "kind":
                    kind = rng.choice([None, None, *KINDS])
                model.set_filter(text, kind)
            elif action == "edit" and everyone:
                old = rng.choice(everyone)
                new = a_row(rng, old.id)
                everyone = [new if r.id == old.id else r for r in everyone]
                model.upsert(new)
            elif action == "add":
                new = a_row(rng, next_id)
                next_id += 1
                everyone.append(new)
                model.upsert(new)
            elif action == "remove" and everyone:
                gone = rng.choice(everyone)
                everyone = [r for r in everyone if r.id != gone.id]
                model.remove(gone.id)
            elif action == "remove many" and everyone:  # a change that names many (a bulk archive): at once
                ids = {r.id for r in rng.sample(everyone, rng.randrange(1, min(40, len(everyone)) + 1))}
                everyone = [r for r in everyone if r.id not in ids]
                model.remove(*ids, 999_999)  # one not listed: nothing to take out for it
            # THEN the rows are those sorted from scratch: as they are, and after a fresh filter (drawn from the kept orders)
            for again in (False, True):
                if again:
                    model.set_filter("no such contact", kind)
                    model.set_filter(text, kind)
                shown = [r.id for r in visible_rows(model)]
                want = expected(everyone, column, order, text, kind)
                assert sorted(shown) == sorted(want), (seed, step, action, again)
                keys = [sort_key(None, column)(r) for r in visible_rows(model)]  # type: ignore[arg-type]
                descending = order == Qt.SortOrder.DescendingOrder
                assert keys == sorted(keys, reverse=descending), (seed, step, action, again)
            # AND each contact is found where it shows (a binary search on its key), or not at all
            shown_at = {r.id: n for n, r in enumerate(visible_rows(model))}
            for contact in [*rng.sample(everyone, min(12, len(everyone))), a_row(rng, 999_999)]:
                assert model.row_of(contact.id) == shown_at.get(contact.id, -1), (seed, step, action)

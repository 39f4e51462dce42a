"""Export, then import into an empty database: everything comes back."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject

from followup.clock import FixedClock
from followup.contacts_io import read_file
from followup.contacts_io.export import fold, guard, load_contacts, to_csv, to_vcard, write
from followup.contacts_io.merge import apply_import
from followup.domain import Channel, Contact, Kind, LabelledValue
from followup.store import Store

PEOPLE = [
    Contact(
        "Ana Lima", Kind.SUPPLIER, "Acme Logistics, Lda.", "Head of Procurement; EMEA",
        emails=[LabelledValue("ana@acme.example", "work"), LabelledValue("ana.l@mail.example", "home")],
        phones=[LabelledValue("+351 912 345 678", "mobile"), LabelledValue("+351 21 000 1234", "work")],
        preferred_channel=Channel.PHONE, tz="Europe/Lisbon", tags=["vip", "renewal-q1"],
        notes="Prefers calls before 10:00; hates long threads.\nAsk about Porto, the new warehouse.\\ok",
    ),
    Contact("王小明", Kind.CLIENT, "上海贸易有限公司", emails=[LabelledValue("xm@trade.example", "")],
            tz="Asia/Shanghai"),
    Contact("ליאת כהן", Kind.PARTNER, notes="נפגשנו בכנס " * 20,
            phones=[LabelledValue("+972 52 555 0123", "mobile")]),
    Contact("=HYPERLINK(\"http://evil\")", organisation="-2+3", title="@SUM(A1)",
            emails=[LabelledValue("a@b.example")]),
    Contact("Zoë Ångström", Kind.COLLEAGUE, tags=["Nordics"], emails=[LabelledValue("zoe@angstrom.example", "work")]),
]  # fmt: skip


def _fields(c: Contact, *, labels: bool = True, tz: bool = True, channel: bool = True) -> tuple[object, ...]:
    return (
        c.name, c.kind, c.organisation, c.title,
        [(e.value, e.label if labels else "") for e in c.emails],
        sorted((p.value, p.label if labels else "") for p in c.phones),
        sorted(c.tags), c.notes, c.tz if tz else None, c.preferred_channel if channel else None,
    )  # fmt: skip


@pytest.fixture
def full(store: Store) -> Store:
    for person in PEOPLE:
        store.contacts.add(Contact(**{f: getattr(person, f) for f in ("name", "kind", "organisation", "title",
                           "emails", "phones", "preferred_channel", "tz", "tags", "notes")}))  # fmt: skip
    return store


@pytest.mark.parametrize(
    ("fmt", "suffix", "same"),
    # What each format cannot carry: Google CSV has no preferred channel; Outlook's
    # fixed columns name phones by place and have no labels for emails or a time zone.
    [
        ("vcard4", ".vcf", {}),
        ("vcard3", ".vcf", {}),
        ("google-csv", ".csv", {"channel": False}),
        ("outlook-csv", ".csv", {"labels": False, "tz": False, "channel": False}),
    ],
)
def test_round_trip_into_an_empty_database(
    full: Store, tmp_path: Path, clock: FixedClock, fmt: str, suffix: str, same: dict[str, bool]
) -> None:
    # GIVEN every contact exported
    path = tmp_path / f"out{suffix}"
    assert write(load_contacts(full), path, fmt) == len(PEOPLE)
    # WHEN the file is imported into an empty database
    with Store.open(tmp_path / "empty.db", clock) as empty:
        summary = apply_import(empty, read_file(path).items)
        assert len(summary.created) == len(PEOPLE) and not summary.skipped
        # THEN every field the format can carry comes back as it was
        back = {c.name: _fields(c, **same) for c in load_contacts(empty)}
    want = {c.name: _fields(c, **same) for c in load_contacts(full)}
    assert back == want


def test_exported_vcards_are_read_by_vobject_too(full: Store) -> None:
    for version in ("4.0", "3.0"):
        cards = list(vobject.readComponents(to_vcard(load_contacts(full), version)))
        assert [c.fn.value for c in cards] == [c.name for c in load_contacts(full)]
        ana = next(c for c in cards if c.fn.value == "Ana Lima")
        assert ana.org.value == ["Acme Logistics, Lda."]
        assert ana.note.value == PEOPLE[0].notes


def test_long_lines_fold_at_75_octets_between_characters() -> None:
    line = "NOTE:" + "נפגשנו בכנס " * 20
    folded = fold(line)
    parts = folded.removesuffix("\r\n").split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == line


def test_csv_cells_that_start_a_formula_are_guarded(full: Store) -> None:
    text = to_csv(load_contacts(full), "google-csv")
    assert "'=HYPERLINK" in text and ",'-2+3," in text and ",'@SUM(A1)," in text
    assert guard("\tx") == "'\tx" and guard("\rx") == "'\rx" and guard("plain") == "plain"
    assert ",=" not in text


def test_one_contact_or_a_filtered_set(full: Store) -> None:
    ana = full.contacts.resolve("Ana Lima")
    assert [c.name for c in load_contacts(full, [ana])] == ["Ana Lima"]
    full.contacts.set_archived(ana)
    assert "Ana Lima" not in [c.name for c in load_contacts(full, include_archived=False)]

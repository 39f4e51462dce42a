"""Duplicates merge, never duplicate; the same file twice changes nothing;
unticked rows, cancel and failure write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.contacts_io import Cancelled, read_file
from followup.contacts_io.merge import Action, apply_import, plan_import
from followup.domain import Contact, Kind, LabelledValue
from followup.store import Store
from tests.contacts_io.helpers import snapshot


def _import(store: Store, path: Path) -> object:
    return apply_import(store, read_file(path).items)


def test_a_file_imported_twice_changes_nothing(store: Store, files: Path) -> None:
    # GIVEN every good fixture imported once
    good = ["google_contacts.vcf", "apple_iphone.vcf", "outlook_2_1.vcf", "rfc6350_v4.vcf", "google_contacts.csv",
            "google_old_layout.csv", "outlook_windows1252.csv", "crm_export.csv"]  # fmt: skip
    for name in good:
        _import(store, files / name)
    before = snapshot(store)
    # WHEN each is imported again
    for name in good:
        summary = apply_import(store, read_file(files / name).items)
        # THEN nothing is created or merged, and every row says why it was skipped
        assert (summary.created, summary.merged) == ([], []), name
        assert all(reason for _, _, reason in summary.skipped)
    assert snapshot(store) == before


def test_duplicates_across_files_merge_by_email_any_case_and_by_phone(store: Store, files: Path) -> None:
    # GIVEN Ana imported from Google's vCard
    first = _import(store, files / "google_contacts.vcf")
    assert len(first.created) == 6 and len(first.skipped) == 1  # type: ignore[attr-defined]
    ana_id = store.contacts.find_by_email("ana.lima@acme-logistics.example")
    # WHEN the iPhone's card for her (email in other case, a new work phone) is imported
    plan = plan_import(store, read_file(files / "apple_iphone.vcf").items)
    soren, ana = plan.rows
    # THEN the preview says she is merged and what changes; Søren is new
    assert soren.action is Action.NEW
    assert ana.action is Action.MERGE and ana.target_id == ana_id
    assert ana.changes == ["adds phone +351 21 000 1234"]
    apply_import(store, read_file(files / "apple_iphone.vcf").items)
    stored = store.contacts.get(ana_id)
    assert [p.value for p in stored.phones] == ["+351 912 345 678", "+351 21 000 1234"]
    assert len(stored.emails) == 2
    # AND Nordlicht, who had only a phone, is found again by that phone in the 2.1 card
    plan = plan_import(store, read_file(files / "outlook_2_1.vcf").items)
    (juergen,) = plan.rows
    assert juergen.action is Action.MERGE and juergen.target_name == "Nordlicht Ingenieurbüro GmbH"
    assert "adds email j.mueller@nordlicht.example" in juergen.changes


def test_nothing_existing_is_overwritten_and_the_preview_says_so(store: Store) -> None:
    # GIVEN Ana, a client at Acme, and a card for her with other values
    cid = store.contacts.add(
        Contact("Ana Lima", kind=Kind.CLIENT, organisation="Acme", emails=[LabelledValue("ana@acme.example")])
    )
    data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana L.\r\nORG:Other Co\r\nTITLE:Buyer\r\nEMAIL:ANA@acme.example\r\n"
    data += "CATEGORIES:Suppliers,vip\r\nEND:VCARD\r\n"
    from followup.contacts_io import read_bytes

    items = read_bytes(data.encode()).items
    # WHEN the import is planned THEN it adds what is missing and keeps what she has, saying so
    (row,) = plan_import(store, items).rows
    assert row.changes == ["adds tag Suppliers", "adds tag vip", "sets role to Buyer"]
    assert "keeps organisation 'Acme' (file: 'Other Co')" in row.kept
    assert "keeps kind Client (file: Supplier)" in row.kept
    assert "keeps the name 'Ana Lima' (file: 'Ana L.')" in row.kept
    # AND applied, it does just that
    apply_import(store, items)
    stored = store.contacts.get(cid)
    assert (stored.name, stored.organisation, stored.kind, stored.title) == ("Ana Lima", "Acme", Kind.CLIENT, "Buyer")
    assert stored.tags == ["Suppliers", "vip"]


def test_rows_of_one_file_that_share_an_email_become_one_contact(store: Store) -> None:
    from followup.contacts_io import read_bytes

    # GIVEN two rows of one file with the same email in other case
    csv = b"Name,Email,Phone\nAna Lima,ana@x.example,\nAna Lima,ANA@x.example,+351 912 000 000\n"
    items = read_bytes(csv).items
    # WHEN planned and imported THEN the second merges into the first: one contact, with the phone
    plan = plan_import(store, items)
    assert [r.action for r in plan.rows] == [Action.NEW, Action.MERGE]
    assert plan.rows[1].changes == ["merged with line 2", "adds phone +351 912 000 000"]
    summary = apply_import(store, items)
    assert len(summary.created) == 1 and store.contacts.count() == 1
    assert [p.value for p in store.contacts.get(summary.created[0][0]).phones] == ["+351 912 000 000"]


def test_unticked_rows_are_not_imported(store: Store, files: Path) -> None:
    # GIVEN Google's cards WHEN only rows 0 and 2 are ticked THEN only those two are imported
    items = read_file(files / "google_contacts.vcf").items
    summary = apply_import(store, items, selected=[0, 2])
    assert [name for _, name in summary.created] == ["Ana Lima", "ליאת כהן"]
    assert store.contacts.count() == 2


def test_cancel_writes_nothing(store: Store, files: Path) -> None:
    # GIVEN Google's CSV read
    items = read_file(files / "google_contacts.csv").items
    before = snapshot(store)
    # WHEN the user cancels once its contacts are written (not before: that would prove nothing)
    with pytest.raises(Cancelled):
        apply_import(store, items, cancel=lambda: store.contacts.count() > 0)
    # THEN they are rolled back
    assert snapshot(store) == before


def test_a_failure_half_way_writes_nothing(store: Store, files: Path) -> None:
    # GIVEN Google's cards WHEN writing fails at the end (after the rows are written) THEN nothing is kept
    items = read_file(files / "google_contacts.vcf").items
    before = snapshot(store)
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if done == total:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        apply_import(store, items, progress=progress)
    assert snapshot(store) == before and calls


def test_big_imports_report_progress(store: Store) -> None:
    from followup.contacts_io import read_bytes

    # GIVEN 1,200 cards WHEN read and imported THEN both report progress, the import up to 1200/1200
    cards = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P {n}\r\nEMAIL:p{n}@x.example\r\nEND:VCARD\r\n" for n in range(1200)
    )
    seen: list[tuple[int, int]] = []
    items = read_bytes(cards.encode(), progress=lambda d, t: seen.append((d, t))).items
    assert len(items) == 1200 and seen
    done: list[tuple[int, int]] = []
    apply_import(store, items, progress=lambda d, t: done.append((d, t)))
    assert done[-1] == (1200, 1200) and store.contacts.count() == 1200

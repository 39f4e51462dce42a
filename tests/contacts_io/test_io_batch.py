"""The kind and tags given to a whole import, asked once (issue 15):
followup/contacts_io/batch.py, and import-contacts --kind/--tag."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from followup.cli import build_parser, run_command
from followup.clock import FixedClock
from followup.contacts_io import read_file
from followup.contacts_io.batch import Batch, apply_batch, parse_tags
from followup.contacts_io.merge import Action, apply_import, plan_import
from followup.domain import Contact, Kind, LabelledValue
from followup.errors import ValidationError
from followup.store import Store


def test_new_contacts_get_the_kind_and_tags_and_known_ones_keep_their_kind(store: Store, files: Path) -> None:
    # GIVEN Ana Lima already known as a colleague, tagged 'Lead'
    store.contacts.add(
        Contact(
            name="Ana Lima", kind=Kind.COLLEAGUE, tags=["Lead"], emails=[LabelledValue("ana.lima@acme.example", "")]
        )
    )
    parsed = read_file(files / "google_contacts.csv", "auto")
    # WHEN the file is imported as clients, tagged 'fair-2026' and 'lead'
    batch = Batch(Kind.CLIENT, parse_tags("fair-2026, #lead"))
    items = apply_batch(parsed.items, batch)
    plan = plan_import(store, items)
    summary = apply_import(store, items)
    # THEN every new contact is a client with both tags
    assert summary.created
    for cid, _name in summary.created:
        c = store.contacts.get(cid)
        assert c.kind is Kind.CLIENT and {t.lower() for t in c.tags} >= {"fair-2026", "lead"}
    # AND Ana keeps her kind (the preview says so) and gains the new tag only
    merge = next(r for r in plan.rows if r.action is Action.MERGE)
    assert "keeps kind Colleague (file: Client)" in merge.kept
    ana = store.contacts.get(store.contacts.resolve("Ana Lima"))
    assert ana.kind is Kind.COLLEAGUE and ana.tags == [
        "fair-2026",
        "Lead",
        "Suppliers",
    ]  # the file's own label is added too
    # AND the parsed file itself is unchanged (the batch can be changed and applied again)
    assert all("fair-2026" not in i.contact.tags for i in parsed.items)


def test_no_batch_changes_nothing(files: Path) -> None:
    parsed = read_file(files / "google_contacts.csv", "auto")
    assert apply_batch(parsed.items, Batch()) is parsed.items


def test_tags_are_cleaned_and_bad_ones_refused() -> None:
    assert parse_tags(" vip , VIP,#fair ,,") == ("vip", "fair")
    assert parse_tags(["a,b", "c"]) == ("a", "b", "c")
    with pytest.raises(ValidationError):
        parse_tags("x" * 101)


@pytest.fixture
def cli(tmp_path: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str]]:
    def run(*argv: str) -> tuple[int, str]:
        code = run_command(build_parser().parse_args(["--data-dir", str(tmp_path / "data"), *argv]), clock=clock)
        return code, capsys.readouterr().out

    return run


def test_import_contacts_kind_and_tags(
    cli: Callable[..., tuple[int, str]], files: Path, tmp_path: Path, clock: FixedClock
) -> None:
    # WHEN import-contacts runs with --kind and two --tag
    code, out = cli(
        "import-contacts", str(files / "google_contacts.vcf"), "--kind", "supplier", "--tag", "fair", "--tag", "q4"
    )
    # THEN it says so, and every contact imported is a supplier with both tags
    assert code == 0 and out.startswith("Imported 6 new") and ", as Supplier and tagged fair, q4." in out
    with Store.open(tmp_path / "data" / "followup.db", clock) as store:
        rows = store.contacts.rows()
        assert len(rows) == 6
        assert {r.kind for r in rows} == {Kind.SUPPLIER}
        assert all({"fair", "q4"} <= set(r.tags) for r in rows)
    # AND --json names the batch
    code, out = cli("import-contacts", str(files / "google_contacts.vcf"), "--dry-run", "--tag", "x", "--json")
    assert json.loads(out)["batch"] == {"kind": None, "tags": ["x"]}


def test_import_contacts_refuses_an_unknown_kind(cli: Callable[..., tuple[int, str]], files: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli("import-contacts", str(files / "google_contacts.vcf"), "--kind", "friend")
    assert exit_.value.code == 2

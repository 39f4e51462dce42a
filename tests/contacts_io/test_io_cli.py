"""import-contacts, export-contacts, backup and restore on the command line."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_runner import Cli

from followup.store import Store
from tests.contacts_io.helpers import snapshot


def test_import_contacts_json_summary(cli: Cli, files: Path) -> None:
    # GIVEN Google's vCard export WHEN imported with --json THEN the summary counts, and names the skipped card
    result = cli("import-contacts", str(files / "google_contacts.vcf"), "--json")
    data = json.loads(result.out)
    assert result.code == 0
    assert (data["created"], data["merged"], data["format"]) == (6, 0, "vcard")
    assert data["skipped"] == [
        {"source": "card 7 (line 53)", "name": "", "reason": "It has no name, organisation or email address."}
    ]
    # WHEN Google's CSV of the same people is imported THEN Ana is merged, with what it added
    again = json.loads(cli("import-contacts", str(files / "google_contacts.csv"), "--json").out)
    assert again["merged"] == 1 and again["created"] == 3
    assert again["merged_contacts"] == [
        {"id": 1, "name": "Ana Lima", "changes": ["adds email ana.lima@acme.example", "adds phone +351 913 000 111"]}
    ]


def test_dry_run_writes_nothing(cli: Cli, files: Path, open_store: Callable[[], Store]) -> None:
    # GIVEN contacts imported from an iPhone
    cli("import-contacts", str(files / "apple_iphone.vcf"))
    with open_store() as store:
        before = snapshot(store)
    # WHEN another file is imported with --dry-run THEN it says what it would do and writes nothing
    result = cli("import-contacts", str(files / "google_contacts.vcf"), "--dry-run", "--json")
    data = json.loads(result.out)
    assert data["dry_run"] is True and data["created"] == 5 and data["merged"] == 1
    with open_store() as store:
        assert snapshot(store) == before


@pytest.mark.parametrize("name", ["truncated.vcf", "not_contacts.txt", "picture.png", "truncated.csv"])
def test_a_bad_file_exits_non_zero_and_writes_nothing(
    cli: Cli, files: Path, name: str, open_store: Callable[[], Store]
) -> None:
    # GIVEN a bad file WHEN imported THEN it exits non-zero, says nothing was imported, writes nothing
    result = cli("import-contacts", str(files / name), "--json")
    assert result.code != 0 and "Nothing was imported" in result.err and result.out == ""
    with open_store() as store:
        assert store.contacts.count() == 0


def test_forced_format(cli: Cli, files: Path) -> None:
    # GIVEN Google's CSV WHEN read as Outlook's or as a vCard THEN it is refused in one line
    result = cli("import-contacts", str(files / "google_contacts.csv"), "--format", "outlook-csv")
    assert result.code == 1  # read as Outlook, no email, phone or company column would map: names only
    assert "none of its columns" in result.err and result.err.count("\n") == 1
    assert cli("import-contacts", str(files / "google_contacts.csv"), "--format", "vcard").code == 1


def test_export_contacts_all_and_one(cli: Cli, files: Path, tmp_path: Path) -> None:
    # GIVEN six contacts WHEN all are exported THEN six cards; one contact as CSV, one row
    cli("import-contacts", str(files / "google_contacts.vcf"))
    assert cli("export-contacts", str(tmp_path / "all.vcf")).out.startswith("Exported 6 contacts")
    assert (tmp_path / "all.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 6
    assert cli("export-contacts", str(tmp_path / "ana.csv"), "--contact", "Ana Lima").code == 0
    with (tmp_path / "ana.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 2 and rows[1][:3] == ["Ana", "", "Lima"]
    # AND an unknown extension is refused; --vcard-version 3.0 writes 3.0
    assert cli("export-contacts", str(tmp_path / "x.txt")).code == 1
    assert cli("export-contacts", str(tmp_path / "v3.vcf"), "--vcard-version", "3.0").code == 0
    assert "VERSION:3.0" in (tmp_path / "v3.vcf").read_text(encoding="utf-8")


def test_backup_and_restore_commands(cli: Cli, files: Path, tmp_path: Path) -> None:
    # GIVEN a backup of six contacts WHEN restored THEN it asks for --force, and with it restores and keeps a copy
    cli("import-contacts", str(files / "google_contacts.vcf"))
    assert cli("backup", str(tmp_path / "b.followup")).code == 0
    refused = cli("restore", str(tmp_path / "b.followup"))
    assert refused.code == 1 and "--force" in refused.err
    done = json.loads(cli("restore", str(tmp_path / "b.followup"), "--force", "--json").out)
    assert done["counts"]["contacts"] == 6 and Path(done["kept_copy"]).exists()


def test_import_says_what_was_skipped_and_which_encoding(cli: Cli, files: Path) -> None:
    # GIVEN a vCard with one unreadable line, and a Shift-JIS CSV
    result = cli("import-contacts", str(files / "bad_line.vcf"))
    # THEN both cards are imported and the skipped line is named
    assert result.code == 0 and result.out.startswith("Imported 2 new")
    assert "note: Line 8 (card 2) could not be read and was skipped" in result.out
    data = json.loads(cli("import-contacts", str(files / "quirks" / "shift_jis.csv"), "--json", "--dry-run").out)
    assert (data["encoding"], data["format"], data["created"]) == ("Shift-JIS", "csv", 2)
    assert data["notes"] == []


def test_thunderbird_and_any_csv_formats_on_the_command_line(cli: Cli, files: Path) -> None:
    # GIVEN Thunderbird's CSV WHEN imported THEN it is recognised; read as any CSV it works; as Google's it is refused
    tb = str(files / "quirks" / "thunderbird.csv")
    assert json.loads(cli("import-contacts", tb, "--json", "--dry-run").out)["format"] == "thunderbird-csv"
    assert json.loads(cli("import-contacts", tb, "--format", "csv", "--json", "--dry-run").out)["created"] == 2
    refused = cli("import-contacts", tb, "--format", "google-csv")
    assert refused.code == 1 and "none of its columns" in refused.err and "Traceback" not in refused.err

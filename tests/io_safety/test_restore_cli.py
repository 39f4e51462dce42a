"""restore on the command line: refusals are one sentence, and a path from a
backup is reported, not applied."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cli_runner import Cli


def test_restore_reports_a_live_file_path_it_did_not_apply(cli: Cli, tmp_path: Path) -> None:
    # GIVEN a backup whose live calendar file points at a file of the user's
    assert cli("add-contact", "Ana Lima").code == 0
    assert cli("backup", str(tmp_path / "b.followup")).code == 0
    victim = tmp_path / "notes.txt"
    victim.write_text("mine")
    with sqlite3.connect(tmp_path / "b.followup") as conn:
        conn.execute("INSERT INTO settings(key, value) VALUES ('calendar_live_file', ?)", (json.dumps(str(victim)),))
    # WHEN it is restored
    done = cli("restore", str(tmp_path / "b.followup"), "--force", "--json")
    # THEN it worked, and the path is reported on stderr and in the JSON, not applied
    assert done.code == 0
    assert json.loads(done.out)["settings_not_restored"] == {"calendar_live_file": str(victim)}
    assert "calendar_live_file" in done.err and "was not restored" in done.err
    assert cli("add-contact", "Bo Chen").code == 0
    assert victim.read_text() == "mine"


def test_restore_of_a_backup_with_a_trigger_is_one_sentence(cli: Cli, tmp_path: Path) -> None:
    assert cli("add-contact", "Ana Lima").code == 0
    assert cli("backup", str(tmp_path / "b.followup")).code == 0
    with sqlite3.connect(tmp_path / "b.followup") as conn:
        conn.execute("CREATE TRIGGER t AFTER INSERT ON contacts BEGIN DELETE FROM contacts; END")
    refused = cli("restore", str(tmp_path / "b.followup"), "--force")
    assert refused.code == 1
    assert refused.err.count("\n") == 1 and "not Followup's own" in refused.err
    assert "Traceback" not in refused.err

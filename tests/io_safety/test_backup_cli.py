"""backup: never of a damaged database, private, and `-` for standard output."""

from __future__ import annotations

import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from cli_runner import Cli

from followup.cli import build_parser, run_command
from followup.clock import FixedClock
from followup.store import Store
from tests.io_safety.damage import drop_rows_from_index


def test_backup_of_a_damaged_database_is_refused_and_says_what_to_do(cli: Cli, data_dir: Path, tmp_path: Path) -> None:
    # GIVEN a database with a row missing from an index
    assert cli("add-contact", "Ana Lima").code == 0
    drop_rows_from_index(data_dir / "followup.db")
    # WHEN it is backed up
    result = cli("backup", str(tmp_path / "b.followup"))
    # THEN no backup is written, and the user is told why and what to do
    assert result.code == 1
    assert "damaged" in result.err and "no backup was written" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "b.followup").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_a_backup_is_private_and_restorable(cli: Cli, tmp_path: Path) -> None:
    assert cli("add-contact", "Ana Lima").code == 0
    assert cli("backup", str(tmp_path / "b.followup")).code == 0
    assert stat.S_IMODE((tmp_path / "b.followup").stat().st_mode) == 0o600
    assert cli("restore", str(tmp_path / "b.followup"), "--force").code == 0


def test_backup_dash_writes_the_backup_to_standard_output_when_it_is_not_a_terminal(
    data_dir: Path, clock: FixedClock, tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    # GIVEN a database with a contact
    with Store.open(data_dir / "followup.db", clock) as store:
        from followup.domain import Contact

        store.contacts.add(Contact("Ana Lima"))
    # WHEN `backup -` runs with standard output piped
    code = run_command(build_parser().parse_args(["--data-dir", str(data_dir), "backup", "-"]), clock=clock)
    sys.stdout.flush()
    captured = capfdbinary.readouterr()
    # THEN standard output is the backup itself, and the message went to stderr
    assert code == 0
    assert captured.out.startswith(b"SQLite format 3\x00")
    assert b"Backed up 1 contacts" in captured.err
    (tmp_path / "piped.followup").write_bytes(captured.out)
    conn = sqlite3.connect(tmp_path / "piped.followup")
    assert conn.execute("SELECT name FROM contacts").fetchall() == [("Ana Lima",)]
    conn.close()
    assert not any(p.name.startswith(".followup") for p in data_dir.iterdir())


def test_backup_dash_to_a_terminal_is_refused(tmp_path: Path) -> None:
    # GIVEN the real command with its standard output on a terminal (a pty)
    import os
    import pty
    import subprocess

    root = Path(__file__).resolve().parents[2]
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, str(root / "main.py"), "--data-dir", str(tmp_path / "d"), "backup", "-"],
            stdout=slave,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
    finally:
        os.close(slave)
        os.close(master)
    # THEN it says why in one sentence and writes nothing
    assert done.returncode == 1
    assert "binary file" in done.stderr and done.stderr.count("\n") == 1

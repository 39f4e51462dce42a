"""Bad command-line input: one clear sentence, a non-zero exit, nothing written
(huge numbers, impossible dates, pipes and devices given as input files)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from cli_runner import Cli, Result

from followup.clock import FixedClock
from followup.store import Store

HUGE = "99999999999999999999"


@pytest.fixture
def ana(cli: Cli) -> Cli:
    assert cli("add-contact", "Ana Lima", "--email", "ana@example.com").code == 0
    return cli


def _one_sentence(result: Result) -> None:
    assert result.code != 0
    assert "Traceback" not in result.err and "Error:" not in result.err
    assert len([line for line in result.err.splitlines() if line.startswith("followup")]) == 1


def _snapshot(data_dir: Path, clock: FixedClock) -> list[str]:
    with Store.open(data_dir / "followup.db", clock) as store:
        return list(store.conn.iterdump())


@pytest.mark.parametrize(
    "argv",
    [
        ["done", HUGE],
        ["skip", HUGE],
        ["snooze", HUGE, "--until", "2026-12-01T10:00"],
        ["search", "x", "--limit", HUGE],
        ["reopen", HUGE],
        ["reschedule", HUGE, "--due", "2026-12-01T10:00"],
        ["delete-touch-point", HUGE],
        ["edit-engagement", HUGE, "--title", "x"],
        ["log", "Ana Lima", "--channel", "email", "--summary", "s", "--reply-to", HUGE],
        ["search", "x", "--limit", "0"],
        ["export-ics", "{tmp}/a.ics", "--engagement", HUGE],
        ["insights", "--period", "0001..9999"],
        ["insights", "--period", "0001-01-01..9999-12-31"],
        ["plan", "Ana Lima", "--title", "Offsite", "--all-day", "--start", "9999-12-31"],
        ["plan", "Ana Lima", "--title", "Offsite", "--all-day", "--start", "2026-12-01", "--end", "9999-12-31"],
        ["plan", "Ana Lima", "--title", "Offsite", "--all-day", "--start", "0001-01-01"],
        ["log", "Ana Lima", "--channel", "email", "--summary", "s", "--at", "0001-01-01T00:00"],
    ],
    ids=lambda argv: " ".join(argv)[:60],
)
def test_huge_numbers_and_impossible_dates_are_one_sentence_and_change_nothing(
    ana: Cli, data_dir: Path, clock: FixedClock, tmp_path: Path, argv: list[str]
) -> None:
    before = _snapshot(data_dir, clock)
    result = ana(*(a.replace("{tmp}", str(tmp_path)) for a in argv))
    _one_sentence(result)
    assert _snapshot(data_dir, clock) == before
    assert not (tmp_path / "a.ics").exists()


@pytest.mark.parametrize("command", ["import-contacts", "import-ics"])
def test_dev_zero_as_input_is_refused_without_reading_it_all(ana: Cli, command: str) -> None:
    result = ana(command, "/dev/zero")
    _one_sentence(result)
    assert "not a regular file" in result.err


@pytest.mark.parametrize("command", ["import-contacts", "import-ics", "restore"])
def test_a_fifo_as_input_is_refused_without_hanging(ana: Cli, tmp_path: Path, command: str) -> None:
    # GIVEN a named pipe that a writer would feed forever (nobody opens it here)
    fifo = tmp_path / "in.pipe"
    os.mkfifo(fifo)
    # WHEN a command is given it, on a thread so that a hang fails the test instead of blocking it
    results: list[Result] = []
    worker = threading.Thread(target=lambda: results.append(ana(command, str(fifo))), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock the reader so the thread can end, then fail
        with open(fifo, "wb"):
            pass
        worker.join(timeout=20)
        pytest.fail(f"{command} hung on a FIFO")
    _one_sentence(results[0])


def test_an_input_file_over_the_size_limit_is_one_sentence(
    ana: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup import infile

    monkeypatch.setattr(infile, "DEFAULT_LIMIT", 1000)
    big = tmp_path / "big.vcf"
    big.write_bytes(b"BEGIN:VCARD\r\n" + b"NOTE:" + b"x" * 2000 + b"\r\nEND:VCARD\r\n")
    result = ana("import-contacts", str(big))
    _one_sentence(result)
    assert "larger than" in result.err


def test_log_takes_long_notes_from_a_file(ana: Cli, data_dir: Path, clock: FixedClock, tmp_path: Path) -> None:
    # GIVEN notes over 128 KiB (too long for one command-line argument on Linux)
    notes = "Café notes, line after line.\n" * 10_000
    (tmp_path / "notes.txt").write_text(notes, encoding="utf-8")
    # WHEN they are logged from the file
    result = ana(
        "log", "Ana Lima", "--channel", "email", "--summary", "Long thread", "--notes-file", str(tmp_path / "notes.txt")
    )
    # THEN they are stored whole
    assert result.code == 0, result.err
    with Store.open(data_dir / "followup.db", clock) as store:
        assert store.conn.execute("SELECT notes FROM touch_points").fetchone()[0] == notes


def test_log_takes_notes_from_standard_input(
    ana: Cli, data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    piped = io.TextIOWrapper(io.BytesIO("From the pipe: ünïcode\n".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", piped)
    result = ana("log", "Ana Lima", "--channel", "email", "--summary", "Piped", "--notes-file", "-")
    assert result.code == 0, result.err
    with Store.open(data_dir / "followup.db", clock) as store:
        assert store.conn.execute("SELECT notes FROM touch_points").fetchone()[0] == "From the pipe: ünïcode\n"


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8 \x80", None])
def test_bad_notes_files_are_one_sentence_and_nothing_is_logged(
    ana: Cli, data_dir: Path, clock: FixedClock, tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "notes.txt"
    if content is not None:
        path.write_bytes(content)
    before = _snapshot(data_dir, clock)
    result = ana("log", "Ana Lima", "--channel", "email", "--summary", "s", "--notes-file", str(path))
    _one_sentence(result)
    assert _snapshot(data_dir, clock) == before

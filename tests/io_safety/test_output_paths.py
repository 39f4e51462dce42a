"""Every command that writes a file: `-` is standard output, a missing folder
is one sentence, a symlink is written through, a FIFO is written into (never
replaced), and exports follow the umask."""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_runner import Cli

from followup.clock import FixedClock
from followup.store import Store

# command -> (argv for an output path, what the written content starts with)
COMMANDS: dict[str, tuple[Callable[[str], list[str]], bytes]] = {
    "export-ics": (lambda out: ["export-ics", out], b"BEGIN:VCALENDAR"),
    "export-contacts": (lambda out: ["export-contacts", out], b"BEGIN:VCARD"),
    "insights --csv": (lambda out: ["insights", "--csv", out], b"\xef\xbb\xbf"),
    "backup": (lambda out: ["backup", out], b"SQLite format 3\x00"),
}
SUFFIX = {"export-ics": ".ics", "export-contacts": ".vcf", "insights --csv": ".csv", "backup": ".followup"}
TEXT = sorted(set(COMMANDS) - {"backup"})


@pytest.fixture
def with_contact(cli: Cli) -> Cli:
    assert cli("add-contact", "Ana Lima", "--email", "ana@example.com").code == 0
    return cli


@contextmanager
def unblocked_after(fifo: Path, seconds: float = 30) -> Iterator[None]:
    """If a writer still waits on ``fifo`` after ``seconds``, a reader comes and
    goes, so that the writer fails instead of hanging the test run."""

    def come_and_go() -> None:
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        os.close(fd)

    timer = threading.Timer(seconds, come_and_go)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_folder_that_does_not_exist_is_one_sentence_and_nothing_is_written(
    with_contact: Cli, tmp_path: Path, name: str
) -> None:
    argv, _ = COMMANDS[name]
    result = with_contact(*argv(str(tmp_path / "no" / "such" / f"out{SUFFIX[name]}")))
    assert result.code != 0
    assert "does not exist" in result.err and result.err.count("\n") == 1
    assert "Traceback" not in result.err
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_folder_as_the_output_is_one_sentence(with_contact: Cli, tmp_path: Path, name: str) -> None:
    argv, _ = COMMANDS[name]
    folder = tmp_path / f"folder{SUFFIX[name]}"
    folder.mkdir()
    result = with_contact(*argv(str(folder)))
    assert result.code != 0 and "is a folder" in result.err and result.err.count("\n") == 1
    assert folder.is_dir() and list(folder.iterdir()) == []


@pytest.mark.parametrize("name", TEXT)
def test_dash_is_standard_output(with_contact: Cli, tmp_path: Path, name: str) -> None:
    argv, start = COMMANDS[name]
    result = with_contact(*argv("-"))
    assert result.code == 0
    assert result.out.encode("utf-8").startswith(start)
    assert not (Path.cwd() / "-").exists()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_symlink_is_written_through_and_stays_a_link(
    with_contact: Cli, tmp_path: Path, name: str, umask_022: None
) -> None:
    argv, start = COMMANDS[name]
    real = tmp_path / "real" / f"file{SUFFIX[name]}"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / f"link{SUFFIX[name]}"
    link.symlink_to(real)
    assert with_contact(*argv(str(link))).code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(start)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_fifo_is_written_into_not_replaced(with_contact: Cli, tmp_path: Path, name: str) -> None:
    # GIVEN a named pipe with a reader on the other end
    argv, start = COMMANDS[name]
    fifo = tmp_path / f"pipe{SUFFIX[name]}"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    # WHEN the command writes to it
    with unblocked_after(fifo):
        result = with_contact(*argv(str(fifo)))
    reader.join(timeout=30)
    # THEN the reader got the content and the pipe is still a pipe
    assert result.code == 0, result.err
    assert got and got[0].startswith(start)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("name", TEXT)
def test_exports_follow_the_umask(with_contact: Cli, tmp_path: Path, name: str, umask_022: None) -> None:
    argv, _ = COMMANDS[name]
    out = tmp_path / f"shared{SUFFIX[name]}"
    assert with_contact(*argv(str(out))).code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_a_backup_stays_private_whatever_the_umask(with_contact: Cli, tmp_path: Path, umask_022: None) -> None:
    assert with_contact("backup", str(tmp_path / "b.followup")).code == 0
    assert stat.S_IMODE((tmp_path / "b.followup").stat().st_mode) == 0o600


def test_export_ics_cancel_into_a_missing_folder_changes_nothing(
    with_contact: Cli, data_dir: Path, tmp_path: Path, clock: FixedClock
) -> None:
    # GIVEN a planned engagement, and the organizer's address a cancellation needs
    planned = with_contact("plan", "Ana Lima", "--title", "Review", "--start", "2026-12-01T10:00", "--json")
    assert planned.code == 0, planned.err
    engagement = json.loads(planned.out)["engagement_id"]
    with Store.open(data_dir / "followup.db", clock) as store:
        store.settings.set("user_email", "me@example.com")
    # WHEN its cancellation is written into a folder that does not exist
    result = with_contact("export-ics", str(tmp_path / "no" / "c.ics"), "--engagement", str(engagement), "--cancel")
    # THEN it is refused before the engagement is cancelled
    assert result.code != 0 and "does not exist" in result.err
    with Store.open(data_dir / "followup.db", clock) as store:
        assert store.engagements.get(engagement).status == "planned"


def test_export_contacts_into_a_pipe_without_a_suffix_takes_the_format_from_the_options(
    with_contact: Cli, tmp_path: Path
) -> None:
    fifo = tmp_path / "contacts-pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    with unblocked_after(fifo):
        result = with_contact("export-contacts", str(fifo), "--csv", "google")
    reader.join(timeout=30)
    assert result.code == 0, result.err
    assert got and got[0].startswith(b"\xef\xbb\xbfFirst Name")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_backup_to_a_terminal_device_is_refused(with_contact: Cli) -> None:
    import pty

    master, slave = pty.openpty()
    try:
        result = with_contact("backup", os.ttyname(slave))
    finally:
        os.close(slave)
        os.close(master)
    assert result.code == 1 and "binary file" in result.err


@pytest.mark.parametrize("name", TEXT)
def test_an_export_over_the_database_itself_is_refused(with_contact: Cli, data_dir: Path, name: str) -> None:
    # GIVEN the live database (a .vcf name cannot be it; a link named .vcf can)
    argv, _ = COMMANDS[name]
    db = data_dir / "followup.db"
    link = data_dir.parent / f"db-link{SUFFIX[name]}"
    link.symlink_to(db)
    before = db.stat()
    for out in {str(db), str(link)} if name != "export-contacts" else {str(link)}:
        result = with_contact(*argv(out))
        assert result.code != 0 and "own database" in result.err
    assert db.stat().st_ino == before.st_ino and db.stat().st_size == before.st_size
    assert "Ana Lima" in with_contact("contacts").out

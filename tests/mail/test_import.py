"""import-mail: .eml, Outlook .msg (made here with a CFB writer), mbox and
maildir; idempotent by Message-ID; bad input in one sentence."""

from __future__ import annotations

import json
import mailbox
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cfb import msg_file
from cli_runner import Cli
from mailfixtures import INBOX, SENT, promises, raw

from followup.store import Store


def report(cli: Cli, path: Path) -> dict[str, object]:
    result = cli("import-mail", str(path), "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_an_eml_file_is_logged_once(cli: Cli, tmp_path: Path, open_store: Callable[[], Store]) -> None:
    eml = tmp_path / "offer.eml"
    eml.write_bytes(INBOX[0])
    first = report(cli, eml)
    assert (first["logged"], first["promises_opened"]) == (1, 1)
    second = report(cli, eml)
    assert (second["logged"], second["skipped"]) == (0, 1)
    with open_store() as store:
        assert store.touch_points.count() == 1


def test_an_mbox_with_question_and_reply_closes_the_promise(
    cli: Cli, tmp_path: Path, open_store: Callable[[], Store]
) -> None:
    # GIVEN a Thunderbird-style mbox holding my reply before Alice's question
    path = tmp_path / "Inbox"
    box = mailbox.mbox(str(path))
    for message in [SENT[0], INBOX[0], INBOX[3]]:
        box.add(mailbox.mboxMessage(message))
    box.close()
    # WHEN imported
    result = report(cli, path)
    # THEN both are logged, the newsletter is not, and the promise opened and closed
    assert (result["logged"], result["skipped"]) == (2, 1)
    assert (result["promises_opened"], result["promises_closed"]) == (1, 1)
    with open_store() as store:
        status = store.conn.execute("SELECT status, completed_at FROM follow_ups WHERE source = 'reply'").fetchone()
        assert status == ("done", "2026-11-20T15:00:00Z")


def test_a_maildir_folder_and_a_folder_of_files(cli: Cli, tmp_path: Path) -> None:
    box = mailbox.Maildir(str(tmp_path / "Maildir"))
    for message in INBOX[:3]:
        box.add(mailbox.MaildirMessage(message))
    assert report(cli, tmp_path / "Maildir")["logged"] == 3
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "a.eml").write_bytes(INBOX[5])
    (folder / "b.eml").write_bytes(INBOX[0])  # already logged from the maildir
    result = report(cli, folder)
    assert (result["logged"], result["skipped"]) == (1, 1)


def test_an_outlook_msg_without_internet_headers(cli: Cli, tmp_path: Path, open_store: Callable[[], Store]) -> None:
    path = tmp_path / "review.msg"
    msg_file(
        path,
        subject="Quarterly review",
        sender="alice@client.example",
        sender_name="Alice Archer",
        to=[("Mia Muster", "me@example.test")],
        body="Could we meet next week?",
        sent=datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
        message_id="<m1@client.example>",
    )
    result = report(cli, path)
    assert (result["logged"], result["promises_opened"]) == (1, 1)
    with open_store() as store:
        tp = store.touch_points.for_contact(store.contacts.resolve("Alice Archer"))[0]
        assert (tp.summary, tp.notes, tp.at) == (
            "Quarterly review",
            "Could we meet next week?",
            datetime(2026, 11, 18, 9, 0, tzinfo=UTC),
        )
    assert report(cli, path)["logged"] == 0


def test_broken_mime_an_unknown_charset_and_impossible_dates_lose_nothing(
    cli: Cli, tmp_path: Path, open_store: Callable[[], Store]
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "broken.eml").write_bytes(
        raw(
            sender="alice@client.example",
            subject="Broken",
            mid="broken@client.example",
            ctype='multipart/mixed; boundary="XX"',
            body="--XX\nContent-Type: text/plain\n\nStill readable?\n--XX",
        )
    )
    (folder / "charset.eml").write_bytes(
        raw(
            sender="alice@client.example",
            subject="Charset",
            mid="charset@client.example",
            ctype='text/plain; charset="x-klingon"',
            body="Qapla' – ok?",
        )
    )
    for year, name in ((1970, "old"), (2100, "future")):
        path = folder / f"{name}.eml"
        path.write_bytes(
            raw(
                sender="bob@supplier.example",
                subject=f"Dated {year}",
                mid=f"{name}@supplier.example",
                date=f"Thu, 01 Jan {year} 00:00:00 +0000",
                body="Hello",
            )
        )
        stamp = datetime(2026, 11, 10, 12, 0, tzinfo=UTC).timestamp()
        import os

        os.utime(path, (stamp, stamp))
    result = report(cli, folder)
    assert result["logged"] == 4, result
    with open_store() as store:
        rows = dict(store.conn.execute("SELECT summary, at_utc FROM touch_points").fetchall())
        notes = dict(store.conn.execute("SELECT summary, notes FROM touch_points").fetchall())
    assert notes["Broken"] == "Still readable?"
    assert notes["Charset"] == "Qapla' – ok?"
    # a Date from 1970 or 2100 gives way to when the file arrived
    assert rows["Dated 1970"] == rows["Dated 2100"] == "2026-11-10T12:00:00Z"


@pytest.mark.parametrize("name", ["missing.eml", "empty-folder"])
def test_nothing_to_read_is_one_sentence(cli: Cli, tmp_path: Path, name: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    result = cli("import-mail", str(tmp_path / name))
    assert result.code == 1
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_without_my_address_the_import_says_why(cli: Cli, tmp_path: Path, open_store: Callable[[], Store]) -> None:
    with open_store() as store:
        store.settings.set("user_email", "")
    (tmp_path / "a.eml").write_bytes(INBOX[0])
    result = cli("import-mail", str(tmp_path / "a.eml"))
    assert result.code == 1
    assert "Set your email address" in result.err


def test_the_user_flips_needs_a_reply(cli: Cli, tmp_path: Path, open_store: Callable[[], Store]) -> None:
    # GIVEN Bob's Cc-only message (no promise) and Alice's question (a promise)
    for i, message in enumerate((INBOX[2], INBOX[0])):
        (tmp_path / f"{i}.eml").write_bytes(message)
    report(cli, tmp_path)
    with open_store() as store:
        ids = dict(store.conn.execute("SELECT summary, id FROM touch_points").fetchall())
    # WHEN the user says Bob's needs a reply after all, and Alice's does not
    assert "open" in cli("mail", "needs-reply", str(ids["Delivery moved"])).out
    assert "withdrawn" in cli("mail", "needs-reply", str(ids["Offer for Q1"]), "--off").out
    # THEN the promises follow
    with open_store() as store:
        rows = promises(store.conn)
    assert rows == {"Delivery moved": "open", "Offer for Q1": "cancelled"}

"""mail sync when things go wrong, with the real Dovecot: the server down, a
wrong password, a changed certificate, the connection cut mid-sync, a 30 MB
message, broken MIME, an unknown charset, a Date from 1970 or 2100."""

from __future__ import annotations

import json
import select
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from cli_runner import Cli
from mail_account_cli import add_dovecot_account
from mailfixtures import raw, with_arrival
from mailservers import USER, Dovecot, SecretService

from followup.mail import sync as sync_module
from followup.store import Store


@pytest.fixture
def account(dovecot: Dovecot, keyring_session: SecretService, cli: Cli) -> Iterator[Dovecot]:
    result = add_dovecot_account(cli, dovecot)
    assert result.code == 0, result.err
    yield dovecot


def sync(cli: Cli) -> tuple[int, dict[str, Any]]:
    result = cli("mail", "sync", "--json")
    assert "Traceback" not in result.err
    return result.code, json.loads(result.out)


def status(cli: Cli) -> str:
    return str(json.loads(cli("mail", "accounts", "--json").out)[0]["status"])


def many(n: int, start: int = 0) -> list[tuple[bytes, float]]:
    return with_arrival(
        [
            raw(
                sender="Alice Archer <alice@client.example>",
                subject=f"Note {i}",
                mid=f"n{i}@client.example",
                date=f"Wed, 18 Nov 2026 {i // 60:02d}:{i % 60:02d}:00 +0000",
                body=f"Note number {i}.",
            )
            for i in range(start, start + n)
        ]
    )


def test_the_server_down(account: Dovecot, cli: Cli) -> None:
    account.stop()
    code, report = sync(cli)
    assert code == 1
    assert report["errors"] == [
        f"{USER}: Cannot reach the IMAP server 127.0.0.1:{account.port} (Connection refused). Check the host and port."
    ]
    assert "Cannot reach" in status(cli)


def test_a_wrong_password(account: Dovecot, cli: Cli) -> None:
    account.stop()
    (account.folder / "users").write_text(f"{USER}:{{PLAIN}}changed\n")
    account.start(probe=False)
    code, report = sync(cli)
    assert "refused the user name or password" in report["errors"][0], report
    assert code == 1


def test_a_changed_certificate_is_refused_before_the_password_is_sent(
    account: Dovecot, cli: Cli, open_store: Callable[[], Store]
) -> None:
    # GIVEN the server now shows another certificate
    account.append("INBOX", many(1))
    old = account.fingerprint
    account.stop()
    account.new_certificate()
    account.start()
    # WHEN synced
    code, report = sync(cli)
    # THEN it is refused, showing both fingerprints, and nothing is logged
    assert code == 1
    error = report["errors"][0]
    assert "not the one you pinned" in error
    from followup.mail.accounts import format_fingerprint

    assert format_fingerprint(account.fingerprint) in error and format_fingerprint(old) in error
    with open_store() as store:
        assert store.touch_points.count() == 0
    # AND Dovecot never saw a login
    assert "Login: user=" not in (account.folder / "dovecot.log").read_text().split("imap-login")[-1]


def test_a_connection_cut_mid_sync_loses_nothing_and_logs_nothing_twice(
    account: Dovecot, cli: Cli, open_store: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN 25 messages and batches of 10
    account.append("INBOX", many(25))
    monkeypatch.setattr(sync_module, "BATCH", 10)
    real = sync_module._fetch_batch
    calls = {"n": 0}

    def cut_on_third(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            account.stop()  # Dovecot is killed while the third batch is asked for
            select.select([args[0].sock], [], [], 10)  # until its imap process is gone too (EOF)
        return real(*args, **kwargs)

    monkeypatch.setattr(sync_module, "_fetch_batch", cut_on_third)
    # WHEN synced
    code, report = sync(cli)
    # THEN the first two batches are kept and the error says the next sync goes on
    assert report["logged"] == 20
    assert "connection was lost" in report["errors"][0]
    assert "next sync goes on from there" in report["errors"][0]
    # WHEN Dovecot is back and the sync runs again
    monkeypatch.setattr(sync_module, "_fetch_batch", real)
    account.start()
    code, report = sync(cli)
    # THEN it picks up the last five, and no message is logged twice
    assert (code, report["logged"], report["errors"]) == (0, 5, [])
    with open_store() as store:
        summaries = [r[0] for r in store.conn.execute("SELECT summary FROM touch_points")]
    assert sorted(summaries) == sorted(f"Note {i}" for i in range(25))


def test_a_30_mb_message_is_logged_without_downloading_it(
    account: Dovecot, cli: Cli, open_store: Callable[[], Store]
) -> None:
    import base64

    attachment = base64.encodebytes(b"\0" * (22 * 1024 * 1024)).decode()  # ~30 MB encoded
    body = (
        "--B\nContent-Type: text/plain; charset=utf-8\n\nThe drawings are attached: can you check them?\n"
        "--B\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=big.bin\n"
        f"Content-Transfer-Encoding: base64\n\n{attachment}--B--"
    )
    big = raw(
        sender="alice@client.example",
        subject="Drawings",
        mid="big@client.example",
        ctype='multipart/mixed; boundary="B"',
        body=body,
    )
    assert len(big) > 29 * 1024 * 1024
    account.append("INBOX", with_arrival([big]))
    code, report = sync(cli)
    assert (code, report["logged"], report["promises_opened"]) == (0, 1, 1)
    with open_store() as store:
        assert store.conn.execute("SELECT notes FROM touch_points").fetchone()[0] == (
            "The drawings are attached: can you check them?"
        )
    # only the first 256 KB were fetched: Dovecot counts the bytes it sent
    sent = [line for line in (account.folder / "dovecot.log").read_text().splitlines() if "Logged out" in line]
    assert all(int(line.split(" out=")[1].split()[0]) < 2 * 1024 * 1024 for line in sent[-1:])


def test_odd_messages_on_the_server(account: Dovecot, cli: Cli, open_store: Callable[[], Store]) -> None:
    arrived = datetime(2026, 11, 19, 8, 0, tzinfo=UTC).timestamp()
    odd = [
        raw(
            sender="alice@client.example",
            subject="Broken",
            mid="broken@client.example",
            ctype='multipart/mixed; boundary="XX"',
            body="--XX\nContent-Type: text/plain\n\nStill here\n--XX",
        ),
        raw(
            sender="alice@client.example",
            subject="Charset",
            mid="charset@client.example",
            ctype='text/plain; charset="x-klingon"',
            body="nuqneH",
        ),
        raw(
            sender="bob@supplier.example",
            subject="Old",
            mid="old@supplier.example",
            date="Thu, 01 Jan 1970 00:00:00 +0000",
        ),
        raw(
            sender="bob@supplier.example",
            subject="Future",
            mid="future@supplier.example",
            date="Fri, 01 Jan 2100 00:00:00 +0000",
        ),
    ]
    account.append("INBOX", [(m, arrived) for m in odd])
    code, report = sync(cli)
    assert (code, report["logged"], report["errors"]) == (0, 4, [])
    with open_store() as store:
        at = dict(store.conn.execute("SELECT summary, at_utc FROM touch_points").fetchall())
    assert at["Old"] == at["Future"] == "2026-11-19T08:00:00Z"  # the arrival time, not 1970 or 2100
    code, report = sync(cli)
    assert report["logged"] == 0

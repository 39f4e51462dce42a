"""mail sync against a real Dovecot over TLS, the password in the real
gnome-keyring: what is logged, what is not, promises opened and closed,
read-only, incremental."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from cli_runner import Cli
from mail_account_cli import add_dovecot_account
from mailfixtures import INBOX, ROOT, SENT, promises, raw, thread_of_ten, with_arrival
from mailservers import USER, Dovecot, SecretService

from followup.store import Store
from followup.store.mail_messages import MailMessagesRepo


@pytest.fixture
def mailbox(dovecot: Dovecot, keyring_session: SecretService, cli: Cli) -> Dovecot:
    """Dovecot with the fixture mail in INBOX and Sent, and the account added (pinned)."""
    inbox_thread, sent_thread = thread_of_ten()
    dovecot.append("INBOX", with_arrival(INBOX + inbox_thread))
    dovecot.append("Sent", with_arrival(SENT + sent_thread))
    result = add_dovecot_account(cli, dovecot)
    assert result.code == 0, result.err
    return dovecot


def sync(cli: Cli) -> dict[str, object]:
    result = cli("mail", "sync", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def summaries(store: Store, contact: str) -> list[str]:
    cid = store.contacts.resolve(contact)
    return [tp.summary for tp in store.touch_points.for_contact(cid)]


def test_the_first_sync_logs_contacts_mail_and_measures_promises(
    mailbox: Dovecot, cli: Cli, open_store: Callable[[], Store]
) -> None:
    # WHEN the mailbox is synced
    report = sync(cli)
    # THEN every message with a contact is logged; the newsletter and the strangers are not
    assert report["errors"] == []
    assert report["logged"] == 11 + 10 + 1  # 11 in INBOX with a contact, ten in the thread, one reply
    assert report["skipped"] == 4  # newsletter, stranger, two mails to Dana
    with open_store() as store:
        alice = store.contacts.resolve("Alice Archer")
        assert "Offer for Q1" in summaries(store, "Alice Archer")
        assert "Re: Offer for Q1" in summaries(store, "Alice Archer")
        assert not store.conn.execute("SELECT 1 FROM touch_points WHERE summary LIKE '%50%%off%'").fetchone()
        assert not store.conn.execute("SELECT 1 FROM touch_points WHERE summary = 'Question'").fetchone()
        # AND the reply promise of the first question was closed by my reply, at its real time
        rows = store.conn.execute(
            "SELECT t.summary, f.status, f.completed_at, r.summary FROM follow_ups f "
            "JOIN touch_points t ON t.id = f.origin_touch_point_id "
            "LEFT JOIN touch_points r ON r.id = f.resolved_by_touch_point_id "
            "WHERE f.source = 'reply' AND f.contact_id = ? ORDER BY t.at_utc",
            (alice,),
        ).fetchall()
        by_summary = {r[0]: r[1:] for r in rows}
        assert by_summary["Offer for Q1"] == ("done", "2026-11-20T15:00:00Z", "Re: Offer for Q1")
        # AND the second question's promise is still open: a reply closes exactly what it answers
        assert by_summary["Training dates"][0] == "open"
        # AND the list mail, the out-of-office, the Cc-only mail and the bare thanks opened none
        promised = {r[0] for r in rows} | set(promises(store.conn))
        for quiet in ("[users] Release notes", "Out of Office: Offer for Q1", "Delivery moved", "Re: Order"):
            assert quiet not in promised
        opened = store.conn.execute("SELECT count(*) FROM follow_ups WHERE source = 'reply'").fetchone()[0]
    assert report["promises_opened"] == opened
    assert report["promises_closed"] >= 1


def test_subjects_in_several_scripts_html_and_the_time_zone_of_the_message(
    mailbox: Dovecot, cli: Cli, open_store: Callable[[], Store]
) -> None:
    sync(cli)
    with open_store() as store:
        assert "会议记录" in summaries(store, "Chen Wei")
        bob = summaries(store, "Bob Brenner")
        assert {"Grüße aus Zürich", "Привет", "こんにちは"} <= set(bob)
        cid = store.contacts.resolve("Bob Brenner")
        html = next(tp for tp in store.touch_points.for_contact(cid) if tp.summary == "Price list")
        assert html.notes == "Dear Mia,\nthe new prices apply from December."
        # Chen's Date is +0800: stored in UTC, with his zone beside it
        chen = store.contacts.resolve("Chen Wei")
        tp = next(t for t in store.touch_points.for_contact(chen) if t.summary == "会议记录")
        assert tp.at == datetime(2026, 11, 21, 2, 30, tzinfo=UTC)
        assert tp.tz == "Asia/Shanghai"
        # AND the snippet leaves out the signature
        alice = store.contacts.resolve("Alice Archer")
        offer = next(t for t in store.touch_points.for_contact(alice) if t.summary == "Offer for Q1")
        assert offer.notes == "Hi Mia,\n\nCould you send me the offer for Q1?\n\nThanks,\nAlice"
        reply = next(t for t in store.touch_points.for_contact(alice) if t.summary == "Re: Offer for Q1")
        assert "Could you send" not in reply.notes  # the quoted text is left out


def test_sync_is_read_only_on_the_server(mailbox: Dovecot, cli: Cli) -> None:
    # GIVEN the flags and counts on the server before
    before = (mailbox.flags("INBOX"), mailbox.flags("Sent"), mailbox.count("INBOX"), mailbox.count("Sent"))
    assert not any(b"\\Seen" in f for f in before[0])
    # WHEN synced twice
    sync(cli)
    sync(cli)
    # THEN nothing was marked read, moved or deleted
    after = (mailbox.flags("INBOX"), mailbox.flags("Sent"), mailbox.count("INBOX"), mailbox.count("Sent"))
    assert after == before
    # AND Dovecot's own account of each session agrees: nothing deleted, expunged or trashed
    sessions = [line for line in (mailbox.folder / "dovecot.log").read_text().splitlines() if "expunged=" in line]
    assert len(sessions) >= 3
    assert all("deleted=0 expunged=0 trashed=0" in line for line in sessions)


def test_a_second_sync_changes_nothing_and_a_third_picks_up_only_the_new_message(
    mailbox: Dovecot, cli: Cli, open_store: Callable[[], Store]
) -> None:
    sync(cli)
    with open_store() as store:
        before = list(store.conn.execute("SELECT * FROM touch_points ORDER BY id"))
        follow_ups = list(store.conn.execute("SELECT * FROM follow_ups ORDER BY id"))
    # WHEN synced again with nothing new
    report = sync(cli)
    # THEN nothing is logged twice
    assert report == {
        "logged": 0,
        "skipped": 0,
        "promises_opened": 0,
        "promises_closed": 0,
        "replies_read": 0,
        "errors": [],
    }
    with open_store() as store:
        assert list(store.conn.execute("SELECT * FROM touch_points ORDER BY id")) == before
        assert list(store.conn.execute("SELECT * FROM follow_ups ORDER BY id")) == follow_ups
    # WHEN my reply to the training question arrives in Sent
    mailbox.append(
        "Sent",
        with_arrival(
            [
                raw(
                    sender=USER,
                    to="alice@client.example",
                    subject="Re: Training dates",
                    mid="r2@example.test",
                    date="Sat, 21 Nov 2026 08:00:00 +0100",
                    in_reply_to="a2@client.example",
                    body="The 3rd works.",
                )
            ]
        ),
    )
    report = sync(cli)
    # THEN only that message is read, and it closes the training promise
    assert (report["logged"], report["skipped"], report["promises_closed"]) == (1, 0, 1)
    with open_store() as store:
        assert (
            store.conn.execute(
                "SELECT count(*) FROM follow_ups WHERE source = 'reply' AND status = 'open' AND title LIKE '%Training%'"
            ).fetchone()[0]
            == 0
        )


def test_a_thread_of_ten_is_one_line_with_its_count(
    mailbox: Dovecot, cli: Cli, open_store: Callable[[], Store]
) -> None:
    sync(cli)
    with open_store() as store:
        alice = store.contacts.resolve("Alice Archer")
        threads = {t.thread_key: t for t in MailMessagesRepo(store).threads(alice)}
        assert threads[f"<{ROOT}>"].messages == 10
        assert threads["<a1@client.example>"].messages == 2  # the question and my reply
    lines = json.loads(cli("mail", "threads", "Alice Archer", "--json").out)
    rollout = next(t for t in lines if t["subject"] == "Rollout plan")
    assert rollout["messages"] == 10


def test_people_i_write_to_who_are_not_contacts_are_suggested(mailbox: Dovecot, cli: Cli) -> None:
    sync(cli)
    sync(cli)  # counting twice would be a bug
    result = cli("mail", "suggestions", "--json")
    rows = json.loads(result.out)
    assert rows[0]["address"] == "dana@prospect.example"
    assert rows[0]["name"] == "Dana Doe"
    assert rows[0]["sent"] == 2
    assert "stranger@else.example" not in {r["address"] for r in rows}  # they wrote to me; I never wrote back
    # AND nothing of their messages is stored
    assert "Intro" not in cli("search", "Intro").out


def test_with_condstore_an_unchanged_mailbox_is_not_even_opened(
    mailbox: Dovecot, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import imaplib

    sync(cli)
    opened: list[str] = []
    real = imaplib.IMAP4.select

    def counting(self: imaplib.IMAP4, name: str = "INBOX", readonly: bool = False) -> object:
        opened.append(name)
        assert readonly, "the sync must EXAMINE, never SELECT"
        return real(self, name, readonly)

    monkeypatch.setattr(imaplib.IMAP4, "select", counting)
    assert sync(cli)["logged"] == 0
    assert opened == []  # STATUS showed the same UIDNEXT and HIGHESTMODSEQ
    mailbox.append(
        "INBOX",
        with_arrival(
            [
                raw(
                    sender="alice@client.example",
                    subject="New",
                    mid="new@client.example",
                    date="Sun, 22 Nov 2026 18:00:00 +0000",
                )
            ]
        ),
    )
    assert sync(cli)["logged"] == 1
    assert opened == ['"INBOX"']  # only the folder that changed


def test_a_new_uidvalidity_rescans_without_logging_twice(
    mailbox: Dovecot, cli: Cli, open_store: Callable[[], Store]
) -> None:
    first = sync(cli)
    # GIVEN the server renumbered its messages (a restored or rebuilt mailbox)
    with open_store() as store:
        store.conn.execute("UPDATE mail_folders SET uidvalidity = uidvalidity + 1, uidnext = 0")
        count = store.touch_points.count()
    # WHEN synced
    again = sync(cli)
    # THEN every message is looked at again, and none is logged twice
    assert again["logged"] == 0 and again["errors"] == []
    assert again["skipped"] >= first["logged"]
    with open_store() as store:
        assert store.touch_points.count() == count


def test_the_sent_folder_is_found_by_its_flag_or_its_usual_name() -> None:
    from followup.mail.sync import find_sent

    class Listing:  # what servers answer to LIST "" "*"
        def __init__(self, lines: list[bytes]) -> None:
            self.lines = lines

        def list(self) -> tuple[str, list[bytes]]:
            return "OK", self.lines

    gmail = [
        b'(\\HasNoChildren) "/" "INBOX"',
        b'(\\HasChildren \\Noselect) "/" "[Gmail]"',
        b'(\\HasNoChildren \\Sent) "/" "[Gmail]/Sent Mail"',
    ]
    exchange = [b'(\\HasNoChildren) "/" INBOX', b'(\\HasNoChildren) "/" "Sent Items"', b'(\\HasNoChildren) "/" Drafts']
    none = [b'(\\HasNoChildren) "." INBOX']
    assert find_sent(Listing(gmail)) == "[Gmail]/Sent Mail"  # type: ignore[arg-type]
    assert find_sent(Listing(exchange)) == "Sent Items"  # type: ignore[arg-type]
    assert find_sent(Listing(none)) is None  # type: ignore[arg-type]


def test_headers_only_keeps_no_text_from_the_messages(
    dovecot: Dovecot, keyring_session: SecretService, cli: Cli, open_store: Callable[[], Store]
) -> None:
    dovecot.append("INBOX", with_arrival(INBOX[:2]))
    assert add_dovecot_account(cli, dovecot, "--headers-only").code == 0
    assert sync(cli)["logged"] == 2
    with open_store() as store:
        rows = store.conn.execute("SELECT summary, notes FROM touch_points ORDER BY summary").fetchall()
    assert rows == [("Offer for Q1", ""), ("Training dates", "")]

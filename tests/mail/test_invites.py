"""send-invite through a real SMTP server (aiosmtpd, STARTTLS, pinned), read
back from its maildir with `email`, the calendar checked by ical.js; answers
(REPLY, COUNTER) coming back by mail update the engagement."""

from __future__ import annotations

import email
import email.policy
import json
import mailbox
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_runner import Cli
from mail_account_cli import add_account
from mailfixtures import promises, raw
from mailservers import USER, SecretService

from followup.mail.imip_reply import responses
from followup.store import Store

Check = Callable[[list[Path]], list[dict[str, Any]]]


@pytest.fixture
def engagement(cli: Cli) -> int:
    result = cli(
        "plan",
        "Alice Archer",
        "--with",
        "Bob Brenner",
        "--title",
        "Kick-off",
        "--start",
        "2026-12-01T10:00",
        "--location",
        "Zürich office",
        "--json",
    )
    assert result.code == 0, result.err
    return int(json.loads(result.out)["engagement_id"])


@pytest.fixture
def sender(cli: Cli, smtp_server: tuple[int, Path, str], keyring_session: SecretService) -> Path:
    port, maildir, fingerprint = smtp_server
    result = add_account(
        cli, "--no-check", "--pin-certificate", fingerprint,
        imap="127.0.0.1:1", smtp=f"127.0.0.1:{port}", smtp_security="starttls", password="pw",
    )  # fmt: skip
    assert result.code == 0, result.err
    return maildir


def delivered(maildir: Path) -> list[email.message.EmailMessage]:
    """What arrived since the last look (taken out of the maildir)."""
    box = mailbox.Maildir(str(maildir))
    messages = []
    for key in list(box.keys()):
        messages.append(email.message_from_bytes(box.get_bytes(key), policy=email.policy.default))
        box.remove(key)
    return messages  # type: ignore[return-value]


def calendar_of(msg: email.message.EmailMessage, tmp_path: Path, check: Check) -> dict[str, Any]:
    # multipart/mixed: [multipart/alternative: [text/plain, text/calendar], application/ics]
    assert msg.get_content_type() == "multipart/mixed"
    alternative, attachment = list(msg.iter_parts())
    assert alternative.get_content_type() == "multipart/alternative"
    text, cal = list(alternative.iter_parts())
    assert text.get_content_type() == "text/plain" and "Kick-off" in text.get_content()
    assert cal.get_content_type() == "text/calendar"
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_filename() == "invite.ics"
    data = cal.get_payload(decode=True)
    assert attachment.get_payload(decode=True) == data
    path = tmp_path / f"cal-{len(list(tmp_path.glob('cal-*')))}.ics"
    path.write_bytes(data)
    [found] = check([path])
    assert found["ok"], found["errors"]
    assert found["method"] == cal.get_param("method")
    return found


def test_an_invitation_outlook_and_gmail_show_with_accept_and_decline(
    cli: Cli, engagement: int, sender: Path, ical_check: Check, tmp_path: Path, open_store: Callable[[], Store]
) -> None:
    # WHEN the invitation is sent
    result = cli("send-invite", str(engagement), "--json")
    assert result.code == 0, result.err
    # THEN the recipients get one message with the calendar as an alternative and as an attachment
    [msg] = delivered(sender)
    assert "alice@client.example" in msg["To"] and "bob@supplier.example" in msg["To"].lower()
    found = calendar_of(msg, tmp_path, ical_check)
    assert found["method"] == "REQUEST"
    [ev] = found["events"]
    assert ev["summary"] == "Kick-off"
    assert any("me@example.test" in str(o) for o in ev["organizers"])
    assert len(ev["attendees"]) == 2
    first_sequence = ev["sequence"]
    # WHEN the engagement changes and is sent again
    with open_store() as store:
        e = store.engagements.get(engagement)
        e.location = "Basel office"
        store.engagements.update(e)
    assert cli("send-invite", str(engagement)).code == 0
    # THEN the update has a higher SEQUENCE
    [again] = delivered(sender)
    second = calendar_of(again, tmp_path, ical_check)["events"][0]
    assert second["sequence"] > first_sequence
    # WHEN it is cancelled
    assert cli("send-invite", str(engagement), "--cancel").code == 0
    [cancellation] = delivered(sender)
    cancelled = calendar_of(cancellation, tmp_path, ical_check)
    assert cancelled["method"] == "CANCEL"
    assert cancelled["events"][0]["sequence"] > second["sequence"]
    assert cancelled["events"][0]["status"] == "CANCELLED"


def test_save_writes_the_message_and_sends_nothing(
    cli: Cli, engagement: int, tmp_path: Path, ical_check: Check
) -> None:
    out = tmp_path / "invite.eml"
    assert cli("send-invite", str(engagement), "--save", str(out)).code == 0
    msg = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
    assert calendar_of(msg, tmp_path, ical_check)["method"] == "REQUEST"  # type: ignore[arg-type]


def test_sending_with_no_account_says_what_to_do(cli: Cli, engagement: int) -> None:
    result = cli("send-invite", str(engagement))
    assert result.code == 1
    assert "mail add-account first, or use --save" in result.err


def _answer(who: str, uid: str, method: str, partstat: str, extra: str = "") -> bytes:
    ics = (
        f"BEGIN:VCALENDAR\r\nPRODID:-//Test//EN\r\nVERSION:2.0\r\nMETHOD:{method}\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261124T090000Z\r\nSEQUENCE:0\r\nDTSTART:20261202T150000Z\r\n"
        f"ORGANIZER:mailto:me@example.test\r\nATTENDEE;PARTSTAT={partstat}:mailto:{who}\r\n{extra}"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return raw(
        sender=who,
        subject=f"{partstat.title()}: Kick-off",
        mid=f"{method}-{who}",
        date="Mon, 23 Nov 2026 08:00:00 +0000",
        ctype=f'text/calendar; method={method}; charset="utf-8"',
        body=ics.replace("\r\n", "\n"),
    )


def test_answers_by_mail_update_the_attendees_and_log_touch_points(
    cli: Cli, engagement: int, tmp_path: Path, open_store: Callable[[], Store]
) -> None:
    with open_store() as store:
        uid = store.engagements.get(engagement).uid
    (tmp_path / "bob.eml").write_bytes(_answer("bob@supplier.example", uid, "REPLY", "ACCEPTED"))
    (tmp_path / "alice.eml").write_bytes(
        _answer("alice@client.example", uid, "COUNTER", "TENTATIVE", "COMMENT:Could we do the afternoon?\r\n")
    )
    (tmp_path / "chen.eml").write_bytes(_answer("chen@partner.example", "not-ours@else", "REPLY", "DECLINED"))
    result = json.loads(cli("import-mail", str(tmp_path), "--json").out)
    assert (result["logged"], result["replies_read"]) == (3, 2)
    with open_store() as store:
        answers = {r["contact"]: r for r in responses(store, engagement)}
        assert answers["Bob Brenner"]["partstat"] == "ACCEPTED"
        assert answers["Alice Archer"]["partstat"] == "TENTATIVE"
        assert answers["Alice Archer"]["proposed_start"] == "2026-12-02T15:00:00Z"
        assert answers["Alice Archer"]["comment"] == "Could we do the afternoon?"
        # an acceptance needs no answer; a proposed new time does
        shown = cli("invite-responses", str(engagement)).out
        assert "Bob Brenner: accepted" in shown
        assert "Alice Archer: maybe, proposes 2026-12-02T15:00:00Z: “Could we do the afternoon?”" in shown
        titles = [r[0] for r in store.conn.execute("SELECT title FROM follow_ups WHERE source = 'reply'")]
        assert not any("Bob" in t for t in titles)
        assert any("Alice" in t for t in titles)


def test_a_draft_sent_by_smtp_answers_and_closes_exactly_its_promise(
    cli: Cli, sender: Path, tmp_path: Path, open_store: Callable[[], Store]
) -> None:
    from mailfixtures import INBOX

    # GIVEN Alice's two questions, each with its reply promise
    for i in (0, 1):
        (tmp_path / f"{i}.eml").write_bytes(INBOX[i])
    assert json.loads(cli("import-mail", str(tmp_path), "--json").out)["promises_opened"] == 2
    with open_store() as store:
        promise = store.conn.execute(
            "SELECT f.id FROM follow_ups f JOIN touch_points t ON t.id = f.origin_touch_point_id "
            "WHERE t.summary = 'Offer for Q1'"
        ).fetchone()[0]
    # WHEN the draft for the first is sent
    result = cli("draft", str(promise), "--send", "--json")
    assert result.code == 0, result.err
    # THEN Alice receives it as an answer to her message
    [msg] = delivered(sender)
    assert msg["In-Reply-To"] == "<a1@client.example>"
    assert msg["Subject"] == "Re: Offer for Q1"  # the message it answers, not the latest one
    assert msg.get_content().startswith("Hi Alice,")
    # AND it is logged, and only that promise is kept
    with open_store() as store:
        assert promises(store.conn) == {"Offer for Q1": "done", "Training dates": "open"}
        assert store.conn.execute("SELECT count(*) FROM touch_points WHERE direction = 'out'").fetchone()[0] == 1
    # AND a mailto: link is there for those who write in their own program
    other = [r for r in json.loads(cli("due", "--json", "--until", "2026-12-31").out) if r["source"] == "reply"]
    link = cli("draft", str(other[0]["id"]), "--mailto").out
    assert link.startswith("mailto:alice@client.example?subject=")


def test_two_pins_when_imap_and_smtp_show_different_certificates(
    cli: Cli, engagement: int, dovecot: Any, smtp_server: tuple[int, Path, str], keyring_session: SecretService
) -> None:
    port, _maildir, smtp_pin = smtp_server
    assert smtp_pin != dovecot.fingerprint
    smtp = {"imap": f"127.0.0.1:{dovecot.port}", "smtp": f"127.0.0.1:{port}", "smtp_security": "starttls"}
    # GIVEN only the IMAP certificate pinned: sending is refused with the SMTP one's fingerprint
    assert add_account(cli, "--pin-certificate", dovecot.fingerprint, **smtp).code == 0
    refused = cli("send-invite", str(engagement))
    assert refused.code == 1 and "not the one you pinned" in refused.err
    assert cli("mail", "remove-account", USER).code == 0
    # WHEN both are pinned, IMAP logs in and SMTP sends (aiosmtpd's password is "pw": AUTH is refused, but
    # only after the pin was checked, so the certificate is what is tested here)
    assert add_account(cli, "--pin-certificate", dovecot.fingerprint, "--pin-certificate", smtp_pin, **smtp).code == 0
    accounts = json.loads(cli("mail", "accounts", "--json").out)
    assert len(accounts[0]["pinned_sha256"]) == 2
    result = cli("send-invite", str(engagement))
    assert "certificate" not in result.err
    assert "refused the user name or password" in result.err

"""Who accepted, end to end through the GUI (pytest-qt) with the real SMTP
server (aiosmtpd, STARTTLS, pinned) and the real keyring: a proposed time
accepted in the engagement's answers, then the update sent by mail from
there; the recipient's copy read back with `email` and checked by ical.js."""

from __future__ import annotations

import email
import email.policy
import json
import mailbox
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from mailfixtures import raw
from mailservers import USER, Result, SecretService
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from followup.clock import FixedClock
from followup.store import Store

pytest.importorskip("pytestqt")
Cli = Callable[..., Result]
PROPOSED = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)


class WindowStandIn:
    """What the answers dialog asks of the window (ui.ops.shell.Shell), over a real store and hub."""

    def __init__(self, store: Store) -> None:
        from ui.ops.changes import ChangesHub

        self.store, self.clock, self.tz = store, store.clock, ZoneInfo("Europe/Berlin")
        self.hub = ChangesHub(store.conn)
        self.status: list[str] = []

    def dialog_parent(self) -> QWidget | None:
        return None

    def show_status(self, message: str, msecs: int = 6000) -> None:
        self.status.append(message)

    def offer_undo(self, description: str, undo: Callable[[], object]) -> None:
        pass

    def open_contact(self, contact_id: int) -> None:
        pass

    def shown_contact_id(self) -> int | None:
        return None


@pytest.fixture
def shell(data_dir: Path, clock: FixedClock) -> Iterator[WindowStandIn]:
    store = Store.open(data_dir / "followup.db", clock)
    yield WindowStandIn(store)
    store.close()


def _setup(cli: Cli, smtp_server: tuple[int, Path, str], tmp_path: Path, store: Store) -> int:
    port, _maildir, fingerprint = smtp_server
    added = cli(
        "mail", "add-account", "--email", USER, "--imap", "127.0.0.1:1", "--smtp", f"127.0.0.1:{port}",
        "--smtp-security", "starttls", "--password-stdin", "--no-check", "--pin-certificate", fingerprint,
        stdin="pw\n",
    )  # fmt: skip
    assert added.code == 0, added.err
    planned = cli("plan", "Alice Archer", "--with", "Bob Brenner", "--title", "Kick-off",
                  "--start", "2026-12-01T10:00", "--json")  # fmt: skip
    eid = int(json.loads(planned.out)["engagement_id"])
    uid = store.engagements.get(eid).uid
    ics = (
        "BEGIN:VCALENDAR\nPRODID:-//Test//EN\nVERSION:2.0\nMETHOD:COUNTER\nBEGIN:VEVENT\n"
        f"UID:{uid}\nDTSTAMP:20261124T090000Z\nSEQUENCE:0\nDTSTART:20261202T150000Z\n"
        "ORGANIZER:mailto:me@example.test\nATTENDEE;PARTSTAT=TENTATIVE:mailto:alice@client.example\n"
        "COMMENT:Could we do the afternoon?\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    counter = tmp_path / "counter.eml"
    counter.write_bytes(
        raw(
            sender="alice@client.example",
            subject="New time proposed: Kick-off",
            mid="counter-1",
            date="Mon, 23 Nov 2026 08:00:00 +0000",
            ctype='text/calendar; method=COUNTER; charset="utf-8"',
            body=ics,
        )
    )
    assert json.loads(cli("import-mail", str(counter), "--json").out)["replies_read"] == 1
    return eid


def test_accept_the_proposed_time_and_send_everyone_the_update(
    qtbot,  # type: ignore[no-untyped-def]
    cli: Cli,
    smtp_server: tuple[int, Path, str],
    keyring_session: SecretService,
    shell: WindowStandIn,
    tmp_path: Path,
    ical_check: Callable[[list[Path]], list[dict[str, Any]]],
) -> None:
    from ui.engagements.answers_dialog import AnswersDialog

    # GIVEN a kick-off for which Alice proposed Wednesday afternoon, by mail
    eid = _setup(cli, smtp_server, tmp_path, shell.store)
    dialog = AnswersDialog(shell, eid)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.currentItem().text(0) == "Alice Archer"
    # WHEN her time is accepted
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert shell.store.engagements.get(eid).start == PROPOSED
    # AND the invitation is sent by mail from the dialog
    assert dialog.send_button.isEnabled()
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.sending.text().startswith(("Sent", "The", "No")), timeout=20_000)
    assert dialog.sending.text() == f"Sent from {USER} to 2 contact(s), and logged.", dialog.sending.text()
    # THEN both received the update, at the new time, with a higher SEQUENCE
    box = mailbox.Maildir(str(smtp_server[1]))
    [key] = list(box.keys())
    msg = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
    cal = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    path = tmp_path / "update.ics"
    path.write_bytes(cal.get_payload(decode=True))
    [found] = ical_check([path])
    assert found["ok"], found["errors"]
    [event] = found["events"]
    assert event["sequence"] > 0 and "20261202T150000Z" in path.read_text().replace("\r\n", "\n")
    # AND the sending is logged: an outbound email touch point with each of them
    summaries = [
        r[0]
        for r in shell.store.conn.execute(
            "SELECT summary FROM touch_points WHERE direction = 'out' AND channel = 'email' ORDER BY contact_id"
        )
    ]
    assert len(summaries) == 2 and all(s.startswith("Invitation: Kick-off") for s in summaries)


def test_without_a_mail_account_the_dialog_says_how_to_send(qtbot, shell: WindowStandIn, cli: Cli) -> None:  # type: ignore[no-untyped-def]
    from ui.engagements.answers_dialog import AnswersDialog

    planned = cli("plan", "Alice Archer", "--title", "Kick-off", "--start", "2026-12-01T10:00", "--json")
    dialog = AnswersDialog(shell, int(json.loads(planned.out)["engagement_id"]))  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert not dialog.send_button.isEnabled()
    assert "Connect a mailbox first" in dialog.send_button.toolTip()
    assert dialog.summary.text().startswith("No answers yet.")

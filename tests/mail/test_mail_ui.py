"""Settings > Mail with pytest-qt, against the real Dovecot and gnome-keyring:
a self-signed certificate offered for trust, the account added, a sync in the
background reported in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from mailfixtures import INBOX, with_arrival
from mailservers import PASSWORD, USER, Dovecot, SecretService

from followup.clock import FixedClock
from followup.mail import credentials
from followup.mail.accounts import format_fingerprint
from followup.store import Store
from followup.store.mail_accounts import MailAccountsRepo

pytest.importorskip("pytestqt")


def test_settings_mail_adds_an_account_after_trusting_its_certificate_and_syncs(
    qtbot,
    dovecot: Dovecot,
    keyring_session: SecretService,
    data_dir: Path,
    clock: FixedClock,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from ui.mail.settings_dialog import MailSettingsDialog
    from ui.mail.sync_service import MailSyncService

    dovecot.append("INBOX", with_arrival(INBOX[:2]))
    store = Store.open(data_dir / "followup.db", clock)
    service = MailSyncService(store.path, clock)
    dialog = MailSettingsDialog(store, sync_now=service.sync_now)
    qtbot.addWidget(dialog)
    # GIVEN the form filled in (keyboard, as a user would)
    qtbot.keyClicks(dialog.email, USER)
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.imap, f"127.0.0.1:{dovecot.port}")
    qtbot.keyClicks(dialog.smtp, "127.0.0.1:2525")
    dialog.smtp.setText("localhost:25")
    # WHEN Add is pressed: the self-signed certificate is refused, its fingerprint offered
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.add_button.isEnabled(), timeout=15_000)
    assert dialog.trust_button.isVisibleTo(dialog), dialog.error.text()
    assert format_fingerprint(dovecot.fingerprint) in dialog.error.text()
    assert MailAccountsRepo(store).all() == []
    # WHEN the user trusts it and adds again
    dialog.trust_button.click()
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.add_button.isEnabled(), timeout=15_000)
    assert "Added" in dialog.error.text(), dialog.error.text()
    # THEN the account is listed, the password only in the keyring
    assert USER in dialog.accounts.item(0).text()
    assert credentials.get_password(USER) == PASSWORD
    assert dialog.password.text() == ""
    # WHEN Sync now is pressed
    with qtbot.waitSignal(service.synced, timeout=30_000) as blocker:
        dialog.sync_button.click()
    assert blocker.args[0].logged == 2
    store.close()


def test_the_draft_dialog_checks_tone_as_you_type_and_sends(
    qtbot,
    data_dir: Path,
    clock: FixedClock,
    smtp_server: tuple[int, Path, str],  # type: ignore[no-untyped-def]
    keyring_session: SecretService,
    tmp_path: Path,
) -> None:
    import mailbox
    from datetime import timedelta

    from followup.domain import Channel, Direction, Mood, TouchPoint
    from followup.engine.touch_points import log_touch_point
    from followup.mail.accounts import build_account
    from followup.mail.setup import add_account
    from ui.mail.draft_dialog import DraftDialog

    port, maildir, fingerprint = smtp_server
    store = Store.open(data_dir / "followup.db", clock)
    add_account(
        store,
        build_account(
            email=USER, imap="127.0.0.1:1", smtp=f"127.0.0.1:{port}", smtp_security="starttls", pin=fingerprint
        ),
        "pw",
        check=False,
    )
    # GIVEN Alice, stressed, asked something 30 hours ago (past the promise)
    alice = store.contacts.resolve("Alice Archer")
    logged = log_touch_point(
        store,
        TouchPoint(
            alice,
            clock.now() - timedelta(hours=30),
            Channel.EMAIL,
            Direction.IN,
            "Where is the offer?",
            mood=Mood.STRESSED,
            needs_reply=True,
        ),
    )
    dialog = DraftDialog(store, logged.created[0])
    qtbot.addWidget(dialog)
    dialog.show()
    # THEN the draft greets her and the tone check already says: late, and better as a call
    assert dialog.body.toPlainText().startswith("Hi Alice,")
    rules = {dialog.findings.item(i).toolTip() for i in range(dialog.findings.count())}
    assert rules == {"late-reply", "better-as-call"}
    assert dialog.call_button.isVisible()
    # WHEN the user types shouting
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.Start)
    qtbot.keyClicks(dialog.body, "URGENT!!! ")
    qtbot.waitUntil(lambda: dialog.findings.count() == 5, timeout=5000)
    assert len(dialog.body.extraSelections()) == 3  # "URGENT", "!!!" and the greeting that is no longer first
    dialog.grab().save(str(tmp_path / "draft.png"))
    # WHEN it is sent
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        dialog.send_button.click()
    # THEN it arrived, and the promise is kept
    assert len(mailbox.Maildir(str(maildir))) == 1
    assert store.follow_ups.get(logged.created[0]).status == "done"
    store.close()


def test_mail_files_dropped_on_the_window_are_imported(
    qtbot,
    data_dir: Path,
    clock: FixedClock,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    from ui.shell.mail_hookup import install
    from ui.shell.window import MainWindow

    store = Store.open(data_dir / "followup.db", clock)
    window = MainWindow(store, clock, data_dir)
    qtbot.addWidget(window)
    install(window)
    eml = tmp_path / "offer.eml"
    eml.write_bytes(INBOX[0])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(eml))])
    args = (QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    enter = QDragEnterEvent(*args)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(*args)
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: "Mail imported: 1 logged" in window.statusBar().currentMessage(), timeout=15_000)
    assert store.touch_points.count() == 1
    # the window's own follow-up work (the live calendar file) finishes before the store closes
    window.close()  # flushes the live calendar file's pending write while the store is open
    store.close()

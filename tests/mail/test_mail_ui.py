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

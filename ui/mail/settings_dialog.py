"""Settings > Mail: the accounts, adding one (provider presets, app-password
notes, a certificate to trust), removing one, syncing now, and how often."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from followup.changes import Changes
from followup.errors import FollowupError
from followup.mail.accounts import Account, build_account, format_fingerprint
from followup.mail.connection import CertificateError
from followup.mail.presets import PRESETS, preset_for
from followup.preferences import DEFAULTS
from followup.store import Store
from followup.store.mail_accounts import MailAccountsRepo
from ui.ops import operations as ops
from ui.ops.jobs import ProgressJob, start
from ui.widgets.when_text import datetime_text

INTERVAL_KEY = "mail_sync_minutes"
DEFAULT_INTERVAL = int(DEFAULTS[INTERVAL_KEY])
OTHER = "Other provider (enter the servers)"


def sync_interval(store: Store) -> int:
    return int(store.settings.get(INTERVAL_KEY, DEFAULT_INTERVAL) or 0)


class MailSettingsDialog(QDialog):
    """Accounts and sync settings. ``sync_now`` is called by "Sync now"."""

    def __init__(self, store: Store, parent: QWidget | None = None, *, sync_now: Callable[[], None] | None = None):
        super().__init__(parent)
        self.setWindowTitle("Settings — Mail")
        self.setMinimumWidth(620)
        self.store = store
        self._sync_now = sync_now
        self._jobs: set[ProgressJob] = set()
        self._offered = ""

        self.accounts = QListWidget()
        self.accounts.setAccessibleName("Mail accounts")
        self.accounts.setWordWrap(True)
        self.accounts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.accounts.setMaximumHeight(150)
        self.remove_button = QPushButton("&Remove account")
        self.remove_button.clicked.connect(self._remove)
        self.sync_button = QPushButton("S&ync now")
        self.sync_button.clicked.connect(self._on_sync_now)
        self.interval = QSpinBox()
        self.interval.setRange(0, 24 * 60)
        self.interval.setSuffix(" min")
        self.interval.setSpecialValueText("only when I ask")
        self.interval.setValue(sync_interval(store))
        self.interval.setAccessibleName("Sync every")
        row = QHBoxLayout()
        row.addWidget(QLabel("Sync &every"))
        row.itemAt(0).widget().setBuddy(self.interval)  # type: ignore[union-attr]
        row.addWidget(self.interval)
        row.addStretch(1)
        row.addWidget(self.sync_button)
        row.addWidget(self.remove_button)

        self.provider = QComboBox()
        self.provider.addItems([p.name for p in PRESETS] + [OTHER])
        self.provider.setCurrentIndex(len(PRESETS))
        self.email = QLineEdit()
        self.email.setPlaceholderText("you@example.com")
        self.user = QLineEdit()
        self.user.setPlaceholderText("(the address)")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("an app password for most providers")
        self.imap = QLineEdit()
        self.imap.setPlaceholderText("imap.example.com:993")
        self.smtp = QLineEdit()
        self.smtp.setPlaceholderText("smtp.example.com:587")
        self.pin = QLineEdit()
        self.pin.setPlaceholderText("only for a server whose certificate you trust by its fingerprint")
        self.headers_only = QCheckBox("Log subjects only, no text from the messages")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: palette(link);")
        self.trust_button = QPushButton("&Trust this certificate")
        self.trust_button.hide()
        self.trust_button.clicked.connect(self._trust)
        self.add_button = QPushButton("&Add account")
        self.add_button.clicked.connect(self._add)
        form = QFormLayout()
        form.addRow("&Provider", self.provider)
        form.addRow("&Email", self.email)
        form.addRow("App &password", self.password)
        form.addRow("&IMAP server", self.imap)
        form.addRow("&SMTP server", self.smtp)
        form.addRow("User &name", self.user)
        form.addRow("&Certificate pin", self.pin)
        form.addRow("", self.headers_only)
        add_box = QGroupBox("Add an account")
        add_layout = QVBoxLayout(add_box)
        add_layout.addLayout(form)
        add_layout.addWidget(self.note)
        add_layout.addWidget(self.error)
        buttons_row = QHBoxLayout()
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.trust_button)
        buttons_row.addWidget(self.add_button)
        add_layout.addLayout(buttons_row)
        privacy = QLabel(
            "Followup reads your inbox and sent folder without changing anything on the server, and keeps only "
            "mail with your contacts. The password stays in your system keyring."
        )
        privacy.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.accounts)
        layout.addLayout(row)
        layout.addWidget(privacy)
        layout.addWidget(add_box)
        layout.addWidget(close)
        self.provider.currentIndexChanged.connect(self._preset_chosen)
        self.email.textEdited.connect(self._email_typed)
        self.interval.valueChanged.connect(self._on_interval_changed)
        self.note.hide()
        self.error.hide()
        self.refresh()

    def _on_interval_changed(self, minutes: int) -> None:
        # this dialog opens on its own: no view shows mail settings, nobody to tell
        ops.run(None, self, "Mail", lambda: self.store.settings.set(INTERVAL_KEY, int(minutes)), Changes())

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self._fit()

    def _note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self._fit()

    def _fit(self) -> None:
        """Grow the window with a long note or error instead of squashing the fields."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def refresh(self) -> None:
        self.accounts.clear()
        rows = MailAccountsRepo(self.store).all()
        for a in rows:
            when = datetime_text(a.last_sync_at, weekday=False, year=False) if a.last_sync_at else "never synced"
            status = "" if a.status in ("", "synced") else f"\n{a.status}"
            item = QListWidgetItem(f"{a.email}\nIMAP {a.imap_host}:{a.imap_port} · last sync: {when}{status}")
            item.setToolTip(a.status or "")
            item.setData(256, a.email)
            self.accounts.addItem(item)
        if not rows:
            self.accounts.addItem(QListWidgetItem("No mailbox connected yet: add one below."))
        self.remove_button.setEnabled(bool(rows))
        self.sync_button.setEnabled(bool(rows) and self._sync_now is not None)

    def _preset_chosen(self, index: int) -> None:
        if index >= len(PRESETS):
            self._note("")
            return
        p = PRESETS[index]
        self.imap.setText(f"{p.imap_host}:{p.imap_port}")
        self.smtp.setText(f"{p.smtp_host}:{p.smtp_port}")
        self._note(p.note)

    def _email_typed(self, text: str) -> None:
        p = preset_for(text)
        if p is not None:
            self.provider.setCurrentIndex(PRESETS.index(p))

    def account(self) -> Account:
        account = build_account(
            email=self.email.text(),
            imap=self.imap.text(),
            smtp=self.smtp.text(),
            user=self.user.text().strip() or None,
            pin=self.pin.text().strip() or None,
        )
        account.headers_only = self.headers_only.isChecked()
        return account

    def _add(self) -> None:
        from followup.mail.setup import add_account, check_login

        self._say("")
        self.trust_button.hide()
        try:
            account = self.account()
        except FollowupError as error:
            self._say(str(error))
            return
        password = self.password.text()
        self.add_button.setEnabled(False)
        self._say("Connecting…")

        def done(_: Any) -> None:
            try:
                # the login was just checked
                ops.run_in_dialog(None, lambda: add_account(self.store, account, password, check=False), Changes())
            except FollowupError as error:
                failed_with(error)
                return
            self.add_button.setEnabled(True)
            self._say(f"Added {account.email}.")
            self.password.clear()
            self.refresh()

        def failed_with(error: Exception) -> None:
            self.add_button.setEnabled(True)
            self._say(str(error))
            if isinstance(error, CertificateError) and error.fingerprint:
                self._offered = error.fingerprint
                self.trust_button.show()

        caught: list[Exception] = []

        def run(_p: Any, _c: Any) -> None:
            try:
                check_login(account, password)
            except FollowupError as error:
                caught.append(error)  # kept whole: a CertificateError carries its fingerprint
                raise

        job = ProgressJob(run, what="mail login check")
        job.setAutoDelete(False)
        self._jobs.add(job)
        job.signals.finished.connect(done)
        job.signals.failed.connect(lambda message: failed_with(caught[0] if caught else FollowupError(message)))
        start(job)

    def _trust(self) -> None:
        self.pin.setText(format_fingerprint(self._offered))
        self.trust_button.hide()
        self._say("The fingerprint is filled in: Add account again to trust exactly this certificate.")

    def _remove(self) -> None:
        from followup.mail.setup import remove_account

        item = self.accounts.currentItem() or self.accounts.item(0)
        email = item.data(256) if item else None
        if email:
            ops.run(None, self, "Remove mail account", lambda: remove_account(self.store, str(email)), Changes())
            self.refresh()

    def _on_sync_now(self) -> None:
        if self._sync_now is not None:
            self._sync_now()

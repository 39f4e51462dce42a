"""Settings > Calendars: the CalDAV accounts and .ics links Followup reads,
which of their calendars it reads, how often, and "Sync now".

Connecting an account talks to the server (discovery, the password check) on
the background thread; the password goes straight to the system keyring.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from followup.caldav import accounts as acc
from followup.caldav.incoming import AUTOPLAN_KEY
from followup.changes import Changes
from followup.domain import Kind
from followup.progress import CancelCheck, Progress
from followup.store import Store
from ui.calendar.live_sync import INTERVAL_KEY, LiveSync, interval_minutes
from ui.ops.changes import ChangesHub
from ui.ops.jobs import ProgressJob, start
from ui.ops.operations import FAILED, run
from ui.style import theme
from ui.widgets.when_text import datetime_text

CALENDAR_ID = Qt.ItemDataRole.UserRole + 1
ACCOUNT_ID = Qt.ItemDataRole.UserRole + 2
SETTINGS = Changes(settings=True)  # what an account or a calendar setting touches


class AddAccountDialog(QDialog):
    """A CalDAV account: address, user, password; checked with the server before it is saved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a calendar account")
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://cloud.example.com/remote.php/dav")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.publish = QCheckBox("Put my open follow-ups there too (as tasks)")
        self.publish.setToolTip(
            "A “Followup” calendar is made on the server with your open follow-ups as tasks: "
            "your phone shows them, and done there is done here."
        )
        hint = QLabel(
            "Nextcloud, Fastmail, iCloud, mailbox.org, Radicale, SOGo and other CalDAV servers. "
            "iCloud and Fastmail need an app password, made in your account's security settings. "
            "The password is kept in your system keyring, never in Followup's files."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {theme.muted().name()};")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(theme.error_style())
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Server address:", self.url)
        form.addRow("&User name:", self.user)
        form.addRow("&Password:", self.password)
        form.addRow("Follow-ups:", self.publish)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Connect")
        self.buttons.accepted.connect(self._connect)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.account: tuple[str, str, list[tuple[str, str, tuple[str, ...]]]] | None = None
        self._job: ProgressJob | None = None
        self.setMinimumWidth(520)

    def _connect(self) -> None:
        from followup.caldav.remote import Remote
        from followup.errors import FollowupError

        try:
            url = acc.validate_url(self.url.text())
        except FollowupError as error:
            self._say(str(error))
            return
        user, password = self.user.text().strip(), self.password.text()

        def work(_progress: Progress, _cancelled: CancelCheck) -> list[tuple[str, str, tuple[str, ...]]]:
            from followup.caldav.credentials import save_password

            remote = Remote(url, user, password or None)
            try:
                found = remote.calendars()
            finally:
                remote.close()
            if password:
                save_password(url, user, password)
            return [(c.url, c.name, c.components) for c in found]

        self.buttons.setEnabled(False)
        self._say("Connecting…", error=False)
        job = ProgressJob(work, what="connecting a calendar account")
        job.setAutoDelete(False)
        job.signals.finished.connect(lambda found: self._connected(url, user, found))
        job.signals.failed.connect(self._failed)
        self._job = job
        start(job)

    def _connected(self, url: str, user: str, found: list[tuple[str, str, tuple[str, ...]]]) -> None:
        self._job = None
        self.account = (url, user, found)
        self.accept()

    def _failed(self, message: str) -> None:
        self._job = None
        self.buttons.setEnabled(True)
        self._say(message)

    def _say(self, text: str, *, error: bool = True) -> None:
        self.error.setStyleSheet(theme.error_style() if error else f"color: {theme.muted().name()};")
        self.error.setText(text)
        self.error.show()


class CalendarAccountsPage(QWidget):
    """The accounts, their calendars (tick to read), status, interval, Sync now."""

    changed = Signal()

    def __init__(self, store: Store, hub: ChangesHub, sync: LiveSync | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.hub, self.sync = store, hub, sync
        intro = QLabel(
            "Followup reads the calendars you already use: meetings with your contacts that happened are logged, "
            "new ones are offered for a plan in Today, moved or cancelled ones move or cancel their plan."
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Account or calendar", "Status"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._show_status())
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.empty = QLabel("No calendar account yet. Add one to bring your meetings in.")
        self.empty.setStyleSheet(f"color: {theme.muted().name()};")
        self.add_button = QPushButton("&Add account…")
        self.subscribe_button = QPushButton("Subscribe to a &link…")
        self.remove_button = QPushButton("&Remove")
        self.sync_button = QPushButton("S&ync now")
        self.add_button.clicked.connect(self.add_account)
        self.subscribe_button.clicked.connect(self.subscribe)
        self.remove_button.clicked.connect(self.remove_selected)
        self.sync_button.clicked.connect(self.sync_now)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.subscribe_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.sync_button)
        self.interval = QSpinBox()
        self.interval.setRange(0, 24 * 60)
        self.interval.setSuffix(" min")
        self.interval.setSpecialValueText("only when I ask")
        self.interval.setValue(interval_minutes(store))
        self.interval.valueChanged.connect(self._on_interval_changed)
        every = QHBoxLayout()
        every_label = QLabel("Sync &every:")
        every_label.setBuddy(self.interval)
        every.addWidget(every_label)
        every.addWidget(self.interval)
        every.addStretch(1)
        self.autoplan: dict[str, QCheckBox] = {}
        auto = QHBoxLayout()
        auto.addWidget(QLabel("Plan without asking, for:"))
        chosen = set(self.store.settings.get(AUTOPLAN_KEY) or [])
        for kind in Kind:
            box = QCheckBox(kind.label)
            box.setChecked(kind.value in chosen)
            box.setToolTip(f"A new meeting with a {kind.value} is planned at once with the suggested playbook")
            box.toggled.connect(self._on_autoplan_toggled)
            self.autoplan[kind.value] = box
            auto.addWidget(box)
        auto.addStretch(1)
        self.last = QLabel()
        self.last.setTextFormat(Qt.TextFormat.PlainText)
        self.last.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addLayout(every)
        layout.addLayout(auto)
        layout.addWidget(self.last)
        if sync is not None:
            sync.status.connect(self.last.setText)
            sync.synced.connect(lambda _r: self.reload())
            sync.running_changed.connect(lambda running: self.sync_button.setEnabled(not running))
        self.reload()

    def reload(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        every = acc.accounts(self.store)
        for a in every:
            top = QTreeWidgetItem([_account_title(a), _short_status(a.status)])
            top.setData(0, ACCOUNT_ID, a.id)
            top.setToolTip(0, a.url)
            top.setToolTip(1, a.status)
            if a.status.startswith("error"):
                top.setForeground(1, QBrush(QColor(theme.error_colour())))
            self.tree.addTopLevelItem(top)
            for c in acc.calendars(self.store, a.id):
                if a.publish_url and c.url == a.publish_url:
                    continue
                child = QTreeWidgetItem([c.name or c.url, ""])
                child.setData(0, CALENDAR_ID, c.id)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked if c.read else Qt.CheckState.Unchecked)
                child.setToolTip(0, "Ticked: its meetings come into Followup")
                top.addChild(child)
            top.setExpanded(True)
        self.tree.blockSignals(False)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self._show_status()
        self.tree.setVisible(bool(every))
        self.empty.setVisible(not every)
        self.remove_button.setEnabled(bool(every))
        self.sync_button.setEnabled(bool(every) and not (self.sync is not None and self.sync.running))

    def _show_status(self) -> None:
        account = self.selected_account()
        if account is None:
            self.status.clear()
            return
        when = ""
        if account.last_sync_utc:
            from datetime import datetime

            from followup.timeutil import zone

            local = datetime.fromisoformat(account.last_sync_utc).astimezone(zone(self.store.settings.user_zone()))
            when = f" Last synced {datetime_text(local, weekday=False, year=False)}."
        what = "Publishes your open follow-ups as tasks." if account.publish else ""
        text = account.status[len("error: ") :] if account.status.startswith("error: ") else ""
        self.status.setStyleSheet(theme.error_style() if text else f"color: {theme.muted().name()};")
        self.status.setText(text or f"{account.url}.{when} {what}".strip())

    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        calendar_id = item.data(0, CALENDAR_ID)
        if calendar_id is None:
            return
        read = item.checkState(0) == Qt.CheckState.Checked
        run(self.hub, self, "Read this calendar", lambda: acc.set_read(self.store, int(calendar_id), read), SETTINGS)

    def _on_autoplan_toggled(self, _on: bool) -> None:
        kinds = [k for k, box in self.autoplan.items() if box.isChecked()]
        run(self.hub, self, "Plan new meetings", lambda: self.store.settings.set(AUTOPLAN_KEY, kinds), SETTINGS)

    def _on_interval_changed(self, minutes: int) -> None:
        if run(self.hub, self, "Sync", lambda: self.store.settings.set(INTERVAL_KEY, minutes), SETTINGS) is FAILED:
            return
        if self.sync is not None:
            self.sync.apply_interval()

    def add_account(self) -> None:
        dialog = AddAccountDialog(self)
        if not dialog.exec() or dialog.account is None:
            return
        url, user, found = dialog.account

        def write() -> None:
            with self.store.transaction():
                account_id = acc.add_account(
                    self.store, acc.CALDAV, url, user, publish=dialog.publish.isChecked(), now=self.store.clock.now()
                )
                for cal_url, name, components in found:
                    if "VEVENT" in components or not components:
                        acc.upsert_calendar(self.store, account_id, cal_url, name, read=name != "Followup")

        if run(self.hub, self, "Add a calendar account", write, SETTINGS) is FAILED:
            return
        self.reload()
        self.changed.emit()
        self.sync_now()

    def subscribe(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getText(
            self,
            "Subscribe to a calendar link",
            "The calendar's .ics address (Google: “Secret address in iCal format”; Outlook: “Publish a calendar”):",
        )
        if not ok or not text.strip():
            return

        def write() -> None:
            now = self.store.clock.now()
            acc.add_account(self.store, acc.SUBSCRIPTION, acc.validate_url(text), "", publish=False, now=now)

        if run(self.hub, self, "Subscribe to a calendar link", write, SETTINGS) is FAILED:
            return
        self.reload()
        self.sync_now()

    def selected_account(self) -> acc.Account | None:
        item = self.tree.currentItem()
        while item is not None and item.data(0, ACCOUNT_ID) is None:
            item = item.parent()
        if item is None:
            return None
        wanted = int(item.data(0, ACCOUNT_ID))
        return next((a for a in acc.accounts(self.store) if a.id == wanted), None)

    def remove_selected(self) -> None:
        account = self.selected_account()
        if account is None:
            QMessageBox.information(self, "Remove", "Select an account first.")
            return
        answer = QMessageBox.question(
            self,
            "Remove the account",
            f"Stop reading {account.label}? Meetings already planned stay; its password leaves the keyring.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from followup.caldav.credentials import CredentialsError, delete_password

        try:
            if account.kind == acc.CALDAV:
                delete_password(account.url, account.username)
        except CredentialsError as error:
            QMessageBox.warning(self, "Remove the account", str(error))
        removed = run(
            self.hub, self, "Remove the account", lambda: acc.remove_account(self.store, account.id), SETTINGS
        )
        if removed is not FAILED:
            self.reload()

    def sync_now(self) -> None:
        if self.sync is not None and self.sync.sync_now():
            self.sync_button.setEnabled(False)


def _account_title(a: acc.Account) -> str:
    from followup.caldav.remote import host_of

    if a.kind == acc.SUBSCRIPTION:
        return f"Link from {host_of(a.url)}"
    return f"{a.username} at {host_of(a.url)}" if a.username else host_of(a.url)


def _short_status(status: str) -> str:
    if not status:
        return "not synced yet"
    if status.startswith("error"):
        return "problem (select it to read)"
    return status


class CalendarAccountsDialog(QDialog):
    def __init__(self, store: Store, hub: ChangesHub, sync: LiveSync | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Calendars")
        self.page = CalendarAccountsPage(store, hub, sync, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.resize(720, 480)

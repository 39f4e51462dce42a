"""Export to a calendar: one follow-up, an engagement with its plan, a
contact's open follow-ups or everything open, as an .ics file to add to a
calendar or to invite with, or straight into Google Calendar or Outlook on the web."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from followup.calendar.events import EventData, engagement_event, open_follow_up_events
from followup.calendar.export import ExportRequest, Mode, export, write_atomically
from followup.calendar.links import google_url, outlook_url
from followup.clock import Clock
from followup.errors import FollowupError
from followup.preferences import Preferences
from followup.store import Store
from ui.calendar.files import ICS_FILTER, remember_folder, remembered_folder
from ui.ops.jobs import run_with_progress
from ui.style import theme

EXPORT_FOLDER_KEY = "calendar_export_folder"


class ExportDialog(QDialog):
    """Export one follow-up, an engagement with its plan, a contact's open
    follow-ups or everything open, to add to a calendar or to invite."""

    def __init__(
        self,
        store: Store,
        *,
        follow_up_id: int | None = None,
        engagement_id: int | None = None,
        contact_id: int | None = None,
        open_url: Callable[[str], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export to a calendar")
        self.setMinimumWidth(560)
        self._store = store
        self._ids = {"follow_up": follow_up_id, "engagement": engagement_id, "contact": contact_id}
        self._open_url = open_url or (lambda url: QDesktopServices.openUrl(QUrl(url)))
        self.written: Path | None = None
        engagement = store.engagements.get(engagement_id) if engagement_id is not None else None
        self._engagement_cancelled = engagement is not None and engagement.status == "cancelled"

        what_box = QGroupBox("What to export")
        what_layout = QVBoxLayout(what_box)
        self._what = QButtonGroup(self)
        self.what_buttons: dict[str, QRadioButton] = {}
        choices = []
        if follow_up_id is not None:
            fu = store.follow_ups.get(follow_up_id)
            choices.append(("follow_up", f"This follow-up: {_elide(fu.title)}", f"Just this one: {fu.title}"))
        if engagement is not None:
            choices.append(
                (
                    "engagement",
                    f"The engagement “{_elide(engagement.title)}” and its plan",
                    "The engagement and each of its open follow-ups",
                )
            )
        if contact_id is not None:
            name = store.contacts.get(contact_id).name
            choices.append(("contact", f"{name}'s open follow-ups", f"Every open follow-up with {name}"))
        count = store.follow_ups.count_open()
        choices.append(
            (
                "all",
                f"Everything open ({count:,} follow-up{'s' if count != 1 else ''})",
                "Every open follow-up, with every contact",
            )
        )
        for key, text, tip in choices:
            button = QRadioButton(text)
            button.setToolTip(tip)
            self._what.addButton(button)
            self.what_buttons[key] = button
            what_layout.addWidget(button)
        next(iter(self.what_buttons.values())).setChecked(True)

        how_box = QGroupBox("How")
        how_layout = QVBoxLayout(how_box)
        self.add_button = QRadioButton("&Add to my calendar")
        self.add_button.setToolTip(
            "Events only in your calendar, each with a reminder. Nobody is invited.\n"
            "Re-exporting later updates the same events instead of adding copies."
        )
        self.invite_button = QRadioButton("&Invite the contact")
        self.invite_button.setToolTip(
            "A meeting invitation from you to the engagement's contacts: attach the file to an email.\n"
            "It carries the title, time and place; your notes stay private."
        )
        self.cancel_button = QRadioButton("Send the &cancellation")
        self.cancel_button.setToolTip("Tells the contacts' calendars that this engagement is cancelled.")
        self.add_button.setChecked(True)
        for b in (self.add_button, self.invite_button, self.cancel_button):
            how_layout.addWidget(b)
        self.cancel_button.setVisible(self._engagement_cancelled)
        self.invite_button.setVisible(not self._engagement_cancelled)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Where to save the .ics file")
        self.path_edit.setToolTip("The calendar file to write; calendar apps open it with File > Import")
        self.path_edit.setText(str(Path(remembered_folder(store, EXPORT_FOLDER_KEY)) / "followup.ics"))
        browse = QPushButton("&Browse…")
        browse.setToolTip("Choose the file to save (the folder is remembered)")
        browse.setAutoDefault(False)  # Enter in the path field exports, it does not browse
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        save_label = QLabel("&Save as:")
        save_label.setBuddy(self.path_edit)
        form = QFormLayout()
        form.addRow(save_label, path_row)
        self.google_button = QPushButton("Open in &Google Calendar")
        self.google_button.setToolTip("Opens Google Calendar in your browser with this item filled in")
        self.outlook_button = QPushButton("Open in &Outlook")
        self.outlook_button.setToolTip("Opens Outlook on the web in your browser with this item filled in")
        for link_button in (self.google_button, self.outlook_button):
            link_button.setAutoDefault(False)
        self.google_button.clicked.connect(lambda: self._on_link(google_url))
        self.outlook_button.clicked.connect(lambda: self._on_link(outlook_url))
        links = QHBoxLayout()
        links.addWidget(QLabel("One item, no file:"))
        links.addWidget(self.google_button)
        links.addWidget(self.outlook_button)
        links.addStretch(1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(what_box)
        layout.addWidget(how_box)
        layout.addLayout(form)
        layout.addLayout(links)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        # Only once the button is inside the dialog does it become the dialog's default (Enter).
        self.export_button.setDefault(True)
        self._what.buttonToggled.connect(self._update)
        self.add_button.toggled.connect(self._update)
        self._update()

    # which item the radio buttons point at
    def _selected(self) -> str:
        for key, button in self.what_buttons.items():
            if button.isChecked():
                return key
        return "all"

    def mode(self) -> Mode:
        if self.invite_button.isChecked():
            return Mode.REQUEST
        if self.cancel_button.isChecked():
            return Mode.CANCEL
        return Mode.PUBLISH

    def request(self) -> ExportRequest:
        key = self._selected()
        return ExportRequest(
            follow_up_id=self._ids["follow_up"] if key == "follow_up" else None,
            engagement_id=self._ids["engagement"] if key == "engagement" else None,
            contact_id=self._ids["contact"] if key == "contact" else None,
            mode=self.mode(),
        )

    def _update(self, *_: object) -> None:
        engagement = self._selected() == "engagement"
        for b in (self.invite_button, self.cancel_button):
            b.setEnabled(engagement)
        if not engagement and not self.add_button.isChecked():
            self.add_button.setChecked(True)
        one = self._selected() in ("follow_up", "engagement") and self.mode() == Mode.PUBLISH
        self.google_button.setEnabled(one)
        self.outlook_button.setEnabled(one)
        self.message.setStyleSheet("")
        if self.mode() == Mode.REQUEST and not Preferences.load(self._store).user_email:
            self._error("Set your email address in Settings first: an invitation comes from you.")
        else:
            self.message.setText(self._hint())

    def _hint(self) -> str:
        if self.mode() == Mode.REQUEST:
            return "Attach the saved file to an email to the contacts; their calendars offer Accept and Decline."
        if self.mode() == Mode.CANCEL:
            return "Attach the saved file to an email to the contacts; it removes the meeting from their calendars."
        return "Open the saved file with Outlook or import it into Google Calendar (Settings > Import)."

    def _error(self, text: str) -> None:
        self.message.setStyleSheet(theme.error_style())
        self.message.setText(text)

    def _one_event(self) -> EventData | None:
        key = self._selected()
        if key == "follow_up" and self._ids["follow_up"] is not None:
            found = open_follow_up_events(self._store, follow_up_id=self._ids["follow_up"])
            return found[0] if found else None
        if key == "engagement" and self._ids["engagement"] is not None:
            return engagement_event(self._store, self._store.engagements.get(self._ids["engagement"]))
        return None

    def _on_link(self, make: Callable[[EventData], str]) -> None:
        try:
            event = self._one_event()
        except FollowupError as error:
            self._error(str(error))
            return
        if event is not None:
            self._open_url(make(event))

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the calendar file", self.path_edit.text(), ICS_FILTER)
        if path:
            self.path_edit.setText(path if path.lower().endswith(".ics") else path + ".ics")

    def _on_export_clicked(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self._error("Choose where to save the file.")
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        request = self.request()
        if request.follow_up_id is None and request.engagement_id is None and request.contact_id is None:
            # Everything open: seconds at 100,000 contacts the first time, so on the worker
            # with its own connection, behind a progress dialog.
            db, clock = self._store.path, self._store.clock
            run_with_progress(
                self,
                "Exporting every open follow-up…",
                lambda _progress, cancelled: _export_on_own_store(db, clock, request, path, cancelled),
                lambda count: self._exported(path, count),
                self._error,
                what="calendar export",
            )
            return
        try:
            count = _export_to(self._store, request, path, lambda: False)
        except FollowupError as error:
            self._error(str(error))
            return
        self._exported(path, count)

    def _exported(self, path: Path, count: int | None) -> None:
        if count is None:
            return  # cancelled before anything was written
        if not count:
            self._error("There is nothing open to export.")
            return
        remember_folder(self._store, EXPORT_FOLDER_KEY, path.parent, self, "Export to calendar")
        self.written = path
        self.accept()


def _export_on_own_store(
    db: Path, clock: Clock, request: ExportRequest, path: Path, cancelled: Callable[[], bool]
) -> int | None:
    """:func:`_export_to` on a connection of the worker's own."""
    with Store.open(db, clock) as store:
        return _export_to(store, request, path, cancelled)


def _export_to(store: Store, request: ExportRequest, path: Path, cancelled: Callable[[], bool]) -> int | None:
    """Export ``request`` to ``path``; the number of events, None when cancelled first."""
    result = export(store, request)
    if cancelled():
        return None
    if result.count:
        try:
            write_atomically(path, result.data)
        except OSError as error:
            raise FollowupError(f"Cannot write {path}: {error.strerror or error}.") from None
    return result.count


def _elide(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

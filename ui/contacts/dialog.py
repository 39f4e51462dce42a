"""Create or edit a contact. Problems are shown in the dialog, which stays
open until the contact can be saved: nothing typed is ever lost."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Channel, Contact, ContactDate, DateKind, Kind
from followup.errors import ValidationError
from followup.people_dates import parse_date
from ui.contacts.records_editor import AddressesEditor, DatesEditor, LinksEditor
from ui.widgets.contact_picker import ContactPicker
from ui.widgets.labelled_list import LabelledListEditor
from ui.widgets.save_errors import error_label, saved

_ZONES: list[str] | None = None


def all_zones() -> list[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = sorted(
            z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))
        )
        _ZONES.insert(0, "UTC")
    return _ZONES


class ContactDialog(QDialog):
    """``save`` is called with the edited contact; if it raises a FollowupError,
    the message is shown and the dialog stays open. ``db_path``: the database
    "Referred by" finds people in as the user types (``referrer``: the picker
    label of the contact's present referrer)."""

    def __init__(
        self,
        contact: Contact,
        db_path: Path,
        save: Callable[[Contact], None],
        parent: QWidget | None = None,
        cadences: dict[str, tuple[int, int]] | None = None,
        referrer: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._cadences = cadences or {}
        self._contact = contact
        self._save = save
        self.setWindowTitle("Edit contact" if contact.id else "New contact")

        self.name = QLineEdit(contact.name)
        self.name.setPlaceholderText("Full name (required)")
        self.name.setAccessibleName("Name")
        self.organisation = QLineEdit(contact.organisation)
        self.title = QLineEdit(contact.title)
        self.title.setPlaceholderText("Role or title")
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(kind.label, kind)
        self.kind.setCurrentIndex(list(Kind).index(contact.kind))
        self.kind.setToolTip("Everyone you serve is a customer: clients, suppliers, colleagues, your manager")
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel)
        self.channel.setCurrentIndex(list(Channel).index(contact.preferred_channel))
        self.channel.setToolTip("How they prefer to be reached")
        self.tz = QComboBox()
        self.tz.setEditable(True)
        # its width from a number of characters: Qt shaped every one of the 519 zones' names
        # for its size hints, a fifth of opening the dialog (issue 16)
        self.tz.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tz.setMinimumContentsLength(20)
        self.tz.addItems(all_zones())
        self.tz.setCurrentText(contact.tz)
        self.tz.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(all_zones(), self.tz)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tz.setCompleter(completer)
        self.tz.setToolTip("Their IANA time zone, e.g. Europe/Berlin: type part of a city")
        self.emails = LabelledListEditor("email", ["work", "home", "other"], "name@example.com")
        self.emails.set_values(contact.emails)
        self.phones = LabelledListEditor("phone", ["mobile", "work", "home", "other"], "+44 20 7946 0000")
        self.phones.set_values(contact.phones)
        self.tags = QLineEdit(", ".join(contact.tags))
        self.tags.setPlaceholderText("comma-separated, e.g. vip, renewal-q1")
        self.birthday = QLineEdit(contact.birthday.iso().removeprefix("--") if contact.birthday else "")
        self.birthday.setPlaceholderText("1980-04-12, or 04-12 without the year")
        self.birthday.setAccessibleName("Birthday")
        self.birthday.setToolTip("A reminder comes on the day; other dates are on the Dates tab")
        # (any of 100,000 people: typed and found, never a list of everyone, issue 16)
        current = (contact.referred_by, referrer) if contact.referred_by is not None and referrer else None
        self.referred_by = ContactPicker(db_path, current, exclude=contact.id)
        self.referred_by.setPlaceholderText("Nobody: type a name to choose who introduced you")
        self.referred_by.setToolTip("Who introduced you to them; empty for nobody")
        self.notes = QPlainTextEdit(contact.notes)
        self.notes.setPlaceholderText("Their space: what has their attention, what stresses them, their pace…")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(90)

        self.own_rhythm = QCheckBox("Own rhythm:")
        self.own_rhythm.setToolTip("Give this contact their own stay-in-touch interval instead of their kind's")
        self.ideal = QSpinBox()
        self.ideal.setRange(1, 3650)
        self.ideal.setSuffix(" days")
        self.ideal.setToolTip("Ideally in touch at least this often; past it they are drifting")
        self.limit = QSpinBox()
        self.limit.setRange(1, 3650)
        self.limit.setSuffix(" days")
        self.limit.setToolTip("Never longer than this; past it they are overdue")
        own = contact.cadence_ideal_days is not None and contact.cadence_limit_days is not None
        self.own_rhythm.setChecked(own)
        self._set_rhythm(contact.cadence_ideal_days, contact.cadence_limit_days)
        self.own_rhythm.toggled.connect(self._on_rhythm_changed)
        self.kind.currentIndexChanged.connect(self._on_rhythm_changed)
        self._on_rhythm_changed()
        rhythm = QHBoxLayout()
        rhythm.addWidget(self.own_rhythm)
        rhythm.addWidget(QLabel("ideally every"))
        rhythm.addWidget(self.ideal)
        rhythm.addWidget(QLabel("and at most"))
        rhythm.addWidget(self.limit)
        rhythm.addStretch(1)

        self.error = error_label()

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Role", self.title)
        form.addRow("&Kind", self.kind)
        form.addRow("Prefers", self.channel)
        form.addRow("&Time zone", self.tz)
        form.addRow("Email", self.emails)
        form.addRow("Phone", self.phones)
        form.addRow("T&ags", self.tags)
        form.addRow("Birth&day", self.birthday)
        form.addRow("Referred &by", self.referred_by)
        form.addRow("Stay in touch", rhythm)
        form.addRow("Their &space", self.notes)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(self._on_name_text_changed)
        self._on_name_text_changed(self.name.text())

        # dates other than the birthday, addresses and links: a tab each, so the dialog keeps its size
        self.dates_editor = DatesEditor()
        self.dates_editor.set_values(contact.dates)
        self.addresses_editor = AddressesEditor()
        self.addresses_editor.set_values(contact.addresses)
        self.links_editor = LinksEditor()
        self.links_editor.set_links(contact.links)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        details = QWidget()
        details.setLayout(form)
        self.tabs.addTab(details, "Contact")
        for editor, title in ((self.dates_editor, "Dates"), (self.addresses_editor, "Addresses"),
                              (self.links_editor, "Links")):  # fmt: skip
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.addWidget(editor)
            page_layout.addStretch(1)
            self.tabs.addTab(page, title)
        self.tabs.setTabToolTip(1, "Anniversaries, renewals, their quarter end: each with its reminder lead time")
        self.tabs.setTabToolTip(3, "Websites and social profiles")

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # At least as wide as its widest row needs (a fixed 560 px cut "Own rhythm:" short:
        # a minimum set by hand overrides the layout's own), and no narrower than 560 px.
        self.setMinimumWidth(max(560, layout.totalMinimumSize().width()))

    def _set_rhythm(self, ideal: int | None, limit: int | None) -> None:
        default = self._cadences.get(Kind(self.kind.currentData()).value, (30, 60))
        self.ideal.setValue(ideal or default[0])
        self.limit.setValue(limit or default[1])

    def _on_rhythm_changed(self) -> None:
        own = self.own_rhythm.isChecked()
        self.ideal.setEnabled(own)
        self.limit.setEnabled(own)
        if not own:
            self._set_rhythm(None, None)  # show the kind's default

    def _on_name_text_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(text.strip()))

    def edited(self) -> Contact:
        c = self._contact
        return Contact(
            id=c.id,
            name=self.name.text(),
            organisation=self.organisation.text(),
            title=self.title.text(),
            kind=Kind(self.kind.currentData()),
            preferred_channel=Channel(self.channel.currentData()),
            tz=self.tz.currentText().strip(),
            emails=self.emails.values(),
            phones=self.phones.values(),
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
            referred_by=self._referrer(),
            notes=self.notes.toPlainText(),
            archived=c.archived,
            cadence_ideal_days=self.ideal.value() if self.own_rhythm.isChecked() else None,
            cadence_limit_days=self.limit.value() if self.own_rhythm.isChecked() else None,
            dates=self._dates(c),
            addresses=self.addresses_editor.values(),
            links=self.links_editor.links(),
            photo=c.photo,
            photo_type=c.photo_type,
            photo_uri=c.photo_uri,
        )

    def _referrer(self) -> int | None:
        """Who referred them: the person chosen, None for an empty field (ValidationError otherwise)."""
        cid = self.referred_by.contact_id()
        if cid is None and self.referred_by.text().strip():
            self.tabs.setCurrentIndex(0)
            self.referred_by.setFocus()
            raise ValidationError("Referred by: choose someone from the list, or empty the field for nobody.")
        return cid

    def _dates(self, c: Contact) -> list[ContactDate]:
        """The birthday as typed, then the Dates tab (ValidationError, shown in the dialog, if one is no date)."""
        try:
            others = self.dates_editor.values()
        except ValidationError:
            self.tabs.setCurrentIndex(1)  # show the row that is wrong
            raise
        text = self.birthday.text().strip()
        if not text:
            return others
        try:
            year, month, day = parse_date(text)
        except ValidationError as error:
            self.tabs.setCurrentIndex(0)
            raise ValidationError(f"Birthday: {error}") from None
        old = c.birthday
        return [ContactDate(DateKind.BIRTHDAY, month, day, year, lead_days=old.lead_days if old else None), *others]

    def accept(self) -> None:
        if saved(lambda: self._save(self.edited()), self.error):
            super().accept()

"""Editors for a contact's important dates (other than the birthday),
addresses and links, as the contact dialog's tabs show them.

Each editor reads back what was typed with ``values()``; a date that is no
date raises a ValidationError (a sentence naming the row) that the dialog
shows while staying open, so nothing typed is lost."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from followup.domain import Address, ContactDate, DateKind, Link
from followup.errors import ValidationError
from followup.people_dates import parse_date
from ui.style import theme
from ui.widgets.labelled_list import LabelledListEditor

LINK_LABELS = ["homepage", "linkedin", "mastodon", "bluesky", "x", "github", "other"]
ADDRESS_LABELS = ["work", "home", "other"]


class _RowList(QWidget):
    """Rows one under another, an Add button below, each row with Remove."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self.rows: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(theme.SPACING)
        self.empty = QLabel(f"No {what}s yet.")
        self.empty.setStyleSheet(f"color: {theme.muted().name()};")
        self.add_button = QPushButton(f"Add {what}")
        self.add_button.setToolTip(f"Add another {what}")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self._layout.addWidget(self.empty)
        self._layout.addLayout(buttons)
        self._layout.addStretch(1)

    def _insert(self, row: QWidget, remove: QPushButton) -> None:
        self._layout.insertWidget(len(self.rows), row)
        self.rows.append(row)
        remove.setToolTip(f"Remove this {self._what}")
        remove.clicked.connect(lambda: self._remove(row))
        self.empty.setVisible(False)

    def _remove(self, row: QWidget) -> None:
        self.rows.remove(row)
        row.hide()
        row.deleteLater()
        self.empty.setVisible(not self.rows)

    def clear_rows(self) -> None:
        for row in list(self.rows):
            self._remove(row)


class _DateRow(QFrame):
    def __init__(self, d: ContactDate | None) -> None:
        super().__init__()
        self.kind = QComboBox()
        for kind in DateKind:
            if kind is not DateKind.BIRTHDAY:  # the birthday has its own field
                self.kind.addItem(kind.label if kind is not DateKind.CUSTOM else "Other date…", kind)
        self.kind.setAccessibleName("Kind of date")
        self.label = QLineEdit(d.label if d else "")
        self.label.setPlaceholderText("What it is, e.g. Founded")
        self.label.setAccessibleName("What the date is")
        self.date = QLineEdit(d.iso().removeprefix("--") if d else "")
        self.date.setPlaceholderText("2027-01-31, or 01-31")
        self.date.setAccessibleName("Date")
        self.date.setToolTip("With the year (2027-01-31) or without it (01-31): it comes back every year")
        self.lead = QSpinBox()
        self.lead.setRange(-1, 365)
        self.lead.setAccessibleName("Reminder lead time")
        self.lead.setSuffix(" days ahead")
        self.lead.setToolTip("How many days ahead the reminder comes; the first value is the default for the kind")
        self.remove = QPushButton("Remove")
        if d is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(d.kind)))
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self._on_kind_changed()
        self.lead.setValue(-1 if d is None or d.lead_days is None else d.lead_days)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, theme.SPACING)
        grid.addWidget(self.kind, 0, 0)
        grid.addWidget(self.date, 0, 1)
        grid.addWidget(self.lead, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.label, 1, 0, 1, 3)  # a custom date says what it is
        grid.setColumnStretch(1, 1)

    def _kind(self) -> DateKind:
        return DateKind(self.kind.currentData())

    def _on_kind_changed(self) -> None:
        kind = self._kind()
        self.label.setVisible(kind is DateKind.CUSTOM)
        self.lead.setSpecialValueText(f"Default: {kind.default_lead_days} days ahead")

    def value(self, number: int) -> ContactDate | None:
        text = self.date.text().strip()
        if not text:
            return None
        try:
            year, month, day = parse_date(text)
        except ValidationError as error:
            raise ValidationError(f"Date {number} ({self._kind().label.lower()}): {error}") from None
        kind = self._kind()
        label = self.label.text().strip() if kind is DateKind.CUSTOM else ""
        lead = None if self.lead.value() < 0 else self.lead.value()
        return ContactDate(kind, month, day, year, label=label, lead_days=lead)


class DatesEditor(_RowList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("date", parent)
        self.add_button.clicked.connect(lambda: self.add_row().date.setFocus())

    def add_row(self, d: ContactDate | None = None) -> _DateRow:
        row = _DateRow(d)
        self._insert(row, row.remove)
        return row

    def set_values(self, dates: list[ContactDate]) -> None:
        self.clear_rows()
        for d in dates:
            if d.kind is not DateKind.BIRTHDAY:
                self.add_row(d)

    def values(self) -> list[ContactDate]:
        found = []
        for number, row in enumerate(self.rows, 1):
            assert isinstance(row, _DateRow)
            d = row.value(number)
            if d is not None:
                found.append(d)
        return found


class _AddressRow(QFrame):
    def __init__(self, a: Address | None) -> None:
        super().__init__()
        a = a or Address()
        self.label = QComboBox()
        self.label.setEditable(True)
        self.label.addItems(ADDRESS_LABELS)
        self.label.setCurrentText(a.label or ADDRESS_LABELS[0])
        self.label.setAccessibleName("Address label")
        self.street = QPlainTextEdit(a.street)
        self.street.setPlaceholderText("Street (one or two lines)")
        self.street.setAccessibleName("Street")
        self.street.setTabChangesFocus(True)
        self.street.setFixedHeight(self.street.fontMetrics().lineSpacing() * 2 + 14)
        self.postcode = QLineEdit(a.postcode)
        self.postcode.setPlaceholderText("Postcode")
        self.locality = QLineEdit(a.locality)
        self.locality.setPlaceholderText("City")
        self.region = QLineEdit(a.region)
        self.region.setPlaceholderText("Region")
        self.country = QLineEdit(a.country)
        self.country.setPlaceholderText("Country")
        for edit, name in ((self.postcode, "Postcode"), (self.locality, "City"), (self.region, "Region"),
                           (self.country, "Country")):  # fmt: skip
            edit.setAccessibleName(name)
        self.remove = QPushButton("Remove")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, theme.SPACING)
        grid.addWidget(self.label, 0, 0)
        grid.addWidget(self.street, 0, 1, 1, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.postcode, 1, 1)
        grid.addWidget(self.locality, 1, 2)
        grid.addWidget(self.region, 2, 1)
        grid.addWidget(self.country, 2, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 2)

    def value(self) -> Address:
        return Address(
            self.label.currentText().strip(),
            self.street.toPlainText().strip(),
            self.locality.text().strip(),
            self.region.text().strip(),
            self.postcode.text().strip(),
            self.country.text().strip(),
        )


class AddressesEditor(_RowList):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("address", parent)
        self.empty.setText("No addresses yet.")
        self.add_button.clicked.connect(lambda: self.add_row().street.setFocus())

    def add_row(self, a: Address | None = None) -> _AddressRow:
        row = _AddressRow(a)
        self._insert(row, row.remove)
        return row

    def set_values(self, addresses: list[Address]) -> None:
        self.clear_rows()
        for a in addresses:
            self.add_row(a)

    def values(self) -> list[Address]:
        return [a for row in self.rows if isinstance(row, _AddressRow) and (a := row.value()).lines()]


class LinksEditor(LabelledListEditor):
    """Websites and social profiles: a label (homepage, linkedin...) and an address."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("link", LINK_LABELS, "https://www.linkedin.com/in/…", parent)

    def set_links(self, links: list[Link]) -> None:
        from followup.domain import LabelledValue

        self.set_values([LabelledValue(link.url, link.label) for link in links])
        for _row, _label, edit in self._rows:
            edit.setCursorPosition(0)  # a long profile address shows its beginning

    def links(self) -> list[Link]:
        return [Link(v.value, v.label) for v in self.values()]

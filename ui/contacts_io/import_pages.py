"""The pages of the contacts import wizard (ui/contacts_io/import_dialog.py
drives them): choose a file, work, map CSV columns, preview, summary."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.contacts_io.import_batch import BatchRow
from ui.contacts_io.import_preview import PreviewModel
from ui.style import theme
from ui.widgets.plain_text import plain

FORMAT_CHOICES = [
    ("auto", "Detect automatically"),
    ("vcard", "vCard (.vcf)"),
    ("google-csv", "Google Contacts CSV"),
    ("outlook-csv", "Outlook CSV"),
    ("thunderbird-csv", "Thunderbird CSV"),
    ("csv", "Other CSV (choose the columns)"),
]


class ChoosePage(QWidget):
    """Which file, in which format."""

    def __init__(self) -> None:
        super().__init__()
        intro = QLabel(
            "Bring your address book from Google Contacts, Outlook, Apple Contacts or your phone: export it "
            "as vCard (.vcf) or CSV there, then choose the file here. You will see every contact before "
            "anything is saved; people you already have are merged, not duplicated."
        )
        intro.setWordWrap(True)
        self.file_edit = QLineEdit()
        self.file_edit.setPlaceholderText("contacts.vcf or contacts.csv")
        self.file_edit.setAccessibleName("File")
        self.browse = QPushButton("&Browse…")
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.browse)
        self.format_combo = QComboBox()
        for key, label in FORMAT_CHOICES:
            self.format_combo.addItem(label, key)
        form = QFormLayout()
        file_label = QLabel("&File")
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, row)
        form.addRow("F&ormat", self.format_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addStretch(1)


class WorkingPage(QWidget):
    """A job under way: what it does and how far it got."""

    def __init__(self) -> None:
        super().__init__()
        self.working_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.working_label)
        layout.addWidget(self.progress)
        layout.addStretch(2)


class MappingPage(QWidget):
    """A generic CSV: what each column holds."""

    def __init__(self) -> None:
        super().__init__()
        intro = QLabel(
            "This CSV file is not from Google or Outlook, so say what each column holds. Columns left on "
            "“Keep in notes” are kept in the contact's notes as “Column: value”."
        )
        intro.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(["Column in the file", "First values", "Import as"])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.mapping_table, 1)


class PreviewPage(QWidget):
    """Every contact found, ticked to import, with what merging will do."""

    def __init__(self, model: PreviewModel) -> None:
        super().__init__()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        font = self.counts_label.font()
        font.setBold(True)
        self.counts_label.setFont(font)
        self.file_label = plain(QLabel())  # the file's name is the user's
        self.file_label.setStyleSheet(f"color: {theme.muted().name()};")
        self.table = QTableView()
        self.table.setObjectName("importPreview")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((28, 150, 170, 160, 210, 300, 110)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.counts_label)
        top.addStretch(1)
        top.addWidget(self.file_label)
        self.batch = BatchRow()  # a kind and tags for the whole import (ui/contacts_io/import_batch.py)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.batch)
        layout.addWidget(self.table, 1)
        hint = QLabel("Untick anyone you do not want. Nothing already in Followup is overwritten.")
        hint.setStyleSheet(f"color: {theme.muted().name()};")
        layout.addWidget(hint)


class SummaryPage(QWidget):
    """What the import did."""

    def __init__(self) -> None:
        super().__init__()
        self.summary_label = QLabel()
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label, 1)

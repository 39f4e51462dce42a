"""The small pieces a contact's page is made of: its lists, value and field
labels, and the HTML of e-mail and phone links."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget

from followup.domain import LabelledValue
from ui.style import theme
from ui.widgets.wrapped_label import WrappedLabel


def tree(headers: list[str], name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setAccessibleName(name)
    tree.setUniformRowHeights(True)
    tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(False)
    return tree


def value_label() -> QLabel:
    label = WrappedLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
    )
    label.setOpenExternalLinks(False)
    return label


def field_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(f"color: {theme.muted().name()};")
    return label


def none() -> str:
    return f"<span style='color:{theme.muted().name()}'>—</span>"


def links(values: list[LabelledValue], scheme: str) -> str:
    parts = []
    for v in values:
        label = f" <span style='color:{theme.muted().name()}'>({html.escape(v.label)})</span>" if v.label else ""
        parts.append(f"<a href='{scheme}{html.escape(v.value)}'>{html.escape(v.value)}</a>{label}")
    return "<br>".join(parts)

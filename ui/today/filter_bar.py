"""Today for one kind of contact or one channel: two small lists beside the
title. The choice is remembered (settings today_kind, today_channel)."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from followup.domain import Channel, Kind
from followup.engine.today_filter import TodayFilter


class TodayFilterBar(QWidget):
    changed = Signal(object)  # TodayFilter

    def __init__(self, wanted: TodayFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("todayKind")
        self.kind.setAccessibleName("Show follow-ups of")
        self.kind.setToolTip("Show the follow-ups of one kind of contact")
        self.kind.addItem("All kinds", None)
        for kind in Kind:
            self.kind.addItem(kind.label + "s" if kind is not Kind.OTHER else "Others", kind)
        self.channel = QComboBox()
        self.channel.setObjectName("todayChannel")
        self.channel.setAccessibleName("Show follow-ups by")
        self.channel.setToolTip("Show the follow-ups made on one channel (calls, emails…)")
        self.channel.addItem("All channels", None)
        for channel in Channel:
            self.channel.addItem(channel.label, channel)
        self.set_filter(wanted)
        self.kind.currentIndexChanged.connect(self._on_changed)
        self.channel.currentIndexChanged.connect(self._on_changed)
        # no "Show:" label: the lists say what they hold, and Today must fit a window ~680 px wide
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.channel)

    def set_filter(self, wanted: TodayFilter) -> None:
        for combo, value in ((self.kind, wanted.kind), (self.channel, wanted.channel)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)

    def value(self) -> TodayFilter:
        kind, channel = self.kind.currentData(), self.channel.currentData()
        return TodayFilter(Kind(kind) if kind else None, Channel(channel) if channel else None)

    def empty_text(self, everything: str) -> str:
        """What Today says when nothing shows: ``everything`` unless filtered."""
        wanted = self.value()
        if wanted.empty:
            return everything
        parts = [self.kind.currentText().lower()] if wanted.kind else []
        if wanted.channel:
            parts.append(f"by {self.channel.currentText().lower()}")
        return (
            f"<h3>Nothing is due for {html.escape(' '.join(parts))}.</h3>"
            "<p>Choose All kinds and All channels beside the title to see everything.</p>"
        )

    def _on_changed(self) -> None:
        self.changed.emit(self.value())

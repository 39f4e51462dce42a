"""The tray icon: the due count on the icon and in the tooltip, and a menu to
open the app, act on what is due, pause reminders, or quit."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from followup.reminders import Reminder
from ui.widgets.when_text import time_text

MENU_ITEMS = 5  # due items listed in the menu
ACCENT = QColor("#2f6fb3")
BADGE = QColor("#d93025")


def app_pixmap(size: int = 64, count: int = 0) -> QPixmap:
    """Followup's icon (a speech bubble with a tick), with a red badge
    carrying ``count`` when there is something due."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64
    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(4 * s, 6 * s, 52 * s, 40 * s), 10 * s, 10 * s)
    tail = QPainterPath()
    tail.moveTo(14 * s, 44 * s)
    tail.lineTo(12 * s, 58 * s)
    tail.lineTo(28 * s, 44 * s)
    p.fillPath(bubble.united(tail), ACCENT)
    p.setPen(QPen(QColor("white"), 6 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    tick = QPainterPath()
    tick.moveTo(17 * s, 26 * s)
    tick.lineTo(26 * s, 35 * s)
    tick.lineTo(43 * s, 17 * s)
    p.drawPath(tick)
    if count > 0:
        text = str(count) if count < 100 else "99+"
        r = QRectF(size * 0.44, size * 0.40, size * 0.56, size * 0.56)
        if len(text) > 1:
            r.adjust(-size * 0.12, 0, 0, 0)
        p.setPen(QPen(QColor("white"), 2 * s))
        p.setBrush(QBrush(BADGE))
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * (0.40 if len(text) == 1 else 0.32)))
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return pixmap


def app_icon(count: int = 0) -> QIcon:
    icon = QIcon()
    for size in (16, 22, 24, 32, 48, 64, 128):
        icon.addPixmap(app_pixmap(size, count))
    return icon


def tooltip_text(count: int, paused_until: datetime | None = None, tz_label: str = "") -> str:
    text = "Followup: nothing due" if count == 0 else f"Followup: {count} follow-up{'s' if count != 1 else ''} due"
    if paused_until is not None:
        text += f" (reminders paused until {time_text(paused_until)}{tz_label})"
    return text


class SystemTray(QSystemTrayIcon):
    open_requested = Signal()
    reminders_requested = Signal()
    item_requested = Signal(int)  # a follow-up id
    snooze_all_requested = Signal()
    pause_requested = Signal(str)  # a key of reminders.pause_choices
    resume_requested = Signal()
    quit_requested = Signal()
    log_requested = Signal()  # Log touch point… (always offered, due or not)
    new_contact_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = -1
        self.menu = QMenu(parent)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        self.set_due([], None)

    def set_due(self, reminders: list[Reminder], paused_until: datetime | None, due_count: int | None = None) -> None:
        """Show what is due on the badge and in the tooltip (``due_count``:
        quiet hours and Dismiss silence reminders, they never change it), and
        the reminders waiting in the menu."""
        count = len(reminders) if due_count is None else due_count
        if count != self.count:
            self.count = count
            self.setIcon(app_icon(self.count))
        local = paused_until.astimezone() if paused_until else None
        self.setToolTip(tooltip_text(self.count, local))
        self._build_menu(reminders, paused_until is not None)

    def _build_menu(self, reminders: list[Reminder], paused: bool) -> None:
        menu = self.menu
        menu.clear()
        self._add(menu, "&Open Followup", self.open_requested.emit).setObjectName("trayOpen")
        if reminders:
            self._add(menu, f"Show &reminders ({len(reminders)})", self.reminders_requested.emit)
            menu.addSeparator()
            for r in reminders[-MENU_ITEMS:][::-1]:  # the newest first
                label = r.headline().replace("&", "&&")
                if len(label) > 48:
                    label = label[:47] + "…"
                self._add(menu, label, lambda _=False, i=r.id: self.item_requested.emit(i))
            if len(reminders) > MENU_ITEMS:
                more = menu.addAction(f"and {len(reminders) - MENU_ITEMS} more…")
                more.triggered.connect(self.reminders_requested.emit)
            menu.addSeparator()
            self._add(menu, "&Snooze all for an hour", self.snooze_all_requested.emit).setObjectName("traySnoozeAll")
        menu.addSeparator()  # (Qt collapses a double separator)
        # Always there, due or not: what one does from the tray between reminders
        self._add(menu, "&Log touch point…", self.log_requested.emit).setObjectName("trayLog")
        self._add(menu, "&New contact…", self.new_contact_requested.emit).setObjectName("trayNewContact")
        menu.addSeparator()
        if paused:
            self._add(menu, "Resume reminders", self.resume_requested.emit).setObjectName("trayResume")
        else:
            pause = menu.addMenu("&Pause reminders")
            pause.setObjectName("trayPause")
            self._add(pause, "For an &hour", lambda: self.pause_requested.emit("For an hour"))
            self._add(pause, "Until &tomorrow", lambda: self.pause_requested.emit("Until tomorrow"))
        menu.addSeparator()
        self._add(menu, "&Quit Followup", self.quit_requested.emit).setObjectName("trayQuit")

    @staticmethod
    def _add(menu: QMenu, text: str, slot: object) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        return action

    def action(self, object_name: str) -> QAction | None:
        return next((a for a in self.menu.actions() if a.objectName() == object_name), None)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            if self.count > 0:
                self.reminders_requested.emit()
            else:
                self.open_requested.emit()

"""Desktop notifications: plyer first, the tray's own balloon when plyer fails.

plyer fails in three ways (see DESKTOP-TESTING.md): it raises where it has no
backend (NotImplementedError) or no notification service (dbus-python's
DBusException), and, worst, on Linux without dbus-python it falls back to
``notify-send``, which swallows every error. That path (and the Flatpak portal
path, which is just as silent) is treated as unreliable and skipped.

A notification is never the only way a reminder reaches the user: the caller
keeps it in the reminders window, and shows that window when ``failed`` fires.

The plyer call is a blocking D-Bus round trip (up to 25 s when a service
hangs), so it runs on one worker thread; the outcome comes back by signal.

On Linux with a session bus, notifications go through Qt's own D-Bus instead
(``DBusNotifications``): plyer has no callbacks, so a click on its
notification did nothing. Ours carries a "default" action, and when the
notification service says one of our notifications was invoked
(``ActionInvoked``), ``activated`` fires and the reminders window opens.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, ClassInfo, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QSystemTrayIcon

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusInterface

log = logging.getLogger(__name__)
TIMEOUT_S = 15
DBUS_CALL_TIMEOUT_MS = 2000  # the Notify call blocks the GUI thread at most this long

SERVICE = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
NOTIFY = "Notify(QString,uint,QString,QString,QString,QStringList,QVariantMap,int)"
PROTOTYPE_PATH = "/org/followup/NotificationsPrototype"
OPEN_ACTION = ("default", "Open reminders")


def plyer_is_reliable() -> bool:
    """Whether plyer would report a failure instead of swallowing it."""
    if sys.platform.startswith("linux"):
        if os.path.isdir("/app"):  # Flatpak: plyer shells out to gdbus and ignores the result
            return False
        # Without dbus-python plyer uses notify-send, which never says it failed.
        return importlib.util.find_spec("dbus") is not None
    return sys.platform in ("win32", "darwin")


def _plyer_notify(title: str, message: str, icon: str) -> None:
    from plyer import notification

    notification.notify(title=title, message=message, app_name="Followup", app_icon=icon, timeout=TIMEOUT_S)


def notification_icon(fallback: Path | None) -> str:
    """The app icon as a PNG path (what notification daemons read best)."""
    try:
        from ui.style.resources import resources_dir

        png = resources_dir() / "icons" / "png" / "followup-128.png"
        if png.exists():
            return str(png)
    except ImportError:  # pragma: no cover - resources ship with the app
        pass
    return str(fallback) if fallback else ""


@ClassInfo({"D-Bus Interface": INTERFACE})  # type: ignore[call-arg]  # the stubs miss the dict form
class _NotifyPrototype(QObject):  # type: ignore[operator]  # (same stub gap)
    """Notify as the specification types it, exported on our own connection
    only so that QtDBus learns those types (see ``DBusNotifications``)."""

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, *_args: object) -> int:  # the D-Bus method's name
        return 0


_prototype: _NotifyPrototype | None = None


class DBusNotifications(QObject):
    """org.freedesktop.Notifications through QtDBus, with a "default" action.

    Notify takes ``replaces_id`` as a uint32, and the servers check the
    signature, but PySide6 has no typed QVariant: a Python int goes out as an
    int32 and the call is refused (InvalidArgs). QtDBus converts arguments to
    the types of a QDBusInterface's methods, which it reads from introspection
    and caches per interface name on the connection; the server's own
    introspection leaves the hints (a{sv}) untyped, so that method cannot be
    called from Python. So a typed prototype of the interface is exported on
    our own connection and introspected first: the server's interface then
    uses those types. If a Qt version stops doing so, ``available`` is False
    and the caller uses plyer as before.
    """

    activated = Signal(int, str)  # notification id, action key

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ids: set[int] = set()
        self.last_error = ""
        self._iface: QDBusInterface | None = None
        self._notify_index = -1
        self.available = self._connect()

    def _connect(self) -> bool:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            self.last_error = "no session bus"
            return False
        global _prototype
        if _prototype is None:  # once per process: it lives as long as the connection
            _prototype = _NotifyPrototype()
            bus.registerObject(PROTOTYPE_PATH, _prototype, QDBusConnection.RegisterOption.ExportAllSlots)
            QDBusInterface(bus.baseService(), PROTOTYPE_PATH, INTERFACE, bus)  # teaches QtDBus the types
        iface = QDBusInterface(SERVICE, OBJECT_PATH, INTERFACE, bus, self)
        iface.setTimeout(DBUS_CALL_TIMEOUT_MS)
        meta = iface.metaObject()
        self._notify_index = meta.indexOfMethod(NOTIFY)
        if self._notify_index < 0:
            self.last_error = "QtDBus does not know Notify's argument types"
            return False
        self._iface = iface
        for name, slot in (
            ("ActionInvoked", "_on_action_invoked(uint,QString)"),
            ("NotificationClosed", "_on_closed(uint,uint)"),
        ):
            # the stubs want the SLOT() signature as bytes; PySide takes the str it documents
            if not bus.connect("", OBJECT_PATH, INTERFACE, name, self, f"1{slot}"):  # type: ignore[call-overload]
                log.warning("could not listen to %s: %s", name, bus.lastError().message())
        return True

    def notify(self, title: str, message: str, icon: str) -> int:
        """Shows a notification; its id, or 0 when the service refused it
        (``last_error`` says why)."""
        if self._iface is None:
            return 0
        method = self._iface.metaObject().method(self._notify_index)
        hints = {"desktop-entry": "followup"}
        actions = list(OPEN_ACTION)
        try:
            nid = cast(  # the uint Notify returns
                int,
                method.invoke(
                    self._iface,
                    Qt.ConnectionType.DirectConnection,
                    Q_RETURN_ARG("uint"),
                    Q_ARG("QString", "Followup"),
                    Q_ARG("uint", 0),
                    Q_ARG("QString", icon),
                    Q_ARG("QString", title),
                    Q_ARG("QString", message),
                    Q_ARG("QStringList", actions),
                    Q_ARG("QVariantMap", hints),
                    Q_ARG("int", TIMEOUT_S * 1000),
                ),
            )
        except RuntimeError as error:
            self.last_error = f"the Notify call could not be made: {error}"
            return 0
        dbus_error = self._iface.lastError()
        if dbus_error.isValid() or not nid:
            self.last_error = (
                f"{dbus_error.name()}: {dbus_error.message()}" if dbus_error.isValid() else "no notification id"
            )
            return 0
        self.ids.add(int(nid))
        return int(nid)

    @Slot("uint", str)
    def _on_action_invoked(self, nid: int, action: str) -> None:
        if nid in self.ids:  # other apps' notifications are not ours to answer
            self.ids.discard(nid)
            self.activated.emit(nid, action)

    @Slot("uint", "uint")
    def _on_closed(self, nid: int, _reason: int) -> None:
        # dunst and others emit ActionInvoked before NotificationClosed
        self.ids.discard(nid)


class Notifier(QObject):
    """Shows notifications. ``sent`` says how one was shown ("dbus", "plyer"
    or "tray"); ``failed`` says a notification could not be shown at all;
    ``activated`` says the user clicked one of ours (D-Bus only)."""

    sent = Signal(str, str)  # channel, title
    failed = Signal(str)  # title
    activated = Signal()
    _plyer_failed = Signal(str, str, str)  # title, message, error (from the worker thread)
    _plyer_done = Signal(str)

    def __init__(
        self,
        tray: QSystemTrayIcon | None = None,
        icon_path: Path | None = None,
        parent: QObject | None = None,
        *,
        use_plyer: bool | None = None,
        use_dbus: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.icon_path = icon_path
        self.use_plyer = plyer_is_reliable() if use_plyer is None else use_plyer
        self._pool: ThreadPoolExecutor | None = None
        self._plyer_failed.connect(self._on_plyer_failed)
        self._plyer_done.connect(lambda title: self._sent("plyer", title))
        # D-Bus by default on Linux; a caller that chose plyer's fate chose for both
        if use_dbus is None:
            use_dbus = use_plyer is None and sys.platform.startswith("linux")
        self.dbus: DBusNotifications | None = None
        if use_dbus:
            dbus = DBusNotifications(self)
            if dbus.available:
                self.dbus = dbus
                dbus.activated.connect(self._on_activated)
            else:
                log.info("notifications through D-Bus unavailable (%s)", dbus.last_error)
                dbus.deleteLater()
        if self.dbus is None and not self.use_plyer:
            log.info("plyer is not reliable here; notifications go through the tray")

    def notify(self, title: str, message: str) -> None:
        if self.dbus is not None:
            self._notify_dbus(self.dbus, title, message)
            return
        if not self.use_plyer:
            self._fallback(title, message, "plyer not reliable here")
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notify")
        icon = str(self.icon_path) if self.icon_path else ""
        future = self._pool.submit(_plyer_notify, title, message, icon)
        future.add_done_callback(lambda f: self._on_future_done(f, title, message))

    def _notify_dbus(self, dbus: DBusNotifications, title: str, message: str) -> None:
        if dbus.notify(title, message, notification_icon(self.icon_path)):
            self._sent("dbus", title)
        else:
            self._fallback(title, message, dbus.last_error)

    def _on_activated(self, nid: int, action: str) -> None:
        log.info("notification %d clicked (%s): opening the reminders", nid, action)
        self.activated.emit()

    def _on_future_done(self, future: Future[None], title: str, message: str) -> None:
        # on the worker thread: only emit (queued to the GUI thread)
        error = future.exception()
        if error is None:
            self._plyer_done.emit(title)
        else:
            self._plyer_failed.emit(title, message, f"{type(error).__name__}: {error}")

    def _on_plyer_failed(self, title: str, message: str, error: str) -> None:
        self._fallback(title, message, error)

    def _fallback(self, title: str, message: str, why: str) -> None:
        tray = self.tray
        if tray is not None and tray.isVisible() and QSystemTrayIcon.supportsMessages():
            log.warning("notification failed (%s); using the tray's message", why)
            tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Information, TIMEOUT_S * 1000)
            self._sent("tray", title)
            # The tray's message goes to the same notification service and is
            # not confirmed either: the caller still shows the reminders window.
            self.failed.emit(title)
            return
        log.warning("no way to show a notification (%s): %s", why, title)
        self.failed.emit(title)

    def _sent(self, channel: str, title: str) -> None:
        log.info("notified via %s: %s", channel, title)
        self.sent.emit(channel, title)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

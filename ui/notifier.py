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
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

log = logging.getLogger(__name__)
TIMEOUT_S = 15


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


class Notifier(QObject):
    """Shows notifications. ``sent`` says how one was shown ("plyer" or
    "tray"); ``failed`` says a notification could not be shown at all."""

    sent = Signal(str, str)  # channel, title
    failed = Signal(str)  # title
    _plyer_failed = Signal(str, str, str)  # title, message, error (from the worker thread)
    _plyer_done = Signal(str)

    def __init__(
        self,
        tray: QSystemTrayIcon | None = None,
        icon_path: Path | None = None,
        parent: QObject | None = None,
        *,
        use_plyer: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.tray = tray
        self.icon_path = icon_path
        self.use_plyer = plyer_is_reliable() if use_plyer is None else use_plyer
        self._pool: ThreadPoolExecutor | None = None
        self._plyer_failed.connect(self._on_plyer_failed)
        self._plyer_done.connect(lambda title: self._sent("plyer", title))
        if not self.use_plyer:
            log.info("plyer is not reliable here; notifications go through the tray")

    def notify(self, title: str, message: str) -> None:
        if not self.use_plyer:
            self._fallback(title, message, "plyer not reliable here")
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notify")
        icon = str(self.icon_path) if self.icon_path else ""
        future = self._pool.submit(_plyer_notify, title, message, icon)
        future.add_done_callback(lambda f: self._on_future_done(f, title, message))

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
            log.warning("notification through plyer failed (%s); using the tray's message", why)
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

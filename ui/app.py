"""Starting the desktop app: logging, the QApplication, the store, the window."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from followup import APP_NAME, __version__, paths
from followup.clock import SystemClock
from followup.errors import StoreError
from followup.logsetup import configure_logging
from followup.store import Store, undo_stash
from ui.shell.window import MainWindow

if TYPE_CHECKING:
    from followup import outfile

log = logging.getLogger(__name__)
VIEWS = ("today", "contacts", "contact", "insights")
EXIT_STORE = 3
EXIT_USAGE = 2
EXIT_FAILED = 1
SCREENSHOT_DEADLINE_MS = 120_000  # a screenshot that has not happened by then never will
# How often a thread running Python hands the interpreter over (CPython's
# default: 5 ms). Qt's event loop takes the interpreter back for every
# Python call it makes (a timer, a slot, a model's data()), so while the
# worker runs Python (the 100,000-row list read, its orders sorted) each of
# those waited up to 5 ms: the window froze 800 ms after a bulk tag at 100k
# (the GUI thread's own CPU in it: 42 ms). At 0.5 ms: 144 ms.
SWITCH_INTERVAL_S = 0.0005


class Application(QApplication):
    """The application, which notes when it starts to quit: from then on,
    closing the main window closes it rather than hiding it to the tray
    (ui/reminders/service.py). Quit (from the menu, the tray, SIGTERM) is an
    event to the application itself, seen here; an event filter on the
    application saw it too, but was called from C++ for every event to every
    object (1.6-6 ms of each tab switch or contact opened at 100k, issue 16)."""

    quitting = False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit:
            self.quitting = True
        return super().event(event)


def make_application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    from ui.style.appearance import FUSION_FROM_START, apply_appearance, style_arguments  # light/dark

    fusion = style_arguments()
    app = Application([*sys.argv[:1], *fusion])
    app.setProperty(FUSION_FROM_START, bool(fusion))
    sys.setswitchinterval(SWITCH_INTERVAL_S)  # the GUI thread is not starved by the worker's Python
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("followup")
    from ui.ops import collector
    from ui.style.resources import app_icon

    apply_appearance(app, None)  # (FOLLOWUP_COLOR_SCHEME overrides the system's scheme)
    app.setWindowIcon(app_icon())
    collector.install(app)  # cycles are freed on the GUI thread, never on the worker
    return app


def install_excepthook(log_file: Path, *, unattended: bool = False) -> None:
    """An unexpected error is logged and shown, never swallowed. Unattended
    (--screenshot) there is nobody to close a dialog: it says so on stderr and
    the app exits non-zero."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, tb))
        details = "".join(traceback.format_exception(kind, error, tb))
        if QApplication.instance() is None:
            sys.stderr.write(details)
            return
        if getattr(QApplication.instance(), "quitting", False):
            # A box would hold up the quit (a logout, a service manager) until
            # someone closed it: the log has it all.
            print(f"followup: unexpected error while quitting: {error} (details in {log_file})", file=sys.stderr)
            return
        if unattended:
            print(f"followup: unexpected error: {error} (details in {log_file})", file=sys.stderr)
            QApplication.exit(EXIT_FAILED)
            QTimer.singleShot(0, lambda: QApplication.exit(EXIT_FAILED))  # if the loop was not running yet
            return
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                APP_NAME,
                "Another Followup process (an import, a restore, demo data) has been writing to the "
                "database for a long time, so this change was not made. Try again when it has finished.",
            )
            box.exec()
            return
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, f"Something went wrong: {error}")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the error may quote user data
        box.setInformativeText(f"Your data is safe: every change is saved as it happens. Details are in {log_file}.")
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def run_app(args: argparse.Namespace) -> int:
    folder = paths.data_dir(args.data_dir)
    configure_logging(paths.log_path(folder), verbose=args.verbose)
    view = args.view or "today"
    if view not in VIEWS:
        print(f"followup: unknown view {view!r}; choose one of: {', '.join(VIEWS)}", file=sys.stderr)
        return EXIT_USAGE
    unattended = bool(args.screenshot or getattr(args, "quit_on_paint", False))
    shot: outfile.Target | None = None
    if args.screenshot:
        from followup import outfile  # only for a screenshot: off the start-up path

        if args.screenshot == outfile.STDOUT:
            print(
                "followup: --screenshot needs a file name (a PNG is not written to standard output).", file=sys.stderr
            )
            return EXIT_USAGE
        try:
            shot = outfile.target(args.screenshot)
        except outfile.OutputError as error:
            print(f"followup: --screenshot: {error}", file=sys.stderr)
            return EXIT_FAILED
    if not _has_display():
        if not unattended:
            print(
                "followup: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset). "
                "Commands work without one: see 'followup --help'.",
                file=sys.stderr,
            )
            return EXIT_USAGE
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    app = make_application()
    instance = None
    if not unattended:
        from ui.shell.single_instance import LOCK_NAME, SingleInstance, server_name

        # Before the database is touched: a second launch only asks the first
        # to come forward, so nothing is ever notified twice.
        instance = SingleInstance(server_name(folder), lock_path=folder / LOCK_NAME)
        if not instance.claim():
            log.info("already running for %s: asked it to come forward", folder)
            print("followup: already running; its window was brought forward.", file=sys.stderr)
            return 0
    if not unattended:
        from ui.shell.before_window import prepare_before_window

        if not prepare_before_window(paths.database_path(folder), APP_NAME):
            log.info("quit during the check after an unclean shutdown: nothing written")
            print("followup: quit before the check finished; nothing was written.", file=sys.stderr)
            if instance is not None:
                instance.close()
            return 0
    try:
        store = Store.open(paths.database_path(folder), SystemClock())
    except StoreError as error:
        log.info("cannot open the database: %s", error)  # the sentence below is what the user reads
        print(f"followup: {error}", file=sys.stderr)
        if not unattended:
            QMessageBox.critical(None, f"{APP_NAME} cannot open its data", str(error))
        return EXIT_STORE
    install_excepthook(paths.log_path(folder), unattended=unattended)
    undo_stash.sweep(store.path)  # what a window that has ended (crashed) kept for its Undo
    try:
        window = MainWindow(store, SystemClock(), folder, initial_view=view)
        if args.screenshot:
            # The README's size, whatever the screen (offscreen, it is 800 x 800): a
            # real start fits the window to the screen instead.
            window.resize(1280, 800)
        if view == "contact":
            window.contacts_panel.select_first()
    except Exception as error:
        if not unattended:
            raise
        log.exception("the window could not be built")
        print(f"followup: unexpected error: {error} (details in {paths.log_path(folder)})", file=sys.stderr)
        store.close()
        return EXIT_FAILED
    if shot is not None:
        QTimer.singleShot(SCREENSHOT_DEADLINE_MS, _give_up)
    if shot is not None and view == "insights":
        # the figures are computed on a worker: shoot once they are shown
        ready = window.insights_view.insights_ready
        ready.connect(lambda _figures: _screenshot_when_painted(window, shot, now=True))
        window.insights_view.failed.connect(lambda _message: _screenshot_when_painted(window, shot, now=True))
    elif shot is not None:
        _screenshot_when_painted(window, shot)
    elif getattr(args, "quit_on_paint", False):
        if window.pages.currentWidget() is window.welcome:  # no contact yet: the welcome page is what shows
            _quit_when_painted(window.welcome)
        else:
            built = window.today_built  # (not window.today_view: that would build what the first frame leaves out)
            target = built.view.tree if view == "today" and built is not None else window.contacts_panel.table
            _quit_when_painted(target.viewport())
    reminders = None
    background = getattr(args, "background", False) or os.environ.get("FOLLOWUP_BACKGROUND") == "1"
    if not unattended:
        from ui.reminders.service import setup_reminders

        if background:
            # At login the panel (and its tray) may start after us: Qt decides
            # once whether there is a tray, so give the tray host time to come.
            _wait_for_tray_host(10_000)

        reminders = setup_reminders(app, store, SystemClock(), folder)
        window.attach_reminders(reminders)
        from ui.shell.live_calendars import attach_sync

        attach_sync(window)

        from ui.shell.mail_hookup import install as install_mail

        install_mail(window)  # Edit > Mail accounts…, background sync (ui/mail/)
        if instance is not None:
            instance.activated.connect(lambda: _second_launch_asked(reminders))
    # --background (start at login): only the tray, where there is one.
    if background and reminders is not None and reminders.tray is not None:
        log.info("started in the background: only the tray icon is shown")
    else:
        if background:
            log.info("started in the background, but there is no tray: showing the window")
        window.show()
    _quit_on_sigterm(app)
    try:
        return app.exec()
    finally:
        # exit() closes no window: a list still being read is dropped, not left running
        window.contacts_loader.cancel()
        window.tasks.wait(10_000)
        if reminders is not None:
            reminders.stop()
        if instance is not None:
            instance.close()
        store.close()
        undo_stash.sweep(store.path, ours=True)  # Undo ends with the window


def _second_launch_asked(reminders: Any) -> None:
    log.info("a second launch asked for the main window")
    reminders.show_main_requested.emit()


def _quit_on_sigterm(app: QApplication) -> None:
    """SIGTERM (a logout, a service manager, ``kill``) quits cleanly: the
    database is closed and its WAL checkpointed, so the next start has no
    unclean shutdown to check for. Python runs signal handlers only between
    bytecodes, so a light timer lets it look while Qt's loop waits.

    The quit itself is left to the loop: a handler runs between any two
    bytecodes, and a quit there closed the window in the middle of whatever
    code was running (in CI, half-way through making the contact page's
    builder, which the window's close then found without its timer)."""
    if sys.platform == "win32":
        return
    import signal

    signal.signal(signal.SIGTERM, lambda _signum, _frame: QTimer.singleShot(0, app.quit))
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(500)


def _wait_for_tray_host(timeout_ms: int) -> None:
    """Wait (at most ``timeout_ms``) until a StatusNotifier host is registered
    on the session bus, polling without blocking the event loop for long.
    Returns at once where there is no session bus or the host is already there."""
    if sys.platform in ("win32", "darwin"):
        return
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return
    watcher = QDBusInterface(
        "org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher", bus
    )
    deadline = QDeadlineTimer(timeout_ms)
    while not deadline.hasExpired():
        if watcher.isValid() and watcher.property("IsStatusNotifierHostRegistered"):
            return
        loop = QEventLoop()
        QTimer.singleShot(200, loop.quit)
        loop.exec()
        watcher = QDBusInterface(
            "org.kde.StatusNotifierWatcher", "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher", bus
        )
    log.info("no StatusNotifier host appeared within %d ms", timeout_ms)


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class _PaintWatcher(QObject):
    def __init__(self, target: QWidget, then: Callable[[], object]) -> None:
        super().__init__(target)
        self._then = then
        self._fired = False
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._fired:
            self._fired = True
            QTimer.singleShot(0, self._then)
        return False


def _quit_when_painted(widget: QWidget) -> None:
    _PaintWatcher(widget, QApplication.quit)


def _give_up() -> None:
    print("followup: the window was not painted in time; no screenshot was written.", file=sys.stderr)
    QApplication.exit(EXIT_FAILED)


def _screenshot_when_painted(window: QWidget, out: outfile.Target, *, now: bool = False) -> None:
    from followup import outfile

    def capture() -> None:
        QApplication.processEvents()
        pixmap = window.grab()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not pixmap.save(buffer, "PNG"):
            print(f"followup: could not render the window to PNG for {out.shown}.", file=sys.stderr)
            QApplication.exit(EXIT_FAILED)
            return
        try:
            outfile.write(out, bytes(data.data()))
        except outfile.OutputError as error:
            print(f"followup: --screenshot: {error}", file=sys.stderr)
            QApplication.exit(EXIT_FAILED)
            return
        QApplication.exit(0)

    if now:
        QTimer.singleShot(150, capture)
        return
    _PaintWatcher(window, lambda: QTimer.singleShot(100, capture))

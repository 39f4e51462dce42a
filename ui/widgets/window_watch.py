"""The user's input noted, and the dialog keys' filter on the application only
while a dialog is shown (issue 16).

An event filter on the application is called from C++ for every event to
every object: each call wraps the object and the event for Python first
(~10 µs), whatever the filter then does with them. A tab switch at 100,000
contacts delivers 150-350 events, opening a contact ~70: the filter of
ui/widgets/dialog_keys.py cost 1-4 ms of each (switch to Contacts 16.2 ->
13.0 ms GUI CPU with it off, Insights 9.9 -> 7.0).

So the filter on the application is there only while a top-level dialog is
shown and can be given keys, where its keys act, and what it did for the
rest (noting the user's input, ui/widgets/activity.py) is done by a filter on
each top-level window (``QWindow``) that has had the focus: a window sees the
input of the whole window before its widgets do, and little else.

A dialog is given keys through its window once it has the focus. So the
filter goes on when a dialog's window gets the focus, or, for a modal dialog
never given it (the windows it blocks are told it opened), at the first input
its window is given, before its widgets see it. A dialog is taken in with the
values it showed (``DialogKeys.adopt_shown``). Its own showing, polishing and
painting before that do not pass the filter (the contact dialog: 400 events,
a fifth of its opening), nor do its hiding and destruction: the filter comes
off as the last dialog's window is hidden.

A window told it is blocked (or unblocked) tells every widget in it, each
through the application's filters; the watch has it told with the keys'
filter off (``WindowWatch._told_unfiltered``), so a dialog opening over the
main window does not call Python once for each of its widgets.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ui.widgets import activity
from ui.widgets.dialog_keys import DialogKeys

WATCHED = "followupWatched"  # a window's property: watched already
# What a watched window passes to the watch: the user's input, and a modal window opening or going.
_BLOCKING = frozenset({QEvent.Type.WindowBlocked, QEvent.Type.WindowUnblocked})
_SEEN = frozenset(activity.INPUT | _BLOCKING)


class WindowWatch(QObject):
    """Watches the application's top-level windows; puts ``keys`` on the
    application while a dialog is shown."""

    def __init__(self, app: QApplication, keys: DialogKeys | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.keys = keys or DialogKeys(app)
        self.keys_on = False
        self._forwarding = False
        self._opening: QWindow | None = None  # a modal dialog's window, shown, before the keys are on
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.sync)
        app.focusWindowChanged.connect(self._on_focus_window_changed)

    def watch(self, window: QWindow | None) -> None:
        """Note ``window``'s input, and the dialogs it is blocked by (once per window)."""
        if window is None or window.property(WATCHED):
            return
        window.setProperty(WATCHED, True)
        window.installEventFilter(self)
        window.visibleChanged.connect(self._sync_later)

    def sync(self) -> None:
        """The keys' filter on the application while a dialog is shown (a modal
        one once it has the focus or was given input), off when none is."""
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and _shown(w)]
        for dialog in dialogs:  # its going is seen, whatever had the focus
            self.watch(dialog.windowHandle())
        opening = self._opening
        if opening is not None and (not shiboken6.isValid(opening) or not opening.isVisible()):
            # Gone before it was given anything; or destroyed by Qt, not hidden first (a file
            # dialog cancelled at once: the window hidden was a new one). Asked anything, a
            # destroyed window raises, and an error in an event filter crashes PySide.
            self._opening = opening = None
        shown = any(dialog.windowHandle() is not opening for dialog in dialogs)
        if shown and not self.keys_on:
            # Shown before the filter came on: its values as shown, read first (PySide
            # marks each widget it wraps with a property: an event for the filter each).
            self.keys.adopt_shown()
            self.app.installEventFilter(self.keys)
            self.keys_on = True
        elif not shown and self.keys_on:
            self.app.removeEventFilter(self.keys)
            self.keys_on = False
            self.keys.forget()

    def _sync_later(self, *_args: object) -> None:
        self._later.start(0)  # (a window shown or hidden: a modeless dialog's, a menu's)

    def _on_focus_window_changed(self, window: QWindow | None) -> None:
        if window is not None and window is self._opening:
            self._opening = None  # a modal dialog given the focus: it can be given keys
        self.watch(window)
        self.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _SEEN:
            return False
        if kind in _BLOCKING:
            if self._forwarding:
                return False  # the copy sent by _told_unfiltered: the window's widgets are told
            self._told_unfiltered(watched, kind)
            if kind == QEvent.Type.WindowBlocked:
                # A modal dialog opening: the keys go on when it has the focus, or at
                # the first input its window is given, before its widgets see it.
                self._opening = QGuiApplication.modalWindow()
                self.watch(self._opening)
            else:
                self.sync()  # off before the dialog's widgets are hidden and destroyed
            return True  # told already
        if watched is self._opening and watched is not None:
            # Input to a dialog never given the focus: the keys on before its widgets see it.
            # (Closed before any input, it holds nothing the user changed: nothing to ask.)
            self._opening = None
            self.sync()
        if not self.keys_on:  # (on, the application's filter notes the input)
            activity.note()
        return False

    def _told_unfiltered(self, window: QObject, kind: QEvent.Type) -> None:
        """Tell ``window`` it is blocked (unblocked) with the keys' filter off the application.

        A window passes these on to every widget in it, each through the
        application's filters: with the keys' Python filter on, a dialog
        opening over the main window (thousands of widgets) spent half its
        time there (issue 16: 23.5 M instructions, 48% of them, from Ctrl+D
        to the dialog running). So the event is sent again from here, the
        filter off while it travels, and the original stops here.
        """
        on = self.keys_on
        if on:
            self.app.removeEventFilter(self.keys)
        self._forwarding = True
        try:
            QCoreApplication.sendEvent(window, QEvent(kind))
        finally:
            self._forwarding = False
            if on:
                self.app.installEventFilter(self.keys)


def _shown(dialog: QDialog) -> bool:
    """Shown, and not going: a dialog going is still visible while the windows
    it blocked are told; its window is hidden already."""
    if not dialog.isVisible():
        return False
    handle = dialog.windowHandle()
    return handle is None or handle.isVisible()


_installed: WindowWatch | None = None


def install(window: QWidget | None = None, app: QApplication | None = None) -> WindowWatch:
    """The one watch (again: the same one), watching ``window`` at once."""
    global _installed
    app = app or QApplication.instance()  # type: ignore[assignment]
    assert app is not None
    if _installed is None:
        _installed = WindowWatch(app)
    if window is not None:
        _installed.watch(window.windowHandle())
    _installed.watch(app.focusWindow())
    _installed.sync()
    return _installed

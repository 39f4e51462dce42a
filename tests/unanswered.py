"""A modal dialog or menu nobody answers, closed rather than waited for for
ever (the net under every test that runs Qt: tests/hang_guard.py).

A test that opens a modal dialog or a menu answers it from a timer inside its
event loop. When that answer never comes (the handler failed, gave up too
soon, or looked for another kind of dialog), ``exec()`` waits for ever and the
whole CI run with it: it hung so twice. ``Unanswered`` closes whatever still
waits ``stuck_s`` from now, and whatever opens after it, noting which, so
only that test fails and says why. It is a timer too, so it runs inside the
dialog's event loop; it first fires long after any test has ended, so no test
sees its events."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def close(widget: QWidget) -> None:
    """A dialog rejected (its ``exec()`` returns), anything else closed."""
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()


class Unanswered:
    """Closes the modal dialog or menu still open ``stuck_s`` from now, and any after it."""

    def __init__(self, stuck_s: float) -> None:
        self.closed: list[str] = []
        self._look = QTimer()
        self._look.setSingleShot(True)
        self._look.timeout.connect(self._close_what_waits)
        self._look.start(int(stuck_s * 1000))

    def _close_what_waits(self) -> None:
        for widget in (QApplication.activePopupWidget(), QApplication.activeModalWidget()):
            if widget is not None and widget.isVisible():
                self.closed.append(f"{type(widget).__name__} {widget.windowTitle()!r}")
                close(widget)
        self._look.start(1000)  # (and again, while the test goes on)

    def stop(self) -> None:
        self._look.stop()

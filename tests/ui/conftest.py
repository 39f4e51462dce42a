"""Fixtures for the UI tests: a real MainWindow over a real Store on disk.

Modal dialogs (``dialog.exec()``) block the test until they close, so the
``modal`` fixture schedules a handler that runs inside the dialog's own event
loop: it waits for ``QApplication.activeModalWidget()``, hands it to the
handler, and then makes sure the dialog is closed (rejecting it if the handler
left it open), so that a failing handler can never hang the test run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from unanswered import close

from followup import demo
from followup.clock import FixedClock
from followup.store import Store
from tests.ui.locale_pin import PINNED, use_locale
from ui.shell.window import MainWindow
from ui.widgets import activity
from ui.widgets.dialog_keys import STANDARD_DIALOGS

DEMO_CONTACTS = 40
FOCUS_S = 0.5  # how long a modal dialog is waited for to have the focus before it is handed over
_MODIFIER_KEYS = (
    (Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
    (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
    (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt),
    (Qt.KeyboardModifier.MetaModifier, Qt.Key.Key_Meta),
)


@dataclass
class ModalRun:
    """What happened to one modal dialog driven by the ``modal`` fixture."""

    handler: Callable[[QWidget], None]
    timeout_s: float
    dialog: QWidget | None = None
    done: bool = False
    left_open: bool = False
    error: BaseException | None = None
    seen_types: list[str] = field(default_factory=list)  # other kinds of modal dialog seen meanwhile

    def check(self) -> QWidget:
        """Raise what the handler raised; fail if no modal dialog ever appeared."""
        if self.error is not None:
            raise self.error
        assert self.done, "no modal dialog appeared"
        assert self.dialog is not None
        return self.dialog


@pytest.fixture(autouse=True)
def pinned_locale() -> Iterator[None]:
    """Every UI test sees dates and times as en_GB writes them, whatever the machine's locale."""
    with use_locale(PINNED):
        yield


@pytest.fixture(autouse=True)
def keys_let_go() -> Iterator[None]:
    """No test leaves a modifier held for the next one. After
    ``qtbot.keyClick(w, key, Ctrl|Shift)`` Qt still reports Shift held (QTest's
    releases do not clear it), and whatever reads
    ``QApplication.keyboardModifiers()`` then acts as if the user held it: a
    row selected by the code became a range from nowhere, two tests later."""
    yield
    held = QApplication.keyboardModifiers()
    if held != Qt.KeyboardModifier.NoModifier:
        anyone = QWidget()
        for modifier, key in _MODIFIER_KEYS:
            if held & modifier:
                QTest.keyRelease(anyone, key)
        anyone.deleteLater()
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier


@pytest.fixture
def idle(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Seconds since the user's last input, as the app sees it (ui/widgets/activity.py):
    typing (0) until a test says otherwise."""
    since = [0.0]
    monkeypatch.setattr(activity, "idle_for", lambda: since[0])
    return since


@pytest.fixture
def modal() -> Iterator[Callable[..., ModalRun]]:
    """``run = modal(handler)`` before the action that opens a modal dialog.

    One that comes after ``timeout_s`` (a slow machine) is not handed to the
    handler but closed, and ``run.check()`` says it came late: left open, its
    ``exec()`` would wait for ever inside the test's own wait (a whole run hung
    so once, at load 9). Watched until the test ends, never into the next."""
    ended: list[bool] = []

    def schedule(handler: Callable[[QWidget], None], kind: type[QWidget] = QWidget, timeout_s: float = 5.0) -> ModalRun:
        """Hand the next visible modal widget that is a ``kind`` to ``handler``."""
        run = ModalRun(handler, timeout_s)
        deadline = time.monotonic() + timeout_s
        seen: dict[int, float] = {}  # when the dialog was first seen, not yet active

        def poll() -> None:
            if ended:
                return
            widget = QApplication.activeModalWidget()
            if widget is not None and widget.isVisible() and not isinstance(widget, kind):
                # Another kind of dialog, waiting for an answer nobody will give: past twice the
                # timeout it is closed and the run fails, rather than the whole test run hanging.
                name = type(widget).__name__
                if name not in run.seen_types:
                    run.seen_types.append(name)
                if time.monotonic() >= deadline + timeout_s:
                    run.error = AssertionError(f"a {name} opened, not a {kind.__name__}: closed unanswered")
                    run.done = True
                    close(widget)
                    return
            if widget is None or not widget.isVisible() or not isinstance(widget, kind):
                QTimer.singleShot(10 if time.monotonic() < deadline else 50, poll)
                return
            first_seen = seen.setdefault(0, time.monotonic())
            waits = not isinstance(widget, STANDARD_DIALOGS) and not widget.isActiveWindow()
            if waits and time.monotonic() < first_seen + FOCUS_S:
                # A user types into a dialog once it has the focus: a key reaches it through its
                # window, where the dialog keys' filter is put on (ui/widgets/window_watch.py);
                # QTest's keys go straight to a widget. (Never active: handed over all the same.
                # Qt's own dialogs have none of our keys; and a file dialog handed over once it
                # had the focus ignored selectFile() then accept(), test_wiring's restore.)
                QTimer.singleShot(5, poll)
                return
            run.dialog = widget
            if first_seen >= deadline:
                run.error = AssertionError(f"the {type(widget).__name__} came after {timeout_s} s: closed unanswered")
                run.done = True
                close(widget)
                return
            try:
                handler(widget)
            except BaseException as error:  # re-raised by run.check() in the test
                run.error = error
            finally:
                run.done = True
                if widget.isVisible():
                    run.left_open = True
                    close(widget)

        QTimer.singleShot(0, poll)
        return run

    yield schedule
    ended.append(True)


def _make_window(qtbot, store: Store, clock: FixedClock, data_dir: Path, *, initial_view: str = "today") -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(store, clock, data_dir, initial_view=initial_view)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def window(qtbot, store: Store, clock: FixedClock, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window over an empty database."""
    w = _make_window(qtbot, store, clock, tmp_path)
    yield w
    w.tasks.wait(10_000)
    w.close()  # while its store is still open: closing writes what is pending


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo.generate(store, contacts=DEMO_CONTACTS, seed=1)
    return store


@pytest.fixture
def demo_window(qtbot, demo_store: Store, clock: FixedClock, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window over 40 demo contacts and their touch points, on its
    Contacts tab (View > Contacts, Ctrl+2), where the list and a contact's page are."""
    w = _make_window(qtbot, demo_store, clock, tmp_path)
    w.registry.go_contacts.trigger()
    assert w.tabs.currentWidget() is w.splitter
    yield w
    w.tasks.wait(10_000)
    w.close()  # while its store is still open: closing writes what is pending

"""The keys every dialog answers alike, in one event filter on the application
while a dialog is shown and can be given keys (issue 15; ui/widgets/window_watch.py
puts it on when a dialog has the focus or its window is given input, and takes
it off as the last one goes), so no dialog needs code of its own:

- Ctrl+Enter saves (clicks the dialog's default or accepting button), also
  from inside a multi-line field, where Enter starts a new line;
- Esc, or the window's close button, on a dialog whose fields were changed
  asks before throwing the changes away; without changes it closes at once;
- Tab in a field whose completion list is open takes the highlighted (or the
  only) completion and moves on, instead of stopping to close the list.

"Changed" compares what the dialog's input widgets hold with what they held
when it was shown. Only a dialog that saves (it has an accepting button:
Save, OK, Log it…) can lose changes; a search or a list to act from closes
at once. A dialog whose class overrides ``reject()`` has its
own rule for closing and is left to it, as are Qt's standard dialogs (message
boxes, file pickers, progress). A dialog may set the property
``followupDiscardCheck`` to False to opt out.
"""

from __future__ import annotations

import weakref

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QInputEvent, QKeyEvent, QShowEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QErrorMessage,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QTextEdit,
    QWidget,
)

from ui.widgets import activity

# For Help > Keyboard shortcuts.
KEYS: tuple[tuple[str, str], ...] = (
    ("save the dialog, also from a multi-line field", "Ctrl+Enter"),
    ("close the dialog (it asks first when you changed something)", "Esc"),
    ("take the highlighted (or only) completion and move on", "Tab"),
)
STANDARD_DIALOGS = (QMessageBox, QFileDialog, QProgressDialog, QInputDialog, QErrorMessage)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
OPT_OUT = "followupDiscardCheck"
UNANSWERED = -1  # a shown dialog's result() until done() sets Accepted or Rejected

Snapshot = list[tuple[str, object]]


def field_values(dialog: QDialog) -> Snapshot:
    """What the dialog's input widgets hold, in a comparable form.

    Asked for by kind: PySide picks a kind's widgets out in C++, where asking
    for every widget wrapped each of them for Python (the contact dialog: 38
    of its 131 widgets, 1.35 -> 0.5-0.8 ms, issue 16)."""
    values: Snapshot = []
    for line in dialog.findChildren(QLineEdit):
        if not line.isReadOnly() and not isinstance(line.parent(), (QAbstractSpinBox, QComboBox)):
            values.append((_name(line), line.text()))
    texts: list[QPlainTextEdit | QTextEdit] = [*dialog.findChildren(QPlainTextEdit), *dialog.findChildren(QTextEdit)]
    values += [(_name(text), text.toPlainText()) for text in texts if not text.isReadOnly()]
    values += [(_name(combo), (combo.currentIndex(), combo.currentText())) for combo in dialog.findChildren(QComboBox)]
    values += [(_name(spin), spin.text()) for spin in dialog.findChildren(QAbstractSpinBox)]
    for button in dialog.findChildren(QAbstractButton):
        if isinstance(button, (QCheckBox, QRadioButton)) or button.isCheckable():
            values.append((_name(button), button.isChecked()))
    return values


def _name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def _guarded(dialog: QWidget) -> bool:
    if not isinstance(dialog, QDialog) or isinstance(dialog, STANDARD_DIALOGS):
        return False
    if dialog.property(OPT_OUT) is False:
        return False
    if type(dialog).reject is not QDialog.reject:  # an own reject() has its own rule
        return False
    return save_button(dialog) is not None


def _dialog_of(obj: QObject) -> QDialog | None:
    if not isinstance(obj, QWidget):
        return None
    window = obj.window()
    return window if isinstance(window, QDialog) else None


def _dialog_shown_in(window: QWindow) -> QDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible() and widget.windowHandle() is window:
            return widget
    return None


def save_button(dialog: QDialog) -> QPushButton | None:
    """The button Ctrl+Enter clicks: the dialog's accepting one (Save, OK, Log it…).

    A dialog without one (a search, a list to act from) has nothing to save,
    so nothing to lose either: Esc closes it at once.
    """
    accepting = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)
    for box in dialog.findChildren(QDialogButtonBox):
        for b in box.buttons():
            if box.buttonRole(b) in accepting and isinstance(b, QPushButton) and not b.isHidden():
                return b
    return None


def discard_box(dialog: QDialog) -> QMessageBox:
    """The question Esc asks on a changed dialog; "Keep editing" is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Discard changes?",
        "You changed this and have not saved it. Discard your changes?",
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        dialog,
    )
    box.button(QMessageBox.StandardButton.Cancel).setText("Keep editing")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setObjectName("discardChanges")
    return box


def ask_discard(dialog: QDialog) -> bool:
    """True when the user chose to throw the changes away."""
    return discard_box(dialog).exec() == QMessageBox.StandardButton.Discard


# The events the filter acts on come as these classes (PySide wraps each event
# in its own class): keys, clicks, the mouse, the wheel and touch; a dialog's
# show; a window's close. The others (paints, layouts, child events, timers:
# ~670 for the contact page built, 100-440 for a contact opened) are let
# through without asking their type, which PySide answers with a Python enum
# made each time (issue 16: 0.4-1 ms of a contact opened, at the median).
ACTED_ON = (QInputEvent, QShowEvent, QCloseEvent)


class DialogKeys(QObject):
    """The filter, on the application while a dialog is shown (ui/widgets/window_watch.py)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: weakref.WeakKeyDictionary[QDialog, Snapshot] = weakref.WeakKeyDictionary()

    def adopt_shown(self) -> None:
        """Take in the dialogs already open when the filter goes on.

        The filter goes on once a dialog was shown (when it has the focus, or
        its window is given input; and after the window's first paint, issue
        16), so the dialog has no "as shown" values and Esc would throw its
        changes away unasked. Its values now stand for what it showed:
        nothing can have been typed in between (no key reaches a dialog
        before either).
        """
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget not in self._shown:
                self._remember(widget)

    def forget(self) -> None:
        """No dialog is shown: a dialog shown again is taken in anew."""
        self._shown.clear()

    def _remember(self, dialog: QDialog) -> None:
        if _guarded(dialog):
            self._shown[dialog] = field_values(dialog)
            # Until done() gives it an answer: a close that reaches the
            # dialog's window with this result still set came from the
            # window system (its close button), not from accept() or reject().
            dialog.setResult(UNANSWERED)

    def changed(self, dialog: QDialog) -> bool:
        before = self._shown.get(dialog)
        return before is not None and before != field_values(dialog)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, ACTED_ON):
            return False  # a paint, a layout, a timer...: not asked its type (a Python enum made each time)
        kind = event.type()
        if kind in activity.INPUT:  # this filter sees every event: it notes the user's input too
            activity.note()
        if kind == QEvent.Type.Show and isinstance(watched, QDialog) and not event.spontaneous():
            self._remember(watched)
            return False
        if kind == QEvent.Type.Close and event.spontaneous() and isinstance(watched, QWindow):
            # The window's close button asks like Esc. The window system's close
            # reaches the dialog's QWindow; a close from our own code is left alone.
            dialog = _dialog_shown_in(watched)
            if dialog is None or dialog.result() != UNANSWERED or not _guarded(dialog):
                return False
            if self.changed(dialog) and not ask_discard(dialog):
                event.ignore()
                return True
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        popup = QApplication.activePopupWidget()
        if key in TAB_KEYS and isinstance(popup, QAbstractItemView):
            return self._tab_out_of_completion(popup, key)
        if key in ENTER_KEYS and mods == Qt.KeyboardModifier.ControlModifier:
            dialog = _dialog_of(watched)
            if dialog is None or isinstance(dialog, STANDARD_DIALOGS) or QApplication.activePopupWidget():
                return False
            button = save_button(dialog)
            if button is None:
                return False
            if button.isEnabled():
                button.click()
            return True
        if key == Qt.Key.Key_Escape and mods == Qt.KeyboardModifier.NoModifier:
            dialog = _dialog_of(watched)
            if dialog is None or QApplication.activePopupWidget() is not None or not _guarded(dialog):
                return False
            if self.changed(dialog):
                if ask_discard(dialog):
                    dialog.reject()
                return True
        return False

    @staticmethod
    def _tab_out_of_completion(popup: QAbstractItemView, key: int) -> bool:
        field = popup.focusProxy() or QApplication.focusWidget()  # a completer's popup proxies its field
        completer: QCompleter | None = None
        if isinstance(field, QLineEdit):
            completer = field.completer()
            owner = field.parent() if isinstance(field.parent(), QComboBox) else field
        elif isinstance(field, QComboBox):
            completer, owner = field.completer(), field
        if completer is None or completer.popup() is not popup or not popup.isVisible():
            return False
        index = popup.currentIndex()
        if not index.isValid() and completer.completionCount() == 1:
            index = completer.completionModel().index(0, completer.completionColumn())
        popup.hide()
        if index.isValid():
            text = str(index.data(completer.completionRole()))
            if isinstance(owner, QComboBox):
                owner.setCurrentText(text)
            elif isinstance(owner, QLineEdit):
                owner.setText(text)
        target = owner if isinstance(owner, QWidget) else field
        if target is not None:
            QApplication.postEvent(target, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))
        return True

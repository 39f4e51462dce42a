"""A dialog's error label, and its OK that saves: a FollowupError keeps the
dialog open and shows its message in that label."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel

from followup.errors import FollowupError
from ui.style import theme


def error_label(object_name: str = "errorLabel") -> QLabel:
    """A hidden, wrapping label in the error colour (readable on light and dark palettes)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(theme.error_style())
    label.hide()
    return label


def saved(save: Callable[[], object], error_label: QLabel) -> bool:
    """Run ``save``; True if it worked, else show why in ``error_label`` and say False."""
    try:
        save()
    except FollowupError as error:
        error_label.setText(str(error))
        error_label.show()
        return False
    return True

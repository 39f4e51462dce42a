"""A dialog's OK that saves: a FollowupError keeps the dialog open and shows
its message in the dialog's error label."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel

from followup.errors import FollowupError


def saved(save: Callable[[], object], error_label: QLabel) -> bool:
    """Run ``save``; True if it worked, else show why in ``error_label`` and say False."""
    try:
        save()
    except FollowupError as error:
        error_label.setText(str(error))
        error_label.show()
        return False
    return True

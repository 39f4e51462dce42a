"""What a feature may ask of the window, and nothing more (the Shell protocol).

A feature gets a ``Shell`` and never the window itself: it can reach the
store, the clock and the user's zone, tell everyone what it changed (through
``hub`` and ``ops.run``), say something in the status bar, parent a dialog,
offer an Undo, open a contact and ask which contact is shown. The window (ui/shell/window.py) is the one
implementation; a test may pass anything with the same members.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget

from followup.clock import Clock
from followup.store import Store
from ui.ops.changes import ChangesHub


class Shell(Protocol):
    store: Store
    clock: Clock
    tz: ZoneInfo
    hub: ChangesHub

    def dialog_parent(self) -> QWidget:
        """The widget a feature's dialogs and message boxes belong to."""
        ...

    def show_status(self, message: str, msecs: int = 6000) -> None:
        """A short message in the status bar."""
        ...

    def offer_undo(self, description: str, undo: Callable[[], object]) -> None:
        """Put ``undo`` on Edit > Undo, named "Undo <description>"."""
        ...

    def open_contact(self, contact_id: int) -> None:
        """Show this contact's page, clearing list filters that hide them."""
        ...

    def shown_contact_id(self) -> int | None:
        """The contact whose page is shown, if any (what an action is about when it is told none)."""
        ...

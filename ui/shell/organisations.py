"""View > Organisations, and the organisation clicked on a contact's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from followup import organisations
from ui.contacts.organisation_dialog import OrganisationDialog

if TYPE_CHECKING:
    from ui.shell.window import MainWindow


def show_organisations(window: MainWindow, name: str | None = None) -> None:
    """Everyone at ``name`` (or the first organisation), in a dialog to act from."""
    store, clock = window.store, window.clock
    dialog = OrganisationDialog(
        organisations.names(store),
        lambda org: organisations.organisation(store, org, clock.now()),
        clock.now,
        window.tz,
        name,
        window,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open_requested.connect(window.open_contact)
    dialog.log_requested.connect(window.contact_actions.log_touch_point)
    dialog.show()

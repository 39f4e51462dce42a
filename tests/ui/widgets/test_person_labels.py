"""Two people with one name are told apart by organisation or email, never by
an internal id (issue 15); the labels themselves: tests/core/test_people_search.py."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from followup.domain import Contact, Kind, LabelledValue
from followup.store import Store
from ui.engagements.plan_dialog import PlanDialog
from ui.shell.window import MainWindow


def test_the_plan_dialog_names_people_without_ids(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN two contacts called Emma Taylor
    a = store.contacts.add(
        Contact(name="Emma Taylor", kind=Kind.CLIENT, organisation="Acme", emails=[LabelledValue("e@acme.example")])
    )
    store.contacts.add(Contact(name="Emma Taylor", kind=Kind.CLIENT, organisation="Globex"))
    window.reload_contacts()
    window.open_contact(a)
    shown: list[str] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, PlanDialog)
        shown.append(dialog.contact.text())
        assert dialog.contact_ids() == [a]
        dialog.contact.setFocus()
        dialog.contact.selectAll()
        qtbot.keyClicks(dialog.contact, "emma")
        qtbot.waitUntil(lambda: not dialog.contact.looking() and dialog.contact.popup_shown())
        shown.extend(label for _cid, label in dialog.contact.offered())

    # WHEN Plan an engagement opens for the first
    run = modal(look, PlanDialog)
    window.registry.plan_engagement.trigger()
    run.check()
    # THEN the picker tells them apart by organisation, and no label holds an id
    assert shown == [
        "Emma Taylor · Acme · e@acme.example",
        "Emma Taylor · Acme · e@acme.example",
        "Emma Taylor · Globex",
    ]

"""Two people with one name are told apart by organisation or email, never by
an internal id (issue 15)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from followup.domain import Contact, Kind, LabelledValue
from followup.people_labels import contact_labels, distinct_labels
from followup.store import Store
from ui.engagements.plan_dialog import PlanDialog
from ui.shell.window import MainWindow


def test_a_unique_name_is_shown_alone_and_twins_are_told_apart() -> None:
    # GIVEN two Emma Taylors at different organisations, two with no organisation, and a lone name
    people = [
        (1, "Emma Taylor", "Acme", "emma@acme.example"),
        (2, "Emma Taylor", "Globex", ""),
        (3, "Ana Lima", "", ""),
        (4, "Bo Chen", "", "bo@a.example"),
        (5, "bo chen", "", "bo@b.example"),
        (6, "Cy Dee", "", ""),
        (7, "Cy Dee", "", ""),
    ]
    # WHEN they are labelled THEN what differs is shown, and a number only when nothing does
    assert distinct_labels(people) == [
        (1, "Emma Taylor · Acme · emma@acme.example"),
        (2, "Emma Taylor · Globex"),
        (3, "Ana Lima"),
        (4, "Bo Chen · bo@a.example"),
        (5, "bo chen · bo@b.example"),
        (6, "Cy Dee (1)"),
        (7, "Cy Dee (2)"),
    ]


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
    assert contact_labels(store)[0][1].startswith("Emma Taylor · ")

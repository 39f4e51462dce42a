"""The contact dialog edits dates other than the birthday (kind, with or
without a year, lead time), addresses (labelled, several) and links; bad
input is one sentence and loses nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from followup.domain import Address, Contact, ContactDate, DateKind, Link
from followup.store import Store
from ui.contacts.dialog import ContactDialog


def _dialog(qtbot, store: Store, contact: Contact) -> tuple[ContactDialog, list[Contact]]:  # type: ignore[no-untyped-def]
    saved: list[Contact] = []

    def save(c: Contact) -> None:
        store.contacts.update(c)
        saved.append(c)

    dialog = ContactDialog(store.contacts.get(store.contacts.add(contact)), store.path, save)
    qtbot.addWidget(dialog)
    return dialog, saved


def test_dates_are_added_with_kind_year_and_lead_time(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact with a birthday and a renewal
    dialog, saved = _dialog(
        qtbot,
        store,
        Contact(
            "Tom Okafor", dates=[ContactDate(DateKind.BIRTHDAY, 4, 12), ContactDate(DateKind.CONTRACT_RENEWAL, 12, 20)]
        ),
    )
    editor = dialog.dates_editor
    dialog.tabs.setCurrentIndex(1)
    assert len(editor.rows) == 1  # the birthday has its own field
    # WHEN the user adds a custom date without a year, 3 days ahead, and a work anniversary with its year
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    row = editor.rows[-1]
    row.kind.setCurrentIndex(row.kind.findData(DateKind.CUSTOM))  # type: ignore[attr-defined]
    assert not row.label.isHidden()  # type: ignore[attr-defined]  # a custom date says what it is
    qtbot.keyClicks(row.label, "Their fiscal year")  # type: ignore[attr-defined]
    qtbot.keyClicks(row.date, "04-01")  # type: ignore[attr-defined]
    row.lead.setValue(3)  # type: ignore[attr-defined]
    editor.add_row().date.setText("2019-09-02")
    editor.rows[-1].kind.setCurrentIndex(editor.rows[-1].kind.findData(DateKind.WORK_ANNIVERSARY))  # type: ignore[attr-defined]
    dialog.accept()
    # THEN all are stored, each with its own lead time or its kind's
    back = {d.kind: d for d in store.contacts.get(saved[0].id or 0).dates}
    assert back[DateKind.BIRTHDAY].iso() == "--04-12"
    assert back[DateKind.CONTRACT_RENEWAL].lead == 30
    custom = back[DateKind.CUSTOM]
    assert (custom.label, custom.iso(), custom.lead_days) == ("Their fiscal year", "--04-01", 3)
    assert back[DateKind.WORK_ANNIVERSARY].iso() == "2019-09-02"
    assert back[DateKind.WORK_ANNIVERSARY].lead_days is None


def test_a_date_that_does_not_exist_keeps_the_dialog_open_on_its_tab(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the dialog of a contact, the user on the first tab
    dialog, saved = _dialog(qtbot, store, Contact("Tom Okafor"))
    dialog.dates_editor.add_row().date.setText("02-31")
    dialog.tabs.setCurrentIndex(0)
    # WHEN they save with 31 February
    dialog.accept()
    # THEN one sentence says which date and why, the Dates tab shows, and nothing is lost or saved
    assert dialog.error.text() == "Date 1 (anniversary): February has no day 31."
    assert dialog.tabs.currentIndex() == 1
    assert dialog.dates_editor.rows[0].date.text() == "02-31"  # type: ignore[attr-defined]
    assert not saved
    dialog.dates_editor.rows[0].date.setText("31 Feb")  # type: ignore[attr-defined]
    dialog.accept()
    assert "'31 Feb' is not a date" in dialog.error.text()
    assert not saved


def test_addresses_and_links_are_edited_added_and_removed(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact with a work address and a link
    dialog, saved = _dialog(
        qtbot,
        store,
        Contact(
            "Noa Levi",
            addresses=[Address("work", "Rua Augusta 100\nPiso 4", "Lisboa", "", "1100-053", "Portugal")],
            links=[Link("https://old.example/", "homepage")],
        ),
    )
    addresses = dialog.addresses_editor
    assert addresses.rows[0].street.toPlainText() == "Rua Augusta 100\nPiso 4"  # type: ignore[attr-defined]
    # WHEN a home address in Hebrew is added, the link replaced by a LinkedIn profile typed without a scheme
    home = addresses.add_row()
    home.label.setCurrentText("home")
    home.street.setPlainText("רחוב הרצל 12")  # QTest types Latin keys only
    home.locality.setText("תל אביב")
    addresses.add_row()  # left empty: not saved
    links = dialog.links_editor
    first = links.first_edit()
    assert first is not None
    first.setText("www.linkedin.com/in/noa-levi")
    links._rows[0][1].setCurrentText("linkedin")
    dialog.accept()
    # THEN both addresses and the link are stored (the link made a web address)
    back = store.contacts.get(saved[0].id or 0)
    assert [(a.label, a.locality) for a in back.addresses] == [("work", "Lisboa"), ("home", "תל אביב")]
    assert back.addresses[0].street == "Rua Augusta 100\nPiso 4"
    assert [(link.label, link.url) for link in back.links] == [("linkedin", "https://www.linkedin.com/in/noa-levi")]


def test_a_link_that_is_no_web_address_is_one_sentence(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    dialog, saved = _dialog(qtbot, store, Contact("Noa Levi"))
    edit = dialog.links_editor.first_edit()
    assert edit is not None
    edit.setText("my profile")
    dialog.accept()
    assert dialog.error.text() == "'my profile' is not a web address."
    assert not saved and edit.text() == "my profile"

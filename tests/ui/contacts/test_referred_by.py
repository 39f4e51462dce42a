"""Who referred a contact: "Referred by" finds people as the user types
(ui/widgets/contact_picker.py), among any number of them; empty is nobody.
A list of every contact was 1.2 s of each contact dialog at 100,000, and
1.7 s more to open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from followup.domain import Contact, Kind
from followup.errors import ValidationError
from followup.store import Store
from ui.contacts.dialog import ContactDialog


def _people(store: Store, names: list[str]) -> list[int]:
    return [store.contacts.add(Contact(name=name, kind=Kind.CLIENT)) for name in names]


def _dialog(qtbot, store: Store, contact: Contact, referrer: str | None = None) -> ContactDialog:  # type: ignore[no-untyped-def]
    dialog = ContactDialog(contact, store.path, lambda c: None, referrer=referrer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_present_referrer_is_shown_and_kept(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Ana, referred by Bruno
    bruno, _carla = _people(store, ["Bruno Alves", "Carla Dias"])
    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, referred_by=bruno))
    # WHEN her dialog opens THEN Bruno is shown, and kept when nothing is changed
    dialog = _dialog(qtbot, store, store.contacts.get(ana), store.contacts.picker_label(bruno))
    assert dialog.referred_by.text() == "Bruno Alves"
    assert dialog.edited().referred_by == bruno
    # AND emptying the field means nobody
    dialog.referred_by.clear()
    assert dialog.edited().referred_by is None


def test_typing_finds_the_referrer_and_leaves_the_contact_out(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Ana, and two others whose names hold an "a"
    bruno, carla = _people(store, ["Bruno Alves", "Carla Dias"])
    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT))
    dialog = _dialog(qtbot, store, store.contacts.get(ana))
    picker = dialog.referred_by
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    # WHEN "a" is typed THEN the others are offered, names beginning with it first, and never Ana herself
    qtbot.keyClicks(picker, "a")
    qtbot.waitUntil(lambda: not picker.looking() and picker.popup_shown())
    assert picker.offered() == [(bruno, "Bruno Alves"), (carla, "Carla Dias")]
    # AND Down, Enter chooses Carla, and she is saved as the referrer
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Return)
    assert dialog.edited().referred_by == carla


def test_a_name_nobody_has_is_refused_with_a_clear_message(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a new contact whose "Referred by" holds a name that is nobody's
    _people(store, ["Bruno Alves"])
    saved: list[Contact] = []
    dialog = ContactDialog(Contact(name="Dee", tz="UTC"), store.path, saved.append)
    qtbot.addWidget(dialog)
    dialog.referred_by.setText("Someone Else")
    # WHEN the contact is read or saved THEN it says what to do, and nothing is saved
    try:
        dialog.edited()
        raise AssertionError("a referrer nobody is was taken")
    except ValidationError as error:
        assert "choose someone from the list" in str(error)
    dialog.accept()
    assert saved == []
    assert "choose someone from the list" in dialog.error.text()

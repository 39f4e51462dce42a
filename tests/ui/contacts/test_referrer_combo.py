"""Who referred a contact: the list of every contact is read only when the
user opens "Referred by" or types in it (ui/contacts/referrer_combo.py):
reading and adding them was 1.2 s of every contact dialog at 100,000."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from followup.domain import Contact, Kind
from followup.store import Store
from ui.contacts.dialog import ContactDialog
from ui.contacts.referrer_combo import NOBODY, ReferrerCombo


def _people(store: Store, names: list[str]) -> list[int]:
    return [store.contacts.add(Contact(name=name, kind=Kind.CLIENT)) for name in names]


def test_every_contact_is_read_only_when_the_list_is_opened(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Ana, referred by Bruno, among others
    bruno, _carla, dan = _people(store, ["Bruno Alves", "Carla Dias", "Dan Evans"])
    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, referred_by=bruno))
    reads: list[int] = []

    def names() -> list[tuple[int, str]]:
        reads.append(1)
        return store.contacts.names()

    # WHEN her dialog opens THEN nobody's name is read: it shows Bruno, with Nobody as the other choice
    dialog = ContactDialog(store.contacts.get(ana), names, lambda c: None, referrer="Bruno Alves")
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.referred_by
    assert reads == [] and combo.count() == 2
    assert (combo.currentText(), combo.referrer_id()) == ("Bruno Alves", bruno)
    # WHEN the list is opened THEN everyone else is in it, once, in name order, herself left out;
    # what was chosen stays chosen, at the same place
    combo.showPopup()
    assert reads == [1]
    listed = [combo.itemText(i) for i in range(combo.count())]
    assert listed == [NOBODY, "Bruno Alves", "Carla Dias", "Dan Evans"]
    assert combo.currentIndex() == 1
    combo.hidePopup()
    # AND choosing another saves them
    combo.setCurrentIndex(3)
    assert dialog.edited().referred_by == dan
    combo.showPopup()  # read once a dialog
    combo.hidePopup()
    assert reads == [1]


def test_a_key_in_the_list_reads_everyone_and_chooses_among_them(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a new contact (nobody refers them yet) and two others
    _bruno, carla = _people(store, ["Bruno Alves", "Carla Dias"])
    dialog = ContactDialog(Contact(name="", tz="UTC"), store.contacts.names, lambda c: None)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.referred_by
    assert combo.count() == 1 and combo.referrer_id() is None
    # WHEN the user types the start of a name in it THEN that contact is chosen
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_C)
    assert combo.count() == 3
    assert (combo.currentText(), combo.referrer_id()) == ("Carla Dias", carla)


def test_a_list_given_up_front_still_works_and_finds_the_referrer(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the list of contacts given as a list (no name for the referrer)
    bruno, _carla = _people(store, ["Bruno Alves", "Carla Dias"])
    ana = store.contacts.add(Contact(name="Ana Lima", kind=Kind.CLIENT, referred_by=bruno))
    dialog = ContactDialog(store.contacts.get(ana), store.contacts.names(), lambda c: None)
    qtbot.addWidget(dialog)
    # THEN Bruno is shown as her referrer, and kept when nothing is changed
    assert dialog.referred_by.currentText() == "Bruno Alves"
    assert dialog.edited().referred_by == bruno


def test_many_contacts_are_not_measured_one_by_one(qapp: QApplication) -> None:
    # GIVEN 50,000 people in the list WHEN it is read THEN the combo's width does not follow its items
    people = [(i, f"Person {i:05}") for i in range(1, 50_001)]
    combo = ReferrerCombo(None, lambda: people)
    before = combo.sizeHint()
    combo.ensure_loaded()
    assert combo.count() == 50_001
    assert combo.sizeHint() == before
    assert combo.sizeAdjustPolicy() == ReferrerCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon

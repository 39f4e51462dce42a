"""The contact picker (ui/widgets/contact_picker.py): it asks the real
database, off the GUI thread, for what the user types, lists the best few,
and chooses by keyboard or by a whole label."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from followup.domain import Contact, Kind
from followup.store import Store
from ui.widgets.contact_picker import ContactPicker


def _people(store: Store, *names: str, organisation: str = "") -> list[int]:
    return [store.contacts.add(Contact(name=n, kind=Kind.CLIENT, organisation=organisation)) for n in names]


def _picker(qtbot, store: Store, **kw: object) -> ContactPicker:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    picker = ContactPicker(store.path, parent=host, **kw)  # type: ignore[arg-type]
    layout = QVBoxLayout(host)
    layout.addWidget(picker)
    layout.addWidget(QLineEdit())  # somewhere else to go
    host.show()
    qtbot.waitExposed(host)
    picker.keep_host = host  # type: ignore[attr-defined]  # (the host lives as long as the test holds the picker)
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    return picker


def _type(qtbot, picker: ContactPicker, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(picker, text)
    qtbot.waitUntil(lambda: not picker.looking() and picker.popup_shown())


def test_typing_lists_the_best_matches_and_enter_chooses_the_first(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN people with "ed" at a name's start, a word's start and inside a word
    alfred, ann, edith = _people(store, "Alfred Brown", "Ann Edwards", "Edith Ames")
    picker = _picker(qtbot, store)
    chosen: list[object] = []
    picker.chosen.connect(chosen.append)
    # WHEN "ed" is typed
    _type(qtbot, picker, "ed")
    # THEN the list offers Edith, then Ann Edwards, then Alfred, the first highlighted
    assert [label for _cid, label in picker.offered()] == ["Edith Ames", "Ann Edwards", "Alfred Brown"]
    assert picker.popup().currentIndex().row() == 0
    assert picker.contact_id() is None
    # AND Down then Enter chooses the second: the field shows her, and the choice is told once
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Return)
    assert picker.text() == "Ann Edwards"
    assert picker.contact_id() == ann
    assert chosen == [ann]
    assert not picker.popup_shown()
    assert {alfred, edith}.isdisjoint(chosen)


def test_editing_after_choosing_forgets_the_choice_and_a_whole_label_chooses_again(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a picker showing Zoe, chosen at first
    zoe, _ = _people(store, "Zoe Quinn", "Zack Ray")
    picker = _picker(qtbot, store, current=(zoe, "Zoe Quinn"))
    assert picker.contact_id() == zoe
    chosen: list[object] = []
    picker.chosen.connect(chosen.append)
    # WHEN a letter is taken away THEN nobody is chosen
    qtbot.keyClick(picker, Qt.Key.Key_End)
    qtbot.keyClick(picker, Qt.Key.Key_Backspace)
    assert picker.contact_id() is None
    # WHEN it is typed back and the answer comes THEN the whole label chooses Zoe again
    _type(qtbot, picker, "n")
    assert picker.contact_id() == zoe
    assert chosen == [None, zoe]


def test_nobody_found_is_said_in_the_list_and_chooses_nobody(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    _people(store, "Zoe Quinn")
    picker = _picker(qtbot, store)
    # WHEN text nobody has is typed THEN the list says so, and Enter chooses nothing
    _type(qtbot, picker, "xyz")
    assert picker.offered() == []
    assert picker._model.item(0).text() == "No one matches “xyz”"
    assert not picker._model.item(0).isEnabled()
    qtbot.keyClick(picker.popup(), Qt.Key.Key_Return)
    assert picker.contact_id() is None
    assert picker.text() == "xyz"


def test_down_lists_everyone_s_first_and_the_excluded_one_is_never_offered(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN three people, the one being edited among them
    me, *_ = _people(store, "Bea Self", "Cal Two", "Ada One")
    picker = _picker(qtbot, store, exclude=me)
    # WHEN Down is pressed in the empty field THEN the list opens on everyone else, by name
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not picker.looking() and picker.popup_shown())
    assert [label for _cid, label in picker.offered()] == ["Ada One", "Cal Two"]


def test_twins_are_told_apart_in_the_list(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    acme = _people(store, "Emma Taylor", organisation="Acme")[0]
    _people(store, "Emma Taylor", organisation="Globex")
    picker = _picker(qtbot, store)
    _type(qtbot, picker, "emma")
    assert [label for _cid, label in picker.offered()] == ["Emma Taylor · Acme", "Emma Taylor · Globex"]
    # AND typing one whole label chooses her
    picker.selectAll()
    _type(qtbot, picker, "emma taylor · acme")
    assert picker.contact_id() == acme


def test_an_answer_to_older_text_is_never_shown(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN an answer on its way for "a"
    _people(store, "Ann Lee", "Bob Ray")
    picker = _picker(qtbot, store)
    qtbot.keyClicks(picker, "a")
    first = picker._request
    # WHEN "b" replaces it before that answer is shown
    picker.selectAll()
    _type(qtbot, picker, "b")
    # THEN only Bob is listed, even when the old answer arrives late
    picker._on_found(first, [(1, "Ann Lee")])
    assert [label for _cid, label in picker.offered()] == ["Bob Ray"]


def test_a_failed_search_says_so_in_the_list(qtbot, store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a picker whose database is not one (a damaged or foreign file)
    bad = tmp_path / "not-a-database.db"
    bad.write_bytes(b"this is not SQLite" * 100)
    host = QWidget()
    qtbot.addWidget(host)
    picker = ContactPicker(bad, parent=host)
    QVBoxLayout(host).addWidget(picker)
    host.show()
    qtbot.waitExposed(host)
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    # WHEN a name is typed THEN the list says the search failed, and nobody is chosen
    qtbot.keyClicks(picker, "ann")
    qtbot.waitUntil(lambda: not picker.looking() and picker.popup_shown())
    assert picker._model.item(0).text() == "The search failed (see the log)"
    assert picker.contact_id() is None


def test_the_list_is_wide_enough_for_a_long_label_up_to_twice_the_field(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a person with a long organisation, and a short one, in a 200 px field
    store.contacts.add(Contact(name="Ann Lee", kind=Kind.CLIENT, organisation="The Long Name Trading Company " * 3))
    store.contacts.add(Contact(name="Ann Lee", kind=Kind.CLIENT, organisation="Co"))
    store.contacts.add(Contact(name="Bo Ek", kind=Kind.CLIENT))
    picker = _picker(qtbot, store)
    picker.setFixedWidth(200)
    # WHEN both are listed THEN the list is wider than the field, so more of the labels show, but at most twice it
    _type(qtbot, picker, "ann")
    assert 200 < picker.popup().width() <= 400
    # AND a short label alone keeps the list at the field's width
    picker.selectAll()
    _type(qtbot, picker, "bo ek")
    assert picker.popup().width() == 200


def test_a_search_is_answered_while_another_process_writes(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Ann, and another connection (the command line, a sync) in the middle of a write
    import sqlite3

    ann = _people(store, "Ann Lee")[0]
    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute(
            "INSERT INTO contacts (name, kind, created_at, updated_at) VALUES ('Ann Uncommitted', 'client', 'x', 'x')"
        )
        picker = _picker(qtbot, store)
        # WHEN "ann" is typed THEN the answer comes at once, without what is not committed yet
        _type(qtbot, picker, "ann")
        assert picker.offered() == [(ann, "Ann Lee")]
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_whole_name_typed_then_left_at_once_still_chooses_and_opens_no_list(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a fast typist: the whole name, then Tab before the answer has come
    zoe = _people(store, "Zoe Quinn")[0]
    picker = _picker(qtbot, store)
    elsewhere = picker.keep_host.findChildren(QLineEdit)[-1]  # type: ignore[attr-defined]
    qtbot.keyClicks(picker, "Zoe Quinn")
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    # WHEN the answer comes THEN Zoe is chosen, and no list opens under the other field
    qtbot.waitUntil(lambda: not picker.looking())
    assert picker.contact_id() == zoe
    assert not picker.popup_shown()

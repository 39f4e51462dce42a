"""A big contacts list is filtered off the GUI thread as the user types
(issue 16: the first letters over 100,000 contacts took 20-40 ms). Here the
threshold is lowered so that 600 rows take that path."""

from __future__ import annotations

import random
from zoneinfo import ZoneInfo

from followup import matching
from tests.ui.contacts.test_model_orders import NOW, a_row
from ui.contacts import filter_thread
from ui.contacts.model import ContactsTableModel


def _model(monkeypatch, n: int = 600) -> tuple[ContactsTableModel, list]:  # type: ignore[no-untyped-def,type-arg]
    monkeypatch.setattr(filter_thread, "FROM", 100)
    monkeypatch.setattr(filter_thread, "SLICE", 64)
    rng = random.Random(4)
    rows = sorted((a_row(rng, i) for i in range(1, n + 1)), key=lambda r: r.name.casefold())
    model = ContactsTableModel(lambda: NOW, ZoneInfo("Europe/Lisbon"))
    model.set_rows(rows, in_name_order=True)
    return model, rows


def _shown(model: ContactsTableModel) -> list[int]:
    return [model.contact_at(r).id for r in range(model.rowCount())]


def _wanted(rows: list, text: str) -> list[int]:  # type: ignore[type-arg]
    return [r.id for r in matching.select(matching.parse(text), rows)]


def test_the_rows_change_when_the_filter_thread_has_found_them(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a list big enough to be searched off the GUI thread
    model, rows = _model(monkeypatch)
    # WHEN a letter is typed
    with qtbot.waitSignal(model.filtered, timeout=5_000):
        model.set_filter("l")
        # THEN until found, the rows are as they were (the typed letter is not blocked)
        assert model.rowCount() == len(rows)
    # AND then they are exactly what looking in place finds, in order
    assert _shown(model) == _wanted(rows, "l")


def test_only_the_newest_of_fast_typing_is_shown(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a big list
    model, rows = _model(monkeypatch)
    shown: list[list[int]] = []
    model.filtered.connect(lambda: shown.append(_shown(model)))
    # WHEN three letters are typed before anything is found, then taken back to two
    for text in ("a", "an", "ana", "an"):
        model.set_filter(text)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    qtbot.wait(100)
    # THEN only the last one's rows ever showed
    assert shown == [_wanted(rows, "an")]


def test_anything_else_first_settles_the_filter_being_looked_for(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a filter being looked for off the GUI thread
    model, rows = _model(monkeypatch)
    model.set_filter("li")
    # WHEN a contact is edited meanwhile
    edited = rows[10]._replace(name="Lia Zola", haystack="lia zola")
    model.upsert(edited)
    # THEN the filter was applied first, and the edit on top of it
    everyone = [edited if r.id == edited.id else r for r in rows]
    assert sorted(_shown(model)) == sorted(_wanted(everyone, "li"))
    # AND a late result from the thread changes nothing
    qtbot.wait(200)
    assert sorted(_shown(model)) == sorted(_wanted(everyone, "li"))


def test_a_failure_in_the_filter_thread_looks_in_place(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a big list, and a filter thread that fails
    model, rows = _model(monkeypatch)

    def broken(*_args: object) -> None:
        raise ValueError("broken")

    monkeypatch.setattr(filter_thread, "select_in_slices", broken)
    # WHEN a letter is typed THEN the rows are found in place all the same
    with qtbot.waitSignal(model.filtered, timeout=5_000):
        model.set_filter("l")
    assert _shown(model) == _wanted(rows, "l")


def test_typing_then_down_at_once_goes_to_what_was_typed(qtbot, demo_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the window's list searched off the GUI thread (40 demo contacts count as big here)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    monkeypatch.setattr(filter_thread, "FROM", 10)
    panel = demo_window.contacts_panel
    model = demo_window.contacts_model
    first_name = model.contact_at(5).name.split()[0].lower()
    # WHEN a name is typed and Down pressed at once, before the thread has answered
    panel.search.setFocus()
    panel.search.setText(first_name)
    QTest.keyClick(panel.search, Qt.Key.Key_Down)
    # THEN the list already shows that name's contacts, the first one selected
    assert model.rowCount() >= 1
    assert all(first_name in model.contact_at(r).haystack for r in range(model.rowCount()))
    assert panel.current_contact_id() == model.contact_at(0).id


def test_the_selected_contact_stays_selected_when_the_filter_arrives(qtbot, demo_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a contact selected in a list searched off the GUI thread
    monkeypatch.setattr(filter_thread, "FROM", 10)
    panel = demo_window.contacts_panel
    model = demo_window.contacts_model
    chosen = model.contact_at(7)
    panel.select_contact(chosen.id)
    # WHEN part of their name is typed
    with qtbot.waitSignal(model.filtered, timeout=5_000):
        panel.search.setText(chosen.name.split()[0][:3].lower())
    # THEN once the rows show, they are still the one selected
    assert panel.current_contact_id() == chosen.id

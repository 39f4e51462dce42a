"""File > Load demo data asks first when the database has real contacts."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from window_pages import ContactsList, Window

from followup.domain import Contact
from followup.store import Store
from ui.shell.window import MainWindow


@pytest.mark.parametrize(
    ("button", "added"), [(QMessageBox.StandardButton.Cancel, False), (QMessageBox.StandardButton.Yes, True)]
)
def test_load_demo_data_asks_before_mixing_with_real_contacts(  # type: ignore[no-untyped-def]
    qtbot, modal, window: MainWindow, store: Store, button, added
) -> None:
    # GIVEN a real contact
    store.contacts.add(Contact("Real Person"))
    Window(qtbot, window).told_of_writes()
    asked: list[str] = []

    def answer(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(button).click()

    # WHEN File > Load demo data is chosen and the question answered
    run = modal(answer, QMessageBox)
    Window(qtbot, window).trigger("load_demo")
    qtbot.waitUntil(lambda: run.done)
    run.check()
    Window(qtbot, window).background_work_done()
    qtbot.waitUntil(lambda: (store.contacts.count() > 1) == added, timeout=30_000)
    # THEN it asked, naming the real contacts, and added demo data only after a yes
    assert "1 real contact" in asked[0]
    assert (store.contacts.count() == 61) is added
    _settled(qtbot, window)
    assert [n for _, n in store.contacts.names()].count("Real Person") == 1


def test_load_demo_data_on_an_empty_database_asks_nothing(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    Window(qtbot, window).trigger("load_demo")
    Window(qtbot, window).background_work_done()
    qtbot.waitUntil(lambda: store.contacts.count() == 60, timeout=30_000)
    _settled(qtbot, window)


def test_remove_demo_data_keeps_the_real_contacts(qtbot, modal, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN demo data beside a real contact
    from followup import demo

    mine = store.contacts.add(Contact("Real Person"))
    demo.generate(store, contacts=10, seed=5)
    Window(qtbot, window).told_of_writes()

    def yes(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox) and "10 demo contacts" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    # WHEN File > Remove demo data is chosen and confirmed
    run = modal(yes, QMessageBox)
    Window(qtbot, window).trigger("remove_demo")
    qtbot.waitUntil(lambda: run.done)
    run.check()
    # THEN only the real contact is left, in the store and in the list
    assert [cid for cid, _ in store.contacts.names()] == [mine]
    assert ContactsList(qtbot, window).ids() == [mine]
    _settled(qtbot, window)


def _settled(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    Window(qtbot, window).settled()

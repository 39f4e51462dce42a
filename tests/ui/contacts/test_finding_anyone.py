"""Finding anyone (issue 15) in the window: typing in the search box, as a user does."""

from __future__ import annotations

import os

from followup.domain import Contact, LabelledValue
from followup.store import Store
from ui.contacts.notes_search import NotesSearchDialog
from ui.shell.window import MainWindow


def _names(window: MainWindow) -> list[str]:
    model = window.contacts_model
    return [model.contact_at(r).name for r in range(model.rowCount())]


def test_typing_folds_accents_matches_phones_word_order_and_notes(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN contacts with accents, phones and a note
    store.contacts.add(Contact("José Peña", phones=[LabelledValue("+49 30 1234567")]))
    store.contacts.add(Contact("María González", notes="Runs the Öresund marathon every June"))
    store.contacts.add(Contact("Tom Okafor"))
    window.reload_contacts()
    search = window.contacts_panel.search
    # WHEN the user types without accents, in another order, a phone in national form, a word of a note
    for typed, expected in (
        ("jose pena", ["José Peña"]),
        ("gonzalez maria", ["María González"]),
        ("030 123", ["José Peña"]),
        ("oresund", ["María González"]),
    ):
        search.clear()
        qtbot.keyClicks(search, typed)
        # THEN the one person meant is listed, and the count says so
        assert _names(window) == expected, typed
        assert window.contacts_panel.count_label.text() == "1 of 3 contacts"


def test_an_empty_result_says_so_and_offers_the_notes(qtbot, window: MainWindow, store: Store) -> None:  # type: ignore[no-untyped-def]
    store.contacts.add(Contact("Tom Okafor"))
    window.reload_contacts()
    panel = window.contacts_panel
    qtbot.keyClicks(panel.search, "budget")
    assert panel.count_label.text() == "No contact matches."
    assert panel.notes_button.text() == "Search notes for “budget”…"
    if os.environ.get("FOLLOWUP_SHOTS"):  # to look at
        window.tabs.setCurrentWidget(window.splitter)
        window.resize(1200, 700)
        qtbot.waitExposed(window)
        window.grab().save(os.path.join(os.environ["FOLLOWUP_SHOTS"], "contacts-empty-result.png"))
    with qtbot.waitSignal(panel.notes_search_requested) as asked:
        panel.notes_button.click()
    assert asked.args == ["budget"]
    # AND the notes search opened on those words; it searches once, then is closed
    (dialog,) = window.findChildren(NotesSearchDialog)
    assert dialog.query.text() == "budget"
    qtbot.waitUntil(lambda: dialog.status.text() == "No touch point mentions that.")
    dialog.close()
    dialog.deleteLater()
    panel.search.clear()
    assert panel.notes_button.text() == "Search notes…" and panel.count_label.text() == "1 contact"

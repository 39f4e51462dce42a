"""Saved views in the window (issue 15): filter by criteria with the search
box, save by name, pick from the list by keyboard, rename, delete with Undo."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QMessageBox, QWidget
from window_pages import visible_names

from followup.changes import Changes
from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.saved_views import Criteria
from followup.store import Store
from followup.store import saved_views as stored
from ui.contacts.view_dialog import ViewDialog
from ui.shell.window import MainWindow


def _people(store: Store, clock: FixedClock) -> dict[str, int]:
    ids = {
        "José Peña": store.contacts.add(Contact("José Peña", Kind.CLIENT, tags=["vip"])),
        "María González": store.contacts.add(Contact("María González", Kind.CLIENT)),
        "Emma Taylor": store.contacts.add(Contact("Emma Taylor", Kind.SUPPLIER, tags=["vip"])),
        "Li Wei": store.contacts.add(Contact("Li Wei", Kind.CLIENT, tags=["vip"])),
    }
    now = clock.now()
    log_touch_point(store, TouchPoint(ids["José Peña"], now - timedelta(days=2), Channel.EMAIL, Direction.OUT, "Hi"))
    log_touch_point(
        store,
        TouchPoint(ids["Li Wei"], now - timedelta(hours=3), Channel.EMAIL, Direction.IN, "Question", needs_reply=True),
    )
    return ids


def test_a_view_is_created_applied_with_the_search_and_saved(qtbot, modal, window: MainWindow, store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN four contacts in the list
    _people(store, clock)
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    bar = window.saved_views

    # WHEN the user filters VIP clients and saves the filter as "VIP clients"
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ViewDialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData(Kind.CLIENT))
        dialog.tag.setCurrentText("vip")
        qtbot.keyClicks(dialog.name, "VIP clients")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "Save and show"
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    run = modal(fill)
    qtbot.mouseClick(bar.filter_button, Qt.MouseButton.LeftButton)
    run.check()
    # THEN the list shows only them, the view is stored and chosen in the list of views
    assert not run.left_open
    assert visible_names(window) == ["José Peña", "Li Wei"]
    assert [v.name for v in stored.all_views(store)] == ["VIP clients"]
    assert bar.combo.currentText() == "VIP clients"
    assert "2 of 4 contacts" in window.contacts_panel.count_label.text()
    # WHEN the search box narrows it THEN both apply (the one matching rule: accents folded)
    qtbot.keyClicks(window.contacts_panel.search, "jose")
    assert visible_names(window) == ["José Peña"]
    window.contacts_panel.search.clear()
    # WHEN "All contacts" is chosen, then the view again by keyboard (Ctrl+Shift+V, Down, Enter)
    bar.show_view(None)
    assert len(visible_names(window)) == 4
    window.activateWindow()  # back from the dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bar.combo.view().isVisible())  # the list of views opened
    bar.combo.hidePopup()
    assert bar.combo.hasFocus()
    qtbot.keyClick(bar.combo, Qt.Key.Key_Down)
    assert visible_names(window) == ["José Peña", "Li Wei"]

    # WHEN the view shown is filtered again and saved under another name
    def save_as(dialog: QWidget) -> None:
        assert isinstance(dialog, ViewDialog)
        assert dialog.name.text() == "VIP clients"
        dialog.kind.setCurrentIndex(0)
        dialog.name.setText("All VIPs")
        dialog.accept()

    run = modal(save_as)
    bar.edit()
    run.check()
    # THEN it is a new view, and the first is kept as it was
    assert [v.name for v in stored.all_views(store)] == ["VIP clients", "All VIPs"]
    assert stored.find(store, "VIP clients").criteria == Criteria(kind=Kind.CLIENT, tag="vip")
    assert visible_names(window) == ["Emma Taylor", "José Peña", "Li Wei"]
    assert bar.combo.currentText() == "All VIPs"


def test_sql_criteria_and_a_bad_date(qtbot, modal, window: MainWindow, store, clock) -> None:  # type: ignore[no-untyped-def]
    # GIVEN the contacts, one of whom waits for a reply
    ids = _people(store, clock)
    window.reload_contacts()
    window.registry.go_contacts.trigger()

    # WHEN the user asks for those needing a reply, with a "touched since" of 31 February
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ViewDialog)
        dialog.needs_reply.setChecked(True)
        dialog.after.setText("2026-02-31")
        dialog.accept()
        # THEN the dialog says why and stays open with what was typed
        assert dialog.isVisible()
        assert dialog.error.text() == "Last touched after: February has no day 31."
        dialog.after.setText("30d")
        dialog.accept()

    run = modal(fill)
    window.saved_views.edit()
    run.check()
    assert not run.left_open
    # THEN only Li Wei shows (an unsaved filter: nothing stored)
    assert visible_names(window) == ["Li Wei"]
    assert window.saved_views.combo.currentText() == "Filtered (not saved)"
    assert stored.all_views(store) == []
    # WHEN they answer Li Wei THEN Li Wei leaves the view
    log_touch_point(store, TouchPoint(ids["Li Wei"], clock.now(), Channel.EMAIL, Direction.OUT, "Answer"))
    window.hub.publish(Changes.for_contact(ids["Li Wei"], touch_points=True, follow_ups=True))
    assert visible_names(window) == []


def test_rename_and_delete_with_undo(qtbot, modal, window: MainWindow, store, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a saved view that is shown
    _people(store, clock)
    view_id = stored.save(store, "Suppliers", Criteria(kind=Kind.SUPPLIER))
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    bar = window.saved_views
    bar.reload()
    bar.show_view(view_id)
    assert visible_names(window) == ["Emma Taylor"]
    # WHEN it is renamed
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Key suppliers", True))
    bar.rename_action.trigger()
    assert [v.name for v in stored.all_views(store)] == ["Key suppliers"]
    assert bar.combo.currentText() == "Key suppliers"
    # WHEN it is deleted (after a question)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    bar.delete_action.trigger()
    # THEN it is gone, everyone shows, and Edit > Undo brings it back, shown
    assert stored.all_views(store) == []
    assert len(visible_names(window)) == 4
    assert window.registry.undo.text() == "&Undo delete view “Key suppliers”"
    window.registry.undo.trigger()
    assert [v.name for v in stored.all_views(store)] == ["Key suppliers"]
    assert visible_names(window) == ["Emma Taylor"]
    assert bar.combo.currentText() == "Key suppliers"


def test_opening_a_contact_the_view_hides_shows_everyone(qtbot, window: MainWindow, store, clock) -> None:  # type: ignore[no-untyped-def]
    ids = _people(store, clock)
    view_id = stored.save(store, "Suppliers", Criteria(kind=Kind.SUPPLIER))
    window.reload_contacts()
    window.saved_views.reload()
    window.saved_views.show_view(view_id)
    window.open_contact(ids["Li Wei"])
    assert window.contacts_panel.current_contact_id() == ids["Li Wei"]
    assert window.saved_views.combo.currentText() == "All contacts"


def test_the_filter_dialog_offers_tags_and_organisations_read_on_the_worker(
    qtbot, modal, window: MainWindow, store, clock
) -> None:  # type: ignore[no-untyped-def]
    # GIVEN contacts with tags, two at Acme (one spelt with more spaces), one archived at Globex
    _people(store, clock)
    store.contacts.add(Contact("Ann Lee", Kind.CLIENT, organisation="Acme  Corp"))
    store.contacts.add(Contact("Bo Ek", Kind.CLIENT, organisation="Acme Corp"))
    gone = store.contacts.add(Contact("Cy Dee", Kind.CLIENT, organisation="Globex"))
    store.contacts.set_archived(gone, True)
    window.reload_contacts()
    window.registry.go_contacts.trigger()
    seen: dict[str, object] = {}

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ViewDialog)
        # WHEN the user has begun typing an organisation before the lists arrive
        dialog.organisation.setEditText("Acm")
        qtbot.waitUntil(lambda: dialog.organisation.count() > 1 and dialog.tag.count() > 1)
        seen["organisations"] = [dialog.organisation.itemText(i) for i in range(dialog.organisation.count())]
        seen["tags"] = [dialog.tag.itemText(i) for i in range(dialog.tag.count())]
        seen["typed"] = dialog.organisation.currentText()
        dialog.reject()

    run = modal(look, ViewDialog)
    qtbot.mouseClick(window.saved_views.filter_button, Qt.MouseButton.LeftButton)
    run.check()
    # THEN every tag and organisation of someone not archived is offered, once each, after the empty choice,
    # and what was typed is kept
    assert seen["organisations"] == ["", "Acme Corp"]
    assert seen["tags"] == ["", "vip"]
    assert seen["typed"] == "Acm"

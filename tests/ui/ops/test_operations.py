"""ops.run: a write from the UI says what failed once, or tells everyone what it changed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from followup.changes import Changes
from followup.errors import ValidationError
from followup.store import Store
from ui.ops.changes import ChangesHub
from ui.ops.operations import FAILED, run, run_in_dialog


def test_a_failed_write_is_shown_once_and_changes_nothing(qtbot, modal, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a hub and a parent window
    parent = QWidget()
    qtbot.addWidget(parent)
    hub = ChangesHub(store.conn, parent)
    published: list[Changes] = []
    hub.changed.connect(published.append)
    seen: list[tuple[str, str]] = []
    box = modal(lambda b: seen.append((b.windowTitle(), b.text())), QMessageBox)

    def write() -> None:
        raise ValidationError("A name is needed.")

    # WHEN a write fails
    result = run(hub, parent, "Save contact", write, Changes(contacts=True))
    box.check()
    # THEN one message titled with what was being done says why, and nobody is told of a change
    assert result is FAILED
    assert seen == [("Save contact", "A name is needed.")]
    assert published == []


def test_a_write_that_works_shows_its_result_then_tells_everyone(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a hub
    hub = ChangesHub(store.conn)
    order: list[str] = []
    hub.changed.connect(lambda changes: order.append(f"changed {changes.follow_ups}"))
    # WHEN a write works
    result = run(hub, None, "Skip", lambda: 42, Changes(follow_ups=True), then=lambda r: order.append(f"then {r}"))
    # THEN its result comes back, what the caller shows comes first, then the change
    assert result == 42
    assert order == ["then 42", "changed True"]


def test_a_dialogs_save_leaves_the_error_to_the_dialog(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a hub
    hub = ChangesHub(store.conn)
    published: list[Changes] = []
    hub.changed.connect(published.append)

    def write() -> None:
        raise ValidationError("A name is needed.")

    # WHEN a dialog's save fails THEN the error reaches the dialog (no message box) and nobody is told
    with pytest.raises(ValidationError):
        run_in_dialog(hub, write, Changes(contacts=True))
    assert published == []
    # WHEN it works THEN the change is told, named from the result (the new contact's id)
    assert run_in_dialog(hub, lambda: 7, Changes.for_contact) == 7
    assert published == [Changes.for_contact(7)]

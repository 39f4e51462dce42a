"""The import preview matches the command line (issue 14): the user is never
offered as a contact, every unknown attendee is, later occurrences of a series
can be ticked, past meetings and iTIP messages without dates are shown."""

from __future__ import annotations

from typing import Any

import pytest
from ics_fixtures import DATA, ME
from PySide6.QtCore import Qt

from followup.calendar import import_ics
from followup.calendar.reading import read_calendar
from followup.store import Store

pytest.importorskip("pytestqt")
from ui.calendar.import_dialog import ImportDialog

QUIRKS = DATA / "quirks"


def _read(qtbot: Any, store: Store, name: str) -> ImportDialog:
    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.read(QUIRKS / name)
    qtbot.waitUntil(lambda: dialog.plan is not None or bool(dialog.error), timeout=5000)
    return dialog


def _people(dialog: ImportDialog) -> dict[str, bool]:
    items = [dialog.people_list.item(r) for r in range(dialog.people_list.count())]
    return {i.text(): i.checkState() == Qt.CheckState.Checked for i in items}


def test_the_organizer_who_is_the_user_is_never_offered_and_every_attendee_is(
    qtbot: Any, store: Store, people: dict[str, int]
) -> None:
    # GIVEN a meeting the user organizes, with two people who are not contacts and a room
    dialog = _read(qtbot, store, "room_resource.ics")
    assert _people(dialog) == {"Carol Dubois <carol@newco.example>": True, "Dan Evans <dan@newco.example>": True}
    preview = [dialog.preview_table.item(r, 2).text() for r in range(dialog.preview_table.rowCount())]
    assert preview and not any("Me " in t or ME in t for t in preview)
    assert any("Carol" in t for t in preview) and any("Dan" in t for t in preview)
    # THEN the dialog plans what the command line plans
    cli = import_ics.analyse(
        store,
        read_calendar((QUIRKS / "room_resource.ics").read_bytes(), now=store.clock.now(), user_tz="Europe/Lisbon"),
    )
    assert dialog.plan is not None and dialog.plan.create == cli.create


def test_later_occurrences_are_listed_and_can_be_ticked(qtbot: Any, store: Store, people: dict[str, int]) -> None:
    # GIVEN a weekly series read in the dialog: the later occurrence is listed, unticked
    dialog = _read(qtbot, store, "weekly_series.ics")
    assert dialog.plan is not None
    cell = dialog.events_table.item(1, 3)
    assert cell.text() == "Later (every week): tick to plan" and cell.checkState() == Qt.CheckState.Unchecked
    # WHEN it is ticked and imported THEN both occurrences are created
    cell.setCheckState(Qt.CheckState.Checked)
    assert dialog.plan.items[1].action == "create" and dialog.plan.counts()["create"] == 2
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as signal:
        dialog.import_button.click()
    assert len(signal.args[0].created) == 2


@pytest.mark.parametrize("name", ["past_meeting.ics", "itip_without_dtstart.ics"])
def test_past_meetings_and_undated_messages_are_shown(
    qtbot: Any, store: Store, people: dict[str, int], name: str
) -> None:
    # GIVEN a past meeting, or an iTIP message without a start WHEN read THEN every row says what happens to it
    dialog = _read(qtbot, store, name)
    assert not dialog.error and dialog.plan is not None
    texts = [dialog.events_table.item(r, 3).text() for r in range(dialog.events_table.rowCount())]
    assert texts and all(texts)


def test_an_event_that_cannot_be_read_is_named_in_the_preview(
    qtbot: Any, store: Store, people: dict[str, int], tmp_path: Any
) -> None:
    # GIVEN two events, one with a start that is not a date WHEN read in the dialog THEN the summary names it
    data = (QUIRKS / "two_dtstart.ics").read_bytes().replace(b"DTSTART:20261203T100000Z", b"DTSTART:2026120")
    path = tmp_path / "one_bad.ics"
    path.write_bytes(data)
    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.read(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=5000)
    assert "1 event cannot be read: “A fine meeting” (2026120): its start (DTSTART) is not a date or time." in (
        dialog.summary.text()
    )

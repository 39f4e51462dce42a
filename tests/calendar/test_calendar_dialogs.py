"""The export and import dialogs, driven like a user would (pytest-qt, a real
store on disk, real widgets and worker threads)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from ics_fixtures import DATA
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from followup.engine import plans
from followup.planning.model import Engagement, FollowUp, Source
from followup.store import Store

pytest.importorskip("pytestqt")
from ui.calendar.export_dialog import EXPORT_FOLDER_KEY, ExportDialog
from ui.calendar.import_dialog import ImportDialog


@pytest.fixture
def engagement_id(store: Store, people: dict[str, int]) -> int:
    e = Engagement(
        "Renewal talk",
        [people["alice"]],
        start=datetime(2026, 12, 2, 15, tzinfo=UTC),
        end=datetime(2026, 12, 2, 16, tzinfo=UTC),
        tz="America/New_York",
    )
    return plans.create(store, e, store.playbooks.by_name("Client meeting")).engagement_id


def test_export_everything_open_with_the_keyboard(qtbot, store: Store, engagement_id: int, tmp_path: Path) -> None:
    # GIVEN the export dialog for everything open (no engagement: no invite to send)
    dialog = ExportDialog(store, contact_id=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    target = tmp_path / "out" / "mine"
    (tmp_path / "out").mkdir()
    # WHEN a path without .ics is typed and Return pressed
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(target))
    assert not dialog.invite_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    # THEN the calendar is written with .ics added, and the folder remembered
    written = tmp_path / "out" / "mine.ics"
    assert dialog.written == written and written.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert store.settings.get(EXPORT_FOLDER_KEY) == str(tmp_path / "out")
    # the next export starts in the remembered folder
    again = ExportDialog(store)
    qtbot.addWidget(again)
    assert again.path_edit.text() == str(tmp_path / "out" / "followup.ics")


def test_invite_the_contact_is_offered_for_an_engagement(
    qtbot, store: Store, engagement_id: int, tmp_path: Path
) -> None:
    # GIVEN the dialog opened on an engagement: the engagement is chosen and an invite offered
    dialog = ExportDialog(store, engagement_id=engagement_id, contact_id=1)
    qtbot.addWidget(dialog)
    assert dialog.what_buttons["engagement"].isChecked() and dialog.invite_button.isEnabled()
    # WHEN "Invite" is chosen and exported
    dialog.invite_button.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "invite.ics"))
    dialog.export_button.click()
    # THEN the file is a REQUEST asking for an answer
    assert dialog.result() == QDialog.DialogCode.Accepted
    data = (tmp_path / "invite.ics").read_bytes()
    assert b"METHOD:REQUEST" in data and b"RSVP=TRUE" in data
    # choosing the contact's follow-ups turns back to "Add to my calendar"
    other = ExportDialog(store, engagement_id=engagement_id, contact_id=1)
    qtbot.addWidget(other)
    other.invite_button.setChecked(True)
    other.what_buttons["contact"].setChecked(True)
    assert other.add_button.isChecked() and not other.invite_button.isEnabled()


def test_an_invite_without_the_users_email_says_what_to_do(
    qtbot, store: Store, engagement_id: int, tmp_path: Path
) -> None:
    # GIVEN no email of the user's (an invite needs an organizer)
    store.settings.set("user_email", "")
    dialog = ExportDialog(store, engagement_id=engagement_id)
    qtbot.addWidget(dialog)
    # WHEN an invite is chosen THEN the dialog says where to set it
    dialog.invite_button.setChecked(True)
    assert "Settings" in dialog.message.text()
    # AND exporting anyway is refused: the dialog is not accepted and writes nothing
    dialog.path_edit.setText(str(tmp_path / "x.ics"))
    dialog.export_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Settings" in dialog.message.text()
    assert not (tmp_path / "x.ics").exists()


def test_web_links_open_for_one_follow_up(qtbot, store: Store, people: dict[str, int]) -> None:
    fid = store.follow_ups.add(
        FollowUp(people["bob"], "Chase the order", Source.MANUAL, datetime(2026, 11, 25, 10, tzinfo=UTC))
    )
    # GIVEN the dialog for one follow-up, opening links into a list
    opened: list[str] = []
    dialog = ExportDialog(store, follow_up_id=fid, open_url=opened.append)
    qtbot.addWidget(dialog)
    # WHEN Google and Outlook are clicked THEN each opens its "new event" link with the time and title
    qtbot.mouseClick(dialog.google_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.outlook_button, Qt.MouseButton.LeftButton)
    assert opened[0].startswith("https://calendar.google.com/") and "20261125T100000Z" in opened[0]
    assert opened[1].startswith("https://outlook.office.com/") and "Chase%20the%20order" in opened[1]


def test_import_dialog_previews_then_imports(qtbot, store: Store, people: dict[str, int]) -> None:
    # GIVEN Outlook's invite read in the import dialog
    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.read(DATA / "outlook_invite.ics")
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=5000)
    # THEN the preview shows the event with the matched contact, and nothing is saved yet
    assert dialog.events_table.rowCount() == 1
    assert dialog.events_table.item(0, 2).text() == "Bob Brenner"
    assert dialog.preview_table.rowCount() > 0 and "nothing is saved" in dialog.preview_label.text()
    # tick Carol to add her as a contact; she joins the plan
    carol = dialog.people_list.item(0)
    assert "carol@newco.example" in carol.text()
    carol.setCheckState(Qt.CheckState.Checked)
    assert dialog.events_table.item(0, 2).text() == "Bob Brenner, Carol Dübois"
    dialog.playbook_combo.setCurrentIndex(dialog.playbook_combo.findText("Client meeting"))
    assert store.engagements.count() == 0  # nothing is saved before Import
    # WHEN Import is clicked THEN the engagement is created with that playbook, and Carol with it
    with qtbot.waitSignal(dialog.imported, timeout=10_000) as signal:
        dialog.import_button.click()
    result = signal.args[0]
    assert len(result.created) == 1 and result.created[0]["playbook"] == "Client meeting"
    assert [c["name"] for c in result.contacts_created] == ["Carol Dübois"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_import_dialog_names_the_problem_of_a_broken_file(qtbot, store: Store, tmp_path: Path) -> None:
    # GIVEN a text file named .ics
    bad = tmp_path / "notes.ics"
    bad.write_text("Dear Bob, see you on Tuesday.")
    dialog = ImportDialog(store, path=bad)
    qtbot.addWidget(dialog)
    # WHEN it is read
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialog.error), timeout=5000)
    # THEN the dialog says what is wrong and offers no import
    assert "not a calendar file" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_exporting_everything_open_runs_on_the_worker(
    qtbot, store: Store, engagement_id: int, tmp_path: Path, monkeypatch
) -> None:
    import threading

    from ui.calendar import export_dialog

    threads: list[threading.Thread] = []
    real = export_dialog.export

    def spy(on: Store, request):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(on, request)

    monkeypatch.setattr(export_dialog, "export", spy)
    # GIVEN the export dialog for everything open
    dialog = ExportDialog(store, contact_id=None)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "all.ics"))
    # WHEN Export is clicked
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.export_button.click()
    # THEN the events were read and written off the GUI thread (seconds at 100,000 contacts), and the file is whole
    assert threads and threads[0] is not threading.main_thread()
    data = (tmp_path / "all.ics").read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")

"""Counts in status lines are written right: "1 reply promise", never "(s)"
or "1 new contacts" (issue 15)."""

from __future__ import annotations

from followup.calendar.import_model import ImportResult
from followup.mail.ingest import MailResult
from ui.calendar.import_dialog import summary_text
from ui.mail.sync_service import describe
from ui.widgets.counts import plural, plural_or_none


def test_plural_forms() -> None:
    assert [plural(n, "contact") for n in (0, 1, 2, 3068)] == [
        "0 contacts",
        "1 contact",
        "2 contacts",
        "3,068 contacts",
    ]
    assert plural(1, "person", "people") == "1 person" and plural(2, "person", "people") == "2 people"
    assert plural_or_none(0, "touch point") == "no touch points"


def test_mail_sync_line_has_no_parenthesised_plurals() -> None:
    # GIVEN one promise opened and one problem WHEN the sync is described THEN each count is singular
    text = describe(MailResult(logged=3, promises_opened=1, promises_closed=0, errors=["timeout"]))
    assert text == "Mail synced: 3 logged, 1 reply promise opened, 0 kept (1 problem: timeout)."
    assert "(s)" not in describe(MailResult(logged=1, promises_opened=2, promises_closed=1, errors=["a", "b"]))


def test_calendar_import_line_counts_one_as_one() -> None:
    result = ImportResult(logged=[{}], contacts_created=[{}])
    assert summary_text(result).startswith(
        "Imported: 0 created, 0 updated, 0 cancelled, 1 past meeting logged, 0 skipped; 1 new contact."
    )

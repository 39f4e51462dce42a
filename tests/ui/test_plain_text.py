"""A name, a note or a title that looks like HTML is shown as text everywhere
it appears: the contact's header and "Their space", tooltips, the Today tree,
the timeline, the Done dialog, notifications."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, LabelledValue, TouchPoint
from followup.planning.model import FollowUp, Source
from followup.store import Store
from ui.reminders.notifier import notification_body
from ui.shell.window import MainWindow
from ui.today.follow_up_dialogs import DoneDialog

HOSTILE = "<h1 style='color:red'>x</h1><img src=\"/etc/hostile.png\">"


@pytest.fixture
def hostile(store: Store, clock: FixedClock) -> int:
    cid = store.contacts.add(
        Contact(
            name=HOSTILE,
            organisation="<b>Org</b>",
            title="<i>Title</i>",
            notes=f"<h2>space</h2>{HOSTILE}",
            tags=["<u>tag</u>"],
            emails=[LabelledValue("a@example.com"), LabelledValue("b@example.com", "<b>work</b>")],
        )
    )
    store.touch_points.add(
        TouchPoint(
            contact_id=cid,
            at=clock.now() - timedelta(days=1),
            tz="UTC",
            channel=Channel.EMAIL,
            direction=Direction.IN,
            summary="<h3>summary</h3>",
            notes=HOSTILE,
        )
    )
    store.follow_ups.add(
        FollowUp(contact_id=cid, title="<h1>Call</h1>", source=Source.MANUAL, due=clock.now(), notes=HOSTILE)
    )
    return cid


def _no_markup(text: str) -> None:
    assert "<h1" not in text and "<img" not in text and "<h2" not in text and "<h3" not in text


def test_the_contact_page_shows_a_hostile_name_and_notes_as_text(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, hostile: int
) -> None:
    # GIVEN a contact whose name, role and notes look like HTML
    window.reload_contacts()
    # WHEN their page is shown
    window.show_contact(hostile)
    page = window.contact_page
    # THEN the header and "Their space" show the text as typed
    assert page.name_label.textFormat() == Qt.TextFormat.PlainText
    assert page.name_label.text() == HOSTILE
    # (the role line is rich text for the organisation's link: every part of it escaped)
    assert page.role_label.text() == "&lt;i&gt;Title&lt;/i&gt; · <a href='organisation'>&lt;b&gt;Org&lt;/b&gt;</a>"
    assert page.space_label.textFormat() == Qt.TextFormat.PlainText
    assert page.space_label.text().startswith("<h2>space</h2>")
    # AND the rich-text fields escape it
    assert "&lt;u&gt;tag&lt;/u&gt;" in page.tags_value.text()
    assert "&lt;b&gt;work&lt;/b&gt;" in page.emails_value.text()
    # AND the tooltips of the follow-up and the timeline escape it
    page.lower_tabs.setCurrentWidget(page.follow_ups_tree)  # (a tab is filled when shown)
    tip = page.follow_ups_tree.topLevelItem(0).toolTip(0)
    _no_markup(tip)
    assert "&lt;h1" in tip
    timeline_tip = page.timeline_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    _no_markup(timeline_tip)


def test_the_today_tree_and_the_contacts_list_escape_tooltips(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, hostile: int
) -> None:
    window.reload_contacts()
    window.today.refresh()
    model = window.today_view.model
    tips = []
    for section in range(model.rowCount()):
        parent = model.section_index(section)
        for row in range(model.rowCount(parent)):
            tips.append(model.index(row, 0, parent).data(Qt.ItemDataRole.ToolTipRole))
    assert tips, "the follow-up is in Today"
    for tip in tips:
        _no_markup(tip)
    contacts = window.contacts_model
    email_column = next(
        c for c in range(contacts.columnCount()) if contacts.headerData(c, Qt.Orientation.Horizontal) == "Email"
    )
    tip = contacts.index(0, email_column).data(Qt.ItemDataRole.ToolTipRole)
    assert tip and "<h1" not in tip


def test_the_done_dialog_escapes_the_title_and_the_name(qtbot, store: Store, clock: FixedClock, hostile: int) -> None:  # type: ignore[no-untyped-def]
    fu = store.follow_ups.for_contact(hostile)[0]
    fu.contact_name = HOSTILE
    dialog = DoneDialog(fu, clock.now(), clock.now().tzinfo, None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any("&lt;h1&gt;Call&lt;/h1&gt;" in t for t in texts)
    for t in texts:
        _no_markup(t)


def test_a_notification_body_is_escaped_where_the_service_reads_markup() -> None:
    assert notification_body(HOSTILE, markup=True) == html_escaped(HOSTILE)
    assert notification_body(HOSTILE, markup=False) == HOSTILE


def html_escaped(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def test_a_tooltip_built_by_tip_shows_markup_as_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextDocument

    from ui.widgets.plain_text import tip

    doc = QTextDocument()
    doc.setHtml(tip(f"line one\n{HOSTILE}"))
    # THEN what a person reads is the string itself, line break kept, no image or heading
    assert doc.toPlainText() == f"line one\n{HOSTILE}"
    assert "<img" not in doc.toHtml().split("<body", 1)[1].replace("&lt;img", "")


def test_labels_that_show_file_contents_are_plain_text(qtbot, store: Store) -> None:  # type: ignore[no-untyped-def]
    from ui.calendar.import_dialog import ImportDialog

    dialog = ImportDialog(store)
    qtbot.addWidget(dialog)
    assert dialog.preview_label.textFormat() == Qt.TextFormat.PlainText
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText

"""The log dialog says which promise a message answers (issue 13): "This
answers: …", ticked by default for a message from me on the same channel or a
call, unticked otherwise; the status bar says what closed; Undo reopens it."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QWidget
from window_pages import ContactPage, Window

from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.planning.model import Status
from followup.store import Store
from ui.contacts.touch_point_dialog import TouchPointDialog


def _ana_with_a_question(store: Store) -> tuple[int, int]:
    cid = store.contacts.add(
        Contact(
            name="Ana Lima",
            kind=Kind.CLIENT,
            emails=[LabelledValue("ana@acme.pt", "work")],
            preferred_channel=Channel.EMAIL,
            tz="Europe/Lisbon",
        )
    )
    tp = TouchPoint(
        cid,
        store.clock.now() - timedelta(hours=2),
        Channel.EMAIL,
        Direction.IN,
        "Asked for the quote",
        needs_reply=True,
        tz="Europe/Lisbon",
    )
    return cid, log_touch_point(store, tp).created[0]


def _channel(dialog: TouchPointDialog, channel: Channel) -> None:
    dialog.channel.setCurrentIndex(list(Channel).index(channel))


def test_the_log_dialog_offers_this_answers_ticked_for_the_same_channel(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Ana is waiting for an answer to her email, and her page is open
    cid, promise = _ana_with_a_question(store)
    Window(qtbot, window).told_of_writes()
    ContactPage(window).open(cid)
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TouchPointDialog)
        (box, _fu) = dialog.answer_boxes[0]
        seen["text"] = box.text()
        seen["email"] = box.isChecked()  # an email from me: ticked
        _channel(dialog, Channel.TEXT)
        seen["text message"] = box.isChecked()  # a text message: unticked
        _channel(dialog, Channel.PHONE)
        seen["call"] = box.isChecked()  # a call answers whatever was asked: ticked
        _channel(dialog, Channel.EMAIL)
        dialog.summary.setText("Sent the quote")
        dialog.accept()

    # WHEN the user logs an email to Ana
    run = modal(fill, TouchPointDialog)
    Window(qtbot, window).trigger("log_touch_point")
    run.check()
    # THEN the dialog offered the promise, ticked as expected
    assert seen == {
        "text": "This answers: Reply to Ana: Asked for the quote",
        "email": True,
        "text message": False,
        "call": True,
    }
    # AND the promise is kept by that email, and the status bar says so
    fu = store.follow_ups.get(promise)
    assert fu.status == Status.DONE and fu.resolved_by_touch_point_id is not None
    assert "Closed: Reply to Ana: Asked for the quote" in Window(qtbot, window).status()
    # AND Undo (Ctrl+Z) removes the email and opens the promise again
    Window(qtbot, window).undo()
    assert store.follow_ups.get(promise).status == Status.OPEN
    assert "Open again: Reply to Ana: Asked for the quote" in Window(qtbot, window).status()


def test_unticked_the_promise_stays_open(qtbot, modal, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Ana's question WHEN a newsletter email is logged with "This answers" unticked
    cid, promise = _ana_with_a_question(store)
    Window(qtbot, window).told_of_writes()
    ContactPage(window).open(cid)

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, TouchPointDialog)
        dialog.answer_boxes[0][0].click()
        dialog.summary.setText("November newsletter")
        dialog.accept()

    run = modal(fill, TouchPointDialog)
    Window(qtbot, window).trigger("log_touch_point")
    run.check()
    # THEN the promise stays open
    assert store.follow_ups.get(promise).status == Status.OPEN
    assert "Closed" not in Window(qtbot, window).status()


def test_deleting_the_answer_from_the_timeline_reopens_the_promise(qtbot, window, store: Store) -> None:  # type: ignore[no-untyped-def]
    # GIVEN Ana's question answered by an email
    cid, promise = _ana_with_a_question(store)
    answer = TouchPoint(cid, store.clock.now(), Channel.EMAIL, Direction.OUT, "Quote", tz="Europe/Lisbon")
    tp_id = log_touch_point(store, answer, answers=[promise]).touch_point_id
    Window(qtbot, window).told_of_writes()
    ContactPage(window).open(cid)
    # WHEN the email is deleted from the timeline
    ContactPage(window).delete_touch_point(tp_id)
    # THEN the promise is open again and the status bar says so; Undo answers it again
    assert store.follow_ups.get(promise).status == Status.OPEN
    assert "Open again: Reply to Ana" in Window(qtbot, window).status()
    Window(qtbot, window).undo()
    assert store.follow_ups.get(promise).resolved_by_touch_point_id == tp_id

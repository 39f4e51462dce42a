"""Write follow-up (Ctrl+Shift+W) when the tone check says "better as a call":
Plan a call instead opens the plan with that contact (pytest-qt, the real
window over a real database)."""

from __future__ import annotations

from datetime import timedelta

from mail_ui_data import add_ana
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from followup.domain import Channel, Direction, TouchPoint
from followup.engine.touch_points import log_touch_point
from followup.planning.model import FollowUp, Source
from followup.store import Store
from tests.conftest import NOW
from ui.engagements.plan_dialog import PlanDialog
from ui.mail.draft_dialog import DraftDialog
from ui.shell.mail_hookup import write_follow_up
from ui.shell.window import MainWindow


def test_plan_a_call_instead_opens_the_plan_with_the_contact(qtbot, window: MainWindow, store: Store, modal) -> None:  # type: ignore[no-untyped-def]
    # GIVEN a difficult last conversation with Ana, and a follow-up to write to her, selected in Today
    ana = add_ana(store)
    log_touch_point(
        store, TouchPoint(ana, NOW - timedelta(days=1), Channel.PHONE, Direction.OUT, "Late delivery", difficult=True)
    )
    store.follow_ups.add(FollowUp(ana, "Write to Ana about the delivery", Source.MANUAL, due=NOW, channel="email"))
    window.reload_contacts()
    window.registry.go_today.trigger()
    window.today.refresh()
    assert window.today_view.current() is not None
    seen: dict[str, object] = {}

    def choose_call(dialog: QWidget) -> None:
        assert isinstance(dialog, DraftDialog)
        seen["findings"] = [dialog.findings.item(i).toolTip() for i in range(dialog.findings.count())]
        assert dialog.call_button.isVisible()
        qtbot.mouseClick(dialog.call_button, Qt.MouseButton.LeftButton)

    def look_at_plan(dialog: QWidget) -> None:
        assert isinstance(dialog, PlanDialog)
        seen["planned_with"] = dialog.contact_ids()

    draft_run = modal(choose_call, DraftDialog)
    plan_run = modal(look_at_plan, PlanDialog)
    # WHEN the follow-up is written and "Plan a call instead" is chosen
    write_follow_up(window)
    draft_run.check()
    # THEN the plan opens with Ana
    plan_run.check()
    assert "better-as-call" in seen["findings"]  # type: ignore[operator]
    assert seen["planned_with"] == [ana]

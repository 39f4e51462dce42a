"""The mail feature hooked into the window (ui/shell/mail_hookup.install):
"Call instead" in the draft dialog opens the plan dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from window_pages import Today, Window

from ui.engagements.plan_dialog import PlanDialog
from ui.shell.window import MainWindow


class _CallInstead:
    """A draft dialog the user left with "Call instead"."""

    call_instead = True

    def __init__(self, *_args: object) -> None:
        pass

    def exec(self) -> int:
        return 0

    def deleteLater(self) -> None:  # the window lets go of the dialog after it is used
        pass


def test_call_instead_opens_the_plan_dialog(qtbot, modal, demo_window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.mail import draft_dialog
    from ui.shell import mail_hookup

    # GIVEN the mail feature installed and a follow-up selected in Today
    mail_hookup.install(demo_window)
    w = Window(qtbot, demo_window)
    w.trigger("go_today")
    assert Today(demo_window).current() is not None
    monkeypatch.setattr(draft_dialog, "DraftDialog", _CallInstead)
    opened: list[str] = []

    def look(dialog: QWidget) -> None:
        opened.append(type(dialog).__name__)
        dialog.close()

    run = modal(look, PlanDialog)
    # WHEN Write follow-up… ends with "Call instead"
    w.trigger("write_follow_up")
    run.check()
    # THEN the status bar says to plan the call and the plan dialog opened
    assert opened == ["PlanDialog"]
    assert w.status().startswith("Plan the call")

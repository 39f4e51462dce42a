"""Render the mail screens of issue 17 to PNG on a small made-up data set with
a fixed clock: a threaded timeline, an engagement showing who accepted, Today
with replies to invitations, the playbook editor with a step's mail template,
and a draft with tone findings.

    python tools/mail_ui_screenshots.py OUT_DIR [--dark]      (QT_SCALE_FACTOR=2 for 200%)

Look at each PNG after a change (the project's rule for screens).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import shot_kit
from PySide6.QtWidgets import QApplication

from followup.clock import FixedClock
from followup.domain import Channel, Contact, Direction, Kind, LabelledValue, Mood, TouchPoint
from followup.engine import plans
from followup.engine.touch_points import log_touch_point
from followup.mail.ingest import Ingestor, MailResult
from followup.mail.message import parse
from followup.planning.model import Engagement
from followup.store import Store

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # Wednesday 10:30 in Lisbon
ME = "mia@studio.example"


def mail(mid: str, subject: str, when: datetime, sender: str, to: str, refs: list[str], body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{mid}@shots>"
    if refs:
        msg["In-Reply-To"] = f"<{refs[-1]}@shots>"
        msg["References"] = " ".join(f"<{r}@shots>" for r in refs)
    msg.set_content(body)
    return msg


def answer(address: str, name: str, uid: str, method: str, partstat: str, hours: int) -> EmailMessage:
    comment = "COMMENT:Could we move it to the afternoon? The morning is our stand-up.\n" if method == "COUNTER" else ""
    ics = (
        f"BEGIN:VCALENDAR\nPRODID:-//Shots//EN\nVERSION:2.0\nMETHOD:{method}\nBEGIN:VEVENT\nUID:{uid}\n"
        f"DTSTAMP:20261124T090000Z\nSEQUENCE:0\nDTSTART:20261202T150000Z\nORGANIZER:mailto:{ME}\n"
        f"ATTENDEE;PARTSTAT={partstat}:mailto:{address}\n{comment}END:VEVENT\nEND:VCALENDAR\n"
    )
    msg = EmailMessage()
    msg["From"], msg["To"] = f"{name} <{address}>", ME
    msg["Subject"] = f"{partstat.title()}: Quarterly review"
    msg["Date"] = format_datetime(NOW - timedelta(hours=hours))
    msg["Message-ID"] = f"<{method}-{address}@shots>"
    msg.set_content(ics, subtype="calendar", params={"method": method})
    return msg


def fill(store: Store) -> dict[str, int]:
    store.settings.set("user_tz", "Europe/Lisbon")
    store.settings.set("user_email", ME)
    store.settings.set("user_name", "Mia Muster")
    add = store.contacts.add
    ana = add(Contact("Ana Lima", kind=Kind.CLIENT, tz="Europe/Lisbon", organisation="Acme Lda",
                      emails=[LabelledValue("ana@acme.pt", "work")]))  # fmt: skip
    bo = add(Contact("Bo Chen", kind=Kind.SUPPLIER, tz="America/New_York", organisation="Harbor Freight Co.",
                     emails=[LabelledValue("bo@harbor.example", "")]))  # fmt: skip
    dev = add(Contact("Devika Raman-Oliveira de Souza", kind=Kind.PARTNER, tz="Asia/Kolkata",
                      emails=[LabelledValue("devika@partner.example", "")]))  # fmt: skip
    add(Contact("נועה כהן", kind=Kind.CLIENT, tz="Asia/Jerusalem", emails=[LabelledValue("noa@example.co.il", "")]))
    ana_addr, me = "Ana Lima <ana@acme.pt>", f"Mia Muster <{ME}>"
    day = timedelta(days=1)
    thread = [
        mail("q1", "Quote for the rollout in Porto", NOW - 9 * day, ana_addr, ME, [],
             "Hi Mia, could you send us a quote for the rollout in Porto? Twelve seats, from January."),
        mail("q2", "Re: Quote for the rollout in Porto", NOW - 8 * day, me, ana_addr, ["q1"],
             "Hi Ana, here it is: twelve seats, onboarding included. Happy to walk you through it."),
        mail("q3", "Re: Quote for the rollout in Porto", NOW - 6 * day, ana_addr, ME, ["q1", "q2"],
             "Thanks! Does the onboarding cover the Lisbon team as well, or only Porto?"),
        mail("q4", "Re: Quote for the rollout in Porto", NOW - 5 * day, me, ana_addr, ["q1", "q2", "q3"],
             "Both teams: one session in each office, in the same week."),
        mail("inv", "Invoice 2026-114", NOW - 2 * day, ana_addr, "accounts@acme.pt", [],
             "Please find the invoice for November attached."),
    ]  # fmt: skip
    result = MailResult()
    ingestor = Ingestor(store, {ME})
    for msg in thread:
        ingestor.ingest(parse(msg.as_bytes()), result)
    log_touch_point(store, TouchPoint(ana, NOW - 3 * day, Channel.PHONE, Direction.OUT, "Called about the go-live date",
                                      tz="Europe/Lisbon", notes="She is under pressure from her board: keep it short.",
                                      mood=Mood.STRESSED))  # fmt: skip
    start = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    review = Engagement("Quarterly review", [ana, bo, dev], start=start, end=start + timedelta(hours=1),
                        tz="Europe/Lisbon", location="Acme office, Porto")  # fmt: skip
    eid = plans.create(store, review, plans.default_playbook(store, [ana])).engagement_id
    uid = store.engagements.get(eid).uid
    for msg in (
        answer("bo@harbor.example", "Bo Chen", uid, "REPLY", "ACCEPTED", 20),
        answer("devika@partner.example", "Devika Raman-Oliveira de Souza", uid, "REPLY", "DECLINED", 6),
        answer("ana@acme.pt", "Ana Lima", uid, "COUNTER", "TENTATIVE", 2),
    ):
        ingestor.ingest(parse(msg.as_bytes()), result)
    thanks = next(f for f in store.follow_ups.for_engagement(eid) if f.title.startswith("Thank Ana"))
    return {"ana": ana, "engagement": eid, "thanks": thanks.id or 0}


def main() -> int:
    args, _app, suffix = shot_kit.start()  # _app: the application lives while main runs
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "followup.db", FixedClock(NOW))
        ids = fill(store)
        from ui.shell.window import MainWindow

        window = MainWindow(store, store.clock, Path(tmp))
        window.resize(1280, 800)
        window.reload_contacts()
        window.registry.go_today.trigger()
        window.today.refresh()
        shot_kit.grab(window, args.out / f"today-replies{suffix}.png")

        window.open_contact(ids["ana"])
        page = window.contact_page
        model = page.timeline_model
        head = next(r for r in range(model.rowCount()) if model.row_info(r).count > 1)
        model.toggle_thread(head)
        page.timeline.setCurrentIndex(model.index(head, 0))
        window.show()
        QApplication.processEvents()
        page.timeline.scrollTo(model.index(head, 0), page.timeline.ScrollHint.PositionAtTop)
        shot_kit.grab(window, args.out / f"threaded-timeline{suffix}.png")

        from ui.engagements.answers_dialog import AnswersDialog

        dialog = AnswersDialog(window, ids["engagement"])
        shot_kit.grab(dialog, args.out / f"who-accepted{suffix}.png")
        dialog.close()

        from ui.engagements.playbook_editor import PlaybookEditorDialog

        editor = PlaybookEditorDialog(store, window)
        editor.steps.setCurrentRow(3)  # Client meeting: Thank {first} for the {engagement}
        editor.step_tabs.setCurrentIndex(1)
        shot_kit.grab(editor, args.out / f"playbook-template{suffix}.png")
        editor.close()

        from ui.mail.draft_dialog import DraftDialog

        draft = DraftDialog(store, ids["thanks"], window)
        draft.body.setPlainText(
            "hey Ana,\n\nthx for today!!! As I said PER MY LAST EMAIL the go-live is fixed, pls confirm asap.\n"
        )
        draft.recheck()
        shot_kit.grab(draft, args.out / f"draft-tone{suffix}.png")
        draft.close()
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
